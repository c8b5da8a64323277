import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../designer/src/designer/designer-api.js';
import type { DesignerText } from '../../designer/src/designer/designer-i18n.js';
import { DESIGNER_MESSAGES } from '../../designer/src/designer/designer-messages.js';
import { differenceLines, reasonWords } from '../../designer/src/designer/review/simulation-words.js';

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
