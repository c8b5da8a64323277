import type { RJSFValidationError } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import type { IndicatorChoices } from '../../designer/src/forms/form-context.js';
import { scoreProblem, withIndicatorScoreErrors } from '../../designer/src/forms/score-check.js';
import { MESSAGES } from '../../designer/src/i18n/messages.js';

const SCHEMA = {
  type: 'object',
  properties: {
    scores: { type: 'object', title: '指标评分', 'x-indicators': 'scores', minProperties: 1 },
    findings: { type: 'string', title: '评审意见' },
  },
};
const indicator = (id: string, title: string, maxScore: number) => ({
  id,
  title,
  maxScore,
  dimension: 'd',
  article: 'Art. 19',
  guidance: '',
});
const INDICATORS: IndicatorChoices = {
  items: [indicator('a', '领导小组', 4), indicator('b', '发展规划', 6), indicator('c', '标准化', 10)],
  dimensions: [{ id: 'd', title: '组织保障' }],
  vetoes: [],
  passScore: 12,
  illustrative: false,
};
const MESSAGES_ZH = {
  outOfRange: MESSAGES.zh.scoreOutOfRange,
  notNumber: MESSAGES.zh.scoreNotNumber,
  missing: MESSAGES.zh.scoresMissing,
  missingName: MESSAGES.zh.scoreMissingName,
  missingNamesJoin: MESSAGES.zh.scoreMissingNamesJoin,
  label: (field: string) => `「${field === 'scores' ? '指标评分' : field}」`,
  named: (title: string) => `「${title}」`,
};
const schemaError = (property: string, name: string): RJSFValidationError => ({
  name,
  property,
  message: name,
  stack: name,
});
const check = (data: unknown, errors: RJSFValidationError[] = []) =>
  withIndicatorScoreErrors(SCHEMA, INDICATORS, data, errors, MESSAGES_ZH).map((error) => [error.property, error.stack]);

describe('the score table checked in the browser, as the server checks it on 提交', () => {
  it("says a score above its indicator's maximum at its cell, in the list's words", () => {
    expect(check({ scores: { a: 5, b: 6, c: 0 } })).toEqual([['.scores.a', '「领导小组」的得分应为 0 至 4 分']]);
  });

  it('names every indicator left unscored, at the table, in the indicator system’s order', () => {
    expect(check({ scores: { b: 3 } })).toEqual([
      ['.scores', '「指标评分」尚有 2 项指标未评分：「领导小组」「标准化」'],
    ]);
  });

  it('names them in English between English quotes, not in 「」 (found by the walk: an English expert read 「Creation leading group…」「…」)', () => {
    const english = {
      ...MESSAGES_ZH,
      missing: MESSAGES.en.scoresMissing,
      missingName: MESSAGES.en.scoreMissingName,
      missingNamesJoin: MESSAGES.en.scoreMissingNamesJoin,
      label: () => 'Indicator scores: ',
    };
    const titled = {
      ...INDICATORS,
      items: INDICATORS.items.map((item, i) => ({ ...item, title: `Item ${String(i)}` })),
    };
    expect(
      withIndicatorScoreErrors(SCHEMA, titled, { scores: { b: 3 } }, [], english).map((error) => error.stack),
    ).toEqual(['Indicator scores: 2 indicators have no score yet: “Item 0”, “Item 2”']);
  });

  it('says a cell the schema already faults (letters, below 0) in the words the cell said as it was typed, at the cell and in the list (-1 read 「…的得分应为 0 至 4 分」 on leaving the cell, 「…」不能小于 0 after 提交)', () => {
    const letters = schemaError('.scores.a', 'type');
    expect(check({ scores: { a: '4分', b: 1, c: 1 } }, [letters])).toEqual([['.scores.a', '「领导小组」应当为数字']]);
    const below = [schemaError('.scores.b', 'minimum')];
    const said = withIndicatorScoreErrors(SCHEMA, INDICATORS, { scores: { a: 1, b: -1, c: 1 } }, below, MESSAGES_ZH);
    expect(said.map((error) => [error.property, error.message, error.stack])).toEqual([
      ['.scores.b', '「发展规划」的得分应为 0 至 6 分', '「发展规划」的得分应为 0 至 6 分'],
    ]);
    expect(scoreProblem(-1, '发展规划', 6, MESSAGES_ZH)).toBe(said[0]?.message);
    const english = { ...MESSAGES_ZH, outOfRange: MESSAGES.en.scoreOutOfRange, notNumber: MESSAGES.en.scoreNotNumber };
    const both = [schemaError('.scores.c', 'maximum'), schemaError('.scores.c', 'multipleOf')];
    expect(
      withIndicatorScoreErrors(SCHEMA, INDICATORS, { scores: { a: 1, b: 1, c: 150 } }, both, english).map((error) => [
        error.message,
        error.stack,
      ]),
    ).toEqual([['The score for “标准化” must be from 0 to 10', 'The score for “标准化” must be from 0 to 10']]);
  });

  it('keeps another schema error at a cell, named in the list by its indicator', () => {
    const other = schemaError('.scores.a', 'propertyNames');
    expect(check({ scores: { a: 1, b: 1, c: 1 } }, [other])).toEqual([['.scores.a', '「领导小组」propertyNames']]);
  });

  it('says letters in a cell as the list says them, 「indicator」应当为数字, not as a score out of range', () => {
    expect(scoreProblem('abc', '领导小组', 4, MESSAGES_ZH)).toBe('「领导小组」应当为数字');
    expect(scoreProblem(5, '领导小组', 4, MESSAGES_ZH)).toBe('「领导小组」的得分应为 0 至 4 分');
    expect(scoreProblem(4, '领导小组', 4, MESSAGES_ZH)).toBeUndefined();
  });

  it('says an empty table misses its indicators, not that it needs one property', () => {
    const fewer = schemaError('.scores', 'minProperties');
    const findings = schemaError('.findings', 'required');
    expect(check({ scores: {} }, [fewer, findings])).toEqual([
      ['.findings', 'required'],
      ['.scores', '「指标评分」尚有 3 项指标未评分：「领导小组」「发展规划」「标准化」'],
    ]);
  });

  it("adds nothing without the case's indicator system (its park type not known yet)", () => {
    const fewer = schemaError('.scores', 'minProperties');
    expect(withIndicatorScoreErrors(SCHEMA, undefined, { scores: {} }, [fewer], MESSAGES_ZH)).toEqual([fewer]);
  });
});
