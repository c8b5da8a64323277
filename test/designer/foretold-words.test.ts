import { describe, expect, it } from 'vitest';
import { earlierLine } from '../../designer/src/workbench/foretold-words.js';
import { MESSAGES } from '../../designer/src/i18n/messages.js';

describe('the foretold banner’s line on an earlier case', () => {
  const earlier = {
    id: 'c1',
    status: 'revoked',
    statusTitle: '已撤销认定',
    statusDate: '2026-03-16',
    due: { reapplyAllowedFrom: '2029-03-17' },
    dueTitles: { reapplyAllowedFrom: { title: '可再次提出创建申请之日', article: 'Art. 27' } },
  };
  const same = (words: string) => words;

  it('cites the date’s article in brackets, as the measures number it in Chinese, and leaves the brackets out where the date cites none', () => {
    const zh = earlierLine(earlier, 'reapplyAllowedFrom', (key) => MESSAGES.zh[key], same, 'zh');
    expect(zh).toBe(
      '此前的案件 c1 已于 2026-03-16 办结（已撤销认定）；可再次提出创建申请之日：2029-03-17（第二十七条）。',
    );
    expect(earlierLine(earlier, 'reapplyAllowedFrom', (key) => MESSAGES.en[key], same, 'en')).toBe(
      'Earlier case c1 ended on 2026-03-16 (已撤销认定); 可再次提出创建申请之日: 2029-03-17 (Art. 27).',
    );
    const unarticled = { ...earlier, dueTitles: { reapplyAllowedFrom: { title: '可再次提出创建申请之日' } } };
    expect(earlierLine(unarticled, 'reapplyAllowedFrom', (key) => MESSAGES.zh[key], same, 'zh')).toBe(
      '此前的案件 c1 已于 2026-03-16 办结（已撤销认定）；可再次提出创建申请之日：2029-03-17。',
    );
    expect(earlierLine(unarticled, 'reapplyAllowedFrom', (key) => MESSAGES.en[key], same, 'en')).toBe(
      'Earlier case c1 ended on 2026-03-16 (已撤销认定); 可再次提出创建申请之日: 2029-03-17.',
    );
  });
});
