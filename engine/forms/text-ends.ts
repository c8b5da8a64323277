import { nestedDeeperThan } from './json-depth.js';

/**
 * Spaces a typist leaves at either end of a text: white space of the keyboard and the no-break
 * space. Not the ideographic space (U+3000): two of them open a paragraph in Chinese writing.
 */
const isTypedSpace = (char: string) => /^[ \t\r\n\f\v\u00a0]$/.test(char);

/**
 * `text` without the characters `isEnd` takes at either end. Scanned from each end, not by a regex:
 * `/[…]+$/` tries each run of spaces from each of its characters, and a text of 62,000 spaces between
 * two letters held the server's one thread for seconds (a sign-in name, any form text).
 */
export function trimEnds(text: string, isEnd: (char: string) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEnd(text.charAt(start))) start += 1;
  while (end > start && isEnd(text.charAt(end - 1))) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

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
  if (typeof data === 'string') return trimEnds(data, isTypedSpace);
  if (Array.isArray(data)) return data.map(trimmed);
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, trimmed(value)]));
}
