import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../designer/src/i18n/messages.js';
import {
  noticeIntro,
  objectionFinal,
  objectionHint,
  objectionNoticeClosed,
  objectionReceipt,
} from '../../designer/src/public/notice-text.js';
import { COUNTY, FIRST } from './fixtures/public-programmes.js';

// What the notices page says of a programme's notices: its manifest's publicNotice words, or the
// page's own (the first programme's, word for word).

const RECEIPT = { park: '云溪县', caseId: 'c1', evidence: 2, evidenceTitle: '证明材料' };

describe('the notices page in the programmes’ words', () => {
  for (const language of ['zh', 'en'] as const) {
    const t = (key: keyof (typeof MESSAGES)['zh']) => MESSAGES[language][key];
    it(`the first programme reads the page's own texts as before (${language})`, () => {
      expect(noticeIntro([FIRST], t, language)).toBe(MESSAGES[language].noticeIntro);
      expect(objectionHint(undefined, t, language, '书面举证材料')).toBe(MESSAGES[language].objectionHint);
      expect(objectionFinal(undefined, t, language)).toBe(MESSAGES[language].objectionFinal);
      expect(objectionReceipt(undefined, t, language, RECEIPT)).toContain(
        language === 'zh' ? '市场监管总局将对异议进行复核（第二十二条）。' : 'SAMR will review it (Art. 22).',
      );
    });
  }

  it("county-brand reads its own articles and reviewer; both side by side, neither's introduction", () => {
    const t = (key: keyof (typeof MESSAGES)['zh']) => MESSAGES.zh[key];
    expect(noticeIntro([COUNTY], t, 'zh')).toBe(
      '以下为市场监管总局正在公示的拟命名的全国质量品牌强县；每项公示的起止日期见其下方，公示期内可以提出异议（第十五条、第十六条）。',
    );
    expect(objectionReceipt(COUNTY.publicNotice, t, 'zh', RECEIPT)).toBe(
      '您对「云溪县」的异议已收到（案件 c1，证明材料 2 份）。市场监管总局将对异议进行复核（第十六条）。',
    );
    // A notice closed since the page was loaded: under its own article (it cited 第二十二条).
    expect(objectionNoticeClosed(COUNTY.publicNotice, t, 'zh', '2026-07-03 — 2026-07-09')).toContain(
      '不再受理异议（第十六条）',
    );
    expect(objectionNoticeClosed(undefined, t, 'zh', 'P')).toBe(
      MESSAGES.zh.objectionNoticeClosed.replace('{period}', 'P'),
    );
    // The evidence as its form calls it (it read 书面举证材料, the first programme's field).
    expect(objectionHint(COUNTY.publicNotice, t, 'zh', '证明材料')).toBe(
      '任何单位或个人对公示名单有不同意见的，可提出异议，并提供证明材料（第十六条）。',
    );
    expect(noticeIntro([FIRST, COUNTY], t, 'zh')).toBe(MESSAGES.zh.noticeIntroAll);
    expect(noticeIntro(undefined, t, 'zh')).toBe('');
  });
});
