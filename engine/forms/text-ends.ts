import { nestedDeeperThan } from './json-depth.js';

/**
 * Spaces a typist leaves at either end of a text: white space of the keyboard and the no-break
 * space. Not the ideographic space (U+3000): two of them open a paragraph in Chinese writing.
 */
const ENDS = /^[ \t\r\n\f\v\u00a0]+|[ \t\r\n\f\v\u00a0]+$/g;

/** Deeper than any form nests: such data is left as it is, for the validator to refuse. */
const DEEPEST = 64;

/**
 * Form data with every text trimmed at both ends (「 苏州工业园区 」 is stored as 「苏州工业园区」, a
 * postcode 「 215000 」 is valid): what the engine stores and what the browser checks, the same.
 */
export function trimmedTexts(data: unknown): unknown {
  return nestedDeeperThan(data, DEEPEST) ? data : trimmed(data);
}

function trimmed(data: unknown): unknown {
  if (typeof data === 'string') return data.replace(ENDS, '');
  if (Array.isArray(data)) return data.map(trimmed);
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, trimmed(value)]));
}
