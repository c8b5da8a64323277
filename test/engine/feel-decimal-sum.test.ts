import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decimalSum } from '../../engine/feel/decimal-sum.js';
import { evaluateFeel, feelContext } from '../../engine/feel/feel-context.js';
import type { Indicators } from '../../engine/definitions/types.js';

const VERSION = 'definitions/quality-brand-zone/2024-03-14';

/** The in-force diagram's condition for passing the expert evaluation (Art. 21: no veto, total ≥ pass mark). */
async function passCondition(): Promise<string> {
  const bpmn = await readFile(`${VERSION}/process.bpmn`, 'utf8');
  const flow = /id="Flow_evaluationResult_to_publicity_acceptance"[\s\S]*?<bpmn:conditionExpression[^>]*>([^<]*)</.exec(
    bpmn,
  );
  if (flow?.[1] === undefined) throw new Error('no pass condition');
  return flow[1].replaceAll('&gt;', '>').replaceAll('&lt;', '<').replaceAll('&amp;', '&');
}

const indicators = JSON.parse(await readFile(`${VERSION}/indicators.json`, 'utf8')) as Indicators;

const passes = async (scores: Record<string, number>) => {
  const context = feelContext({
    variables: { scores, vetoes: [] },
    facts: {
      subject: 'P-001',
      region: '320000',
      process: 'quality-brand-zone',
      version: '2024-03-14',
      status: 'accepting',
      due: {},
      history: [],
    },
    names: {
      subject: { name: 'park', title: '园区' },
      region: { name: 'province', title: '省级单位', directory: 'provinces' },
    },
    rules: {},
    indicators,
    today: '2025-04-02',
  });
  return evaluateFeel(await passCondition(), context);
};

/**
 * An expert's scores in tenths that add up to the pass mark exactly: 79.99999999999999 in doubles,
 * and the park was not recognised (Art. 21) — found scoring in Chromium, where the form's total read
 * 6.300000000000001 after 3.1 and 3.2.
 */
describe('scores in decimals add up as written', () => {
  const tenths = [4, 4, 4, 6, 5, 4, 5, 5, 5, 4, 5, 6, 2.6, 3.3, 4.6, 3.5, 1.8, 0.1, 4, 3.1];
  const scores = Object.fromEntries(tenths.map((score, index) => [`i${index}`, score]));

  it('passes a total of exactly 80 in tenths, and fails one a tenth below', async () => {
    expect(tenths.reduce((sum, score) => sum + score, 0)).toBeLessThan(80);
    expect(await passes(scores)).toEqual({ value: true, warnings: [] });
    expect(await passes({ ...scores, i19: 3 })).toEqual({ value: false, warnings: [] });
  });

  it('sums as FEEL’s sum does otherwise: a list or several arguments; null for none or for one that is no number', () => {
    const sum = (expression: string) =>
      evaluateFeel(
        expression,
        feelContext({
          variables: {},
          facts: { subject: 'P', region: 'R', process: 'p', version: 'v', status: 's', due: {}, history: [] },
          names: {
            subject: { name: 'park', title: '园区' },
            region: { name: 'province', title: '省级单位', directory: 'provinces' },
          },
          rules: {},
          indicators: undefined,
          today: '2025-04-02',
        }),
      ).value;
    expect(sum('sum([3.1, 3.2])')).toBe(6.3);
    expect(sum('sum(0.1, 0.2)')).toBe(0.3);
    expect(sum('sum([])')).toBe(null);
    expect(sum('sum([1, "2"])')).toBe(null);
    expect(sum('sum(list: [1.5, 2.25])')).toBe(3.75);
  });

  it('adds numbers with an exponent or many places as doubles', () => {
    expect(decimalSum([0.1, 0.2])).toBe(0.3);
    expect(decimalSum([1e-7, 2e-7])).toBe(1e-7 + 2e-7);
    expect(decimalSum([1e21, 1])).toBe(1e21 + 1);
    expect(decimalSum([])).toBe(0);
  });
});
