import type { Indicator, Indicators } from '../../../../engine/definitions/types.js';
import { decimalSum } from '../../../../engine/feel/decimal-sum.js';

/** The sum of maximum scores of a variant, and per dimension (Art. 19's indicator system). */
export function variantTotals(indicators: readonly Indicator[]): { total: number; byDimension: Map<string, number> } {
  const maxima = new Map<string, number[]>();
  for (const indicator of indicators) {
    const score = Number.isFinite(indicator.maxScore) ? indicator.maxScore : 0;
    maxima.set(indicator.dimension, [...(maxima.get(indicator.dimension) ?? []), score]);
  }
  // As decimals, as the validator and the pass condition add them (tenths totalling 80 are 80).
  const byDimension = new Map([...maxima].map(([dimension, scores]) => [dimension, decimalSum(scores)]));
  return { total: decimalSum([...maxima.values()].flat()), byDimension };
}

/** Every variant's total against the pass mark (the validator refuses an unreachable pass mark). */
export function passReachable(data: Indicators): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(data.variants).map(([variant, list]) => [variant, variantTotals(list).total >= data.passScore]),
  );
}

/** The maximum the guidance text states ("满分4分"), when it states one. */
export function guidanceMaxScore(guidance: string): number | undefined {
  const match = /满分\s*(\d+(?:\.\d+)?)\s*分/.exec(guidance);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
