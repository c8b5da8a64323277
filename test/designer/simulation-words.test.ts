import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../designer/src/designer/designer-api.js';
import type { DesignerText } from '../../designer/src/designer/designer-i18n.js';
import { DESIGNER_MESSAGES } from '../../designer/src/designer/designer-messages.js';
import { periodWords } from '../../designer/src/designer/periods/period-words.js';
import {
  differenceLines,
  incidentEventWords,
  incidentSummary,
  reasonWords,
} from '../../designer/src/designer/review/simulation-words.js';
import { actionWords, type TimelineNames } from '../../designer/src/designer/review/timeline-words.js';

// A simulation's result in the officer's words (issue 12, item 5).

const d: DesignerText = (key, values = {}) =>
  DESIGNER_MESSAGES.zh[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
const TITLES: Record<string, string> = { publicityEnds: '公示期最后一日', demonstrationEnds: '示范期最后一日' };
const title = (name: string) => TITLES[name];

describe('simulation results in words', () => {
  it('says each moved date once, by its declared title, new before old', () => {
    const result: Simulation = {
      name: 'full-lifecycle.json',
      differences: [
        {
          step: 20,
          action: 'expect',
          current: { publicityEnds: '2025-05-06' },
          draft: { publicityEnds: '2025-05-08' },
        },
        {
          step: 21,
          action: 'advanceTo',
          current: { publicityEnds: '2025-05-06', other: '2025-01-01' },
          draft: { publicityEnds: '2025-05-08' },
        },
      ],
    };
    expect(differenceLines(d, title, result)).toEqual([
      '公示期最后一日：新版本为 2025-05-08，原为 2025-05-06',
      'other：原为 2025-01-01，新版本没有这个日期',
    ]);
  });

  it("turns the runner's failed expectation into the same words, keeping what it cannot read", () => {
    expect(
      reasonWords(
        d,
        title,
        'expect on case "c1": due.publicityEnds is 2025-05-08, expected 2025-05-06; due.demonstrationEnds is not set, expected 2028-05-07; status is x, expected y',
      ),
    ).toBe(
      '公示期最后一日：新版本为 2025-05-08，原为 2025-05-06；示范期最后一日：原为 2028-05-07，新版本没有这个日期；status is x, expected y',
    );
  });
});

describe('a timeline step in words', () => {
  const names: TimelineNames = {
    task: (taskId) => (taskId === 'provincialFeasibilityReview' ? '省级可行性审核' : undefined),
    message: (name) => (name === 'objection' ? '收到异议' : undefined),
    status: () => undefined,
  };
  const words = (action: string) => actionWords(d, names, action, (duration) => periodWords(duration, 'zh'));

  it('names the task and the message by their elements, periods and instants in words', () => {
    expect(words('complete provincialFeasibilityReview')).toBe('办结「省级可行性审核」');
    expect(words('message objection')).toBe('消息事件「收到异议」');
    expect(words('advance P1Y')).toBe('时间向后推进 1 年');
    expect(words('advanceTo 2025-04-02T00:00:00+08:00')).toBe('时间推进至 2025-04-02 00:00');
    expect(words('start')).toBe('开始案件');
    expect(words('expect')).toBe('核对案件状态与日期');
  });

  it('keeps the id of an element the diagram does not name, and an action it does not know, as written', () => {
    expect(words('complete removedTask')).toBe('办结「removedTask」');
    expect(words('teleport c1')).toBe('teleport c1');
  });
});

describe('the incidents of a simulation in words', () => {
  const incident = (alias: string, kind: 'calendar-missing' | 'evaluation') => ({
    case: alias,
    caseId: `c_${alias}`,
    kind,
    element: 'publicityEndsTimer_acceptance',
    message: '节假日日历 cn 尚无 2027 年的安排',
    at: '2025-04-25T01:00:00.000Z',
  });
  const en: DesignerText = (key, values = {}) =>
    DESIGNER_MESSAGES.en[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );

  it('says how many cases a run left holding one, and of which kinds, in Chinese and in English', () => {
    const held = [incident('c1', 'calendar-missing'), incident('c2', 'calendar-missing'), incident('c2', 'evaluation')];
    expect(incidentSummary(d, held)).toBe(
      '运行结束时 2 个案件存在流程异常：节假日日历缺失，日期无法计算；条件无法计算',
    );
    expect(incidentSummary(en, held)).toBe(
      'Cases holding an incident at the end: 2 — holiday calendar missing, a date cannot be computed; a condition cannot be evaluated',
    );
    expect(incidentSummary(d, [])).toBeUndefined();
  });

  it('says each incident a step raised or cleared', () => {
    expect(incidentEventWords(d, { event: 'raised', ...incident('c1', 'calendar-missing') })).toBe(
      '出现异常：节假日日历缺失，日期无法计算（c1）',
    );
    expect(incidentEventWords(en, { event: 'cleared', ...incident('c1', 'calendar-missing') })).toBe(
      'Incident cleared: holiday calendar missing, a date cannot be computed (c1)',
    );
  });
});
