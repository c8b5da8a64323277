import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RJSFValidationError } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { englishCount } from '../../engine/english-count.js';
import { ENGINE_SAYS } from '../../engine/messages.js';
import { SAY } from '../../server/messages.js';
import { CALENDAR_MESSAGES } from '../../designer/src/calendars/calendar-messages.js';
import { DESIGNER_MESSAGES } from '../../designer/src/designer/designer-messages.js';
import { errorTransformer } from '../../designer/src/forms/error-messages.js';
import { messageOf } from '../../designer/src/forms/ajv-messages.js';
import { fill } from '../../designer/src/i18n/fill.js';
import { MESSAGES } from '../../designer/src/i18n/messages.js';
import { INBOX_MESSAGES } from '../../designer/src/i18n/messages-inbox.js';
import { periodWords } from '../../designer/src/designer/periods/period-words.js';

const ROOT = join(import.meta.dirname, '../..');

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('counts in English', () => {
  // "file(s)" reads as a form to be filled in; a count says "1 file" or "3 files". http(s) is no plural,
  // and a comment may name what it avoids.
  it('no message the apps or the command line write says a plural as "(s)" or "(es)"', () => {
    const said = (line: string) =>
      !/^\s*(\/\/|\/?\*)/.test(line) && /[a-z]\(e?s\)/.test(line.replaceAll('http(s)', ''));
    const plurals = ['designer/src', 'server', 'engine'].flatMap(sources).flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, index) => (said(line) ? [`${path}:${index + 1}`] : [])),
    );
    expect(plurals).toEqual([]);
  });

  it('the designer’s English sends a policy officer to no command line, as its Chinese does not', () => {
    // The 校验 tab read in English “The checks of npm run validate.” beside 检查这个草稿能否发布….
    const said = (texts: Record<string, string>) =>
      Object.entries(texts).flatMap(([key, text]) => (/\bnpm\b/.test(text) ? [key] : []));
    expect(said(DESIGNER_MESSAGES.en)).toEqual([]);
    expect(said(DESIGNER_MESSAGES.zh)).toEqual([]);
  });

  it('say one thing in the singular and any other count in the plural', () => {
    expect(englishCount(1, 'file')).toBe('1 file');
    expect(englishCount(0, 'file')).toBe('0 files');
    expect(englishCount(3, 'veto', 'vetoes')).toBe('3 vetoes');
    expect(fill('{count} {count, plural, one {veto} other {vetoes}}', { count: 1 })).toBe('1 veto');
    expect(fill('{count, plural, one {# veto} other {# vetoes}}', { count: 2 })).toBe('2 vetoes');
  });

  it('read right in the catalogues, and the Chinese is as it was', () => {
    const en = MESSAGES.en;
    expect(fill(en.incidentsTitle, { count: 1 })).toBe('This case has 1 incident to resolve before it can go on');
    expect(fill(en.incidentsTitle, { count: 2 })).toBe('This case has 2 incidents to resolve before it can go on');
    expect(fill(en.scoreSummaryVetoes, { count: 1 })).toBe('1 veto');
    expect(fill(en.scoreSummaryVetoes, { count: 2 })).toBe('2 vetoes');
    expect(fill(en.objectionReceipt, { park: 'P', caseId: 'c1', evidence: 1 })).toContain('(case c1, 1 evidence file)');
    expect(fill(en.objectionReceipt, { park: 'P', caseId: 'c1', evidence: 0 })).toContain(
      '(case c1, 0 evidence files)',
    );
    expect(fill(en.agoMinutes, { count: 1 })).toBe('1 minute ago');
    // The inbox's due tag read Overdue 1 working days.
    expect(fill(INBOX_MESSAGES.en.overdueBy, { count: 1 })).toBe('Overdue 1 working day');
    expect(fill(INBOX_MESSAGES.en.workingDaysLeftTag, { count: 2 })).toBe('2 working days');
    expect(fill(INBOX_MESSAGES.zh.overdueBy, { count: 1 })).toBe('逾期 1 个工作日');
    expect(fill(en.agoHours, { count: 5 })).toBe('5 hours ago');
    expect(fill(en.scoresMissing, { count: 1, names: 'A' })).toBe('1 indicator has no score yet: A');
    expect(fill(DESIGNER_MESSAGES.en.notRunnable, { count: 1 })).toMatch(/^The imported diagram has 1 construct this/);
    expect(fill(CALENDAR_MESSAGES.en.published, { year: 2025, revision: 2, resolved: 1, redated: 3 })).toBe(
      '2025 published (revision 2); incidents resolved on 1 case, due dates moved on 3 cases',
    );
    expect(fill(MESSAGES.zh.incidentsTitle, { count: 1 })).toBe(MESSAGES.zh.incidentsTitle.replace('{count}', '1'));
    // The count where it stands (the case id 'c1' holds a 1 too: containing '1' proved nothing).
    expect(fill(MESSAGES.zh.objectionReceipt, { park: 'P', caseId: 'c1', evidence: 1 })).toContain('书面举证材料 1 份');
  });

  it('read right in the forms, the due dates and the server’s and engine’s refusals', () => {
    const minItems = (limit: number): RJSFValidationError => ({
      name: 'minItems',
      property: '.files',
      params: { limit },
      message: '',
      stack: '',
    });
    const schema = {
      type: 'object',
      properties: { files: { type: 'array', items: { type: 'string', format: 'attachment-id' } } },
    };
    const messages = errorTransformer(schema, 'en')([minItems(1), minItems(2)]).map((error) => error.message);
    expect(messages).toEqual(['upload at least 1 file', 'upload at least 2 files']);
    expect(messageOf('contains', {})).toBe('must contain at least 1 valid item');
    // The case page's compact words and the designer's spaced ones, from one helper.
    const compact = { compact: true };
    expect(periodWords(1, 'en', compact)).toBe('1 working day');
    expect(periodWords('P1Y2M', 'en', compact)).toBe('1 year 2 months');
    expect(periodWords('P1Y2M', 'zh', compact)).toBe('1年2个月');
    expect(periodWords('P1Y', 'zh', { compact: true, times: 3 })).toBe('3年');
    expect(periodWords(5, 'zh', compact)).toBe('5个工作日');
    expect(periodWords('P1Y2M', 'zh')).toBe('1 年 2 个月');
    expect(periodWords('P1Y', 'en')).toBe('1 year');
    expect(periodWords(5, 'en')).toBe('5 working days');
    expect(SAY.draftWarnings(1).en).toMatch(/^The draft has 1 warning and/);
    expect(SAY.draftWarnings(2).en).toMatch(/^The draft has 2 warnings and/);
    expect(ENGINE_SAYS.calendarNeeded(1).en).toBe('a period of 1 working day needs a working-day calendar');
  });
});

describe('a refusal names the button it offers by the button’s own words', () => {
  it('此任务已办结 … 请刷新 sits beside 刷新, and in English … Reload … beside Reload (it said Refresh)', () => {
    for (const language of ['zh', 'en'] as const)
      expect(MESSAGES[language].taskDoneElsewhere).toContain(MESSAGES[language].reload);
  });
});
