import { describe, expect, it } from 'vitest';
import type { Indicator, Indicators } from '../../engine/definitions/types.js';
import { passReachable, variantTotals } from '../../designer/src/designer/indicators/indicator-totals.js';

const indicator = (id: string, dimension: string, maxScore: number): Indicator => ({
  id,
  dimension,
  title: id,
  article: 'Art. 19',
  maxScore,
  guidance: '',
});

/** The indicator editor's totals add maxima in tenths as written, as the validator does (it said 79.99999999999999). */
describe('a variant’s totals in the indicator editor', () => {
  const tenths = [4, 4, 4, 6, 5, 4, 5, 5, 5, 4, 5, 6, 2.6, 3.3, 4.6, 3.5, 1.8, 0.1, 4, 3.1];
  const list = tenths.map((maxScore, index) => indicator(`i${index}`, index < 12 ? 'a' : 'b', maxScore));

  it('totals 80, and 23 for the dimension in tenths', () => {
    const { total, byDimension } = variantTotals(list);
    expect(total).toBe(80);
    expect(byDimension.get('a')).toBe(57);
    expect(byDimension.get('b')).toBe(23);
  });

  it('reaches a pass mark of 80', () => {
    const data = { passScore: 80, variants: { industry: list } } as unknown as Indicators;
    expect(passReachable(data)).toEqual({ industry: true });
  });
});
