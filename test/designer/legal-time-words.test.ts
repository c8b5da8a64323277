import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFile } from '../../engine/legal-time/calendar-file.js';
import { calendarFromFiles, type WorkingDayCalendar } from '../../engine/legal-time/pure.js';
import {
  explainLegalTime,
  type LegalTimeTerms,
} from '../../designer/src/designer/diagram/legal-time/legal-time-words.js';
import { DEFINITIONS_ROOT } from '../definitions/helpers.js';
import { DESIGNER_MESSAGES, type DesignerMessageKey } from '../../designer/src/designer/designer-messages.js';
import { fill } from '../../designer/src/i18n/fill.js';

// The legal time of a timer in words, with a worked example computed from the calendar (issue 12, item 1).

let calendar: WorkingDayCalendar;
beforeAll(async () => {
  const files = await Promise.all(
    [2024, 2025, 2026].map(
      async (year) =>
        JSON.parse(await readFile(join(DEFINITIONS_ROOT, 'calendars/cn', `${year}.json`), 'utf8')) as CalendarFile,
    ),
  );
  calendar = calendarFromFiles(files, 'cn');
});

/** The explanation in `language`, in the designer's messages, on the real calendar. */
const explain = (
  declaration: Parameters<typeof explainLegalTime>[0],
  terms: LegalTimeTerms,
  day: string,
  language: 'zh' | 'en' = 'zh',
) =>
  explainLegalTime(
    declaration,
    terms,
    day,
    calendar,
    (key: DesignerMessageKey, values = {}) => fill(DESIGNER_MESSAGES[language][key], values),
    language,
  );

const RULES: Record<string, { title: string; value: string | number }> = {
  publicityMinWorkingDays: { title: '评估验收及复审结果公示期（不少于五个工作日，第二十二条、第二十八条）', value: 5 },
  reReviewWindowBeforeExpiry: { title: '复审申请窗口（示范期到期前六个月起）', value: 'P6M' },
  creationMinPeriod: { title: '创建活动最短期限（原则上不少于一年）', value: 'P1Y' },
};
const DATES: Record<string, string> = {
  publicityStarts: '公示之日',
  publicityEnds: '公示期最后一日',
  demonstrationEnds: '示范期最后一日',
  reReviewOpens: '可申请复审之日',
  acceptanceOpens: '可申请验收之日',
};
const terms = (value?: number): LegalTimeTerms => ({
  rule: (name) => {
    const rule = RULES[name];
    return rule === undefined || value === undefined || name !== 'publicityMinWorkingDays' ? rule : { ...rule, value };
  },
  date: (name) => DATES[name],
});

describe('a timer in words, with an example date', () => {
  const notice = { rule: 'publicityMinWorkingDays', from: 'publicityStarts', due: 'publicityEnds', dueIs: 'lastDay' };

  it('the notice: five working days after 2025-09-26 end on 2025-10-10 (National Day); seven on 2025-10-13', () => {
    expect(explain(notice, terms(), '2025-09-26')).toEqual({
      words: '自公示之日起，向后计算 5个工作日（评估验收及复审结果公示期）；期限最后一日即「公示期最后一日」',
      example: '例：若公示之日为 2025-09-26，则公示期最后一日为 2025-10-10',
    });
    expect(explain(notice, terms(7), '2025-09-26')?.example).toBe(
      '例：若公示之日为 2025-09-26，则公示期最后一日为 2025-10-13',
    );
  });

  it('a period before a date, and one from entry whose fire day is exposed', () => {
    const window = {
      rule: 'reReviewWindowBeforeExpiry',
      from: 'demonstrationEnds',
      direction: 'before',
      due: 'reReviewOpens',
      dueIs: 'fireDay',
    };
    expect(explain(window, terms(), '2027-06-03')).toEqual({
      words: '示范期最后一日之前 6个月 的对应日（复审申请窗口）；该日即「可申请复审之日」',
      example: '例：若示范期最后一日为 2027-06-03，则可申请复审之日为 2026-12-03',
    });
    const creation = { rule: 'creationMinPeriod', due: 'acceptanceOpens', dueIs: 'fireDay' };
    expect(explain(creation, terms(), '2024-04-01')?.example).toBe(
      '例：若进入此环节之日为 2024-04-01，则可申请验收之日为 2025-04-02',
    );
  });

  it('says so when the calendar has no data for the year, and explains nothing on an element without legal time', () => {
    expect(explain(notice, terms(), '2026-12-28')?.example).toMatch(/^无法计算示例/);
    expect(explain({}, terms(), '2025-09-26')).toBeUndefined();
    expect(explain({ timer: true, due: 'publicityEnds' }, terms(), '2025-09-26')?.words).toBe(
      '未指定期限规则：请选择期限规则',
    );
    expect(explain({ due: 'publicityEnds' }, terms(), '2025-09-26')?.words).toBe(
      '记录进入此环节之日为「公示期最后一日」',
    );
  });
});

describe('a timer in words in English', () => {
  // The definitions' titles as the programme's catalogue gives them (translations/en.json).
  const english: LegalTimeTerms = {
    rule: (name) =>
      name === 'publicityMinWorkingDays'
        ? {
            title: 'Public notice period for acceptance and re-review results (no fewer than five working days)',
            value: 5,
          }
        : name === 'reReviewWindowBeforeExpiry'
          ? {
              title: 'Re-review application window (from six months before the demonstration period ends)',
              value: 'P6M',
            }
          : undefined,
    date: (name) =>
      ({
        publicityStarts: 'Date of public notice',
        publicityEnds: 'Last day of the public notice period',
        demonstrationEnds: 'Last day of the demonstration period',
        reReviewOpens: 'Date from which re-review may be applied for',
      })[name],
  };
  const notice = { rule: 'publicityMinWorkingDays', from: 'publicityStarts', due: 'publicityEnds', dueIs: 'lastDay' };
  const han = /[\u3400-\u9fff（）「」；：，]/;

  it('says the notice and its example in English (they stayed 自…起，向后计算 … / 例：若…), by the titles given', () => {
    expect(explain(notice, english, '2025-09-26', 'en')).toEqual({
      words:
        'From “Date of public notice”, 5 working days counted forward (Public notice period for acceptance and re-review results); the last day of the period is “Last day of the public notice period”',
      example: 'E.g. if “Date of public notice” is 2025-09-26, “Last day of the public notice period” is 2025-10-10',
    });
    const window = {
      rule: 'reReviewWindowBeforeExpiry',
      from: 'demonstrationEnds',
      direction: 'before',
      due: 'reReviewOpens',
    };
    const before = explain(window, english, '2027-06-03', 'en');
    expect(before?.example).toBe(
      'E.g. if “Last day of the demonstration period” is 2027-06-03, “Date from which re-review may be applied for” is 2026-12-03',
    );
    for (const declaration of [
      notice,
      window,
      { rule: 'publicityMinWorkingDays', cycle: 'true' },
      { rule: 'publicityMinWorkingDays', dueIs: 'fireDay' },
      { rule: 'missing' },
      { timer: true },
      { due: 'publicityEnds' },
    ]) {
      for (const day of ['2025-09-26', '2026-12-28']) {
        const explained = explain(declaration, english, day, 'en');
        expect(`${explained?.words} ${explained?.example}`).not.toMatch(han);
      }
    }
  });
});
