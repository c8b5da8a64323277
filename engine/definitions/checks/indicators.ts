import { INDICATORS_SCHEMA } from '../file-schemas.js';
import { pointerToken, type FileProblems } from '../problems.js';
import type { Indicators } from '../types.js';
import { decimalSum } from '../../feel/decimal-sum.js';
import { checkShape, parseJson } from './json.js';

/** `indicators.json` (CONTRACT §4): unique ids, known dimensions, a reachable pass mark, unique vetoes. */
export function checkIndicators(text: string, problems: FileProblems): Indicators | undefined {
  const data = parseJson(text, problems);
  if (!checkShape<Indicators>(data, INDICATORS_SCHEMA, problems)) return undefined;
  const dimensions = data.dimensions === undefined ? undefined : new Set(data.dimensions.map((dimension) => dimension.id));
  for (const [variant, indicators] of Object.entries(data.variants)) {
    const at = `/variants/${pointerToken(variant)}`;
    const seen = new Set<string>();
    for (const [index, indicator] of indicators.entries()) {
      if (seen.has(indicator.id)) {
        problems.error('indicator-duplicate', `indicator id "${indicator.id}" is used twice in variant "${variant}"`, {
          pointer: `${at}/${index}/id`,
        });
      }
      seen.add(indicator.id);
      if (dimensions !== undefined && !dimensions.has(indicator.dimension)) {
        problems.error('indicator-dimension', `dimension "${indicator.dimension}" is not one of dimensions[].id`, {
          pointer: `${at}/${index}/dimension`,
        });
      }
    }
    // Added as the pass condition adds scores: maxima in tenths totalling the pass mark reach it.
    const total = decimalSum(indicators.map((indicator) => indicator.maxScore));
    if (total < data.passScore) {
      problems.error(
        'pass-score-unreachable',
        `variant "${variant}" scores at most ${total}, below the pass score ${data.passScore}`,
        { pointer: at },
      );
    }
  }
  const vetoes = new Set<string>();
  for (const [index, veto] of data.vetoes.entries()) {
    if (vetoes.has(veto.id)) {
      problems.error('veto-duplicate', `veto id "${veto.id}" is listed twice`, { pointer: `/vetoes/${index}/id` });
    }
    vetoes.add(veto.id);
  }
  return data;
}
