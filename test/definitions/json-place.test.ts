import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPlace } from '../../engine/definitions/json-place.js';

/** JSON.parse's verdict: undefined when it takes the text, else the offset its message names (V8 names one for most mistakes). */
const refusal = (text: string): { at: number | undefined } | undefined => {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const at = /at position (\d+)/.exec((error as Error).message)?.[1];
    return { at: at === undefined ? undefined : Number(at) };
  }
};

/** The offset of a line and column in `text`. */
const offsetOf = (text: string, line: number, column: number) =>
  text
    .split('\n')
    .slice(0, line - 1)
    .reduce((sum, before) => sum + before.length + 1, 0) +
  column -
  1;

// The designer's JSON boxes (a form's example, a composite field) say where the text stops being JSON.

describe('where a text stops being JSON', () => {
  it('by line and column, the mistake itself or the end of a text cut short', () => {
    expect(jsonPlace('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1, end: false });
    expect(jsonPlace('{\n  "a": oops\n}')).toEqual({ line: 2, column: 8, end: false });
    expect(jsonPlace('not json')).toEqual({ line: 1, column: 2, end: false });
    expect(jsonPlace('{"a": [1, 2]')).toEqual({ line: 1, column: 13, end: true });
    expect(jsonPlace('{"a": "line\nbreak"}')).toEqual({ line: 1, column: 12, end: false });
    expect(jsonPlace('{"a": 01}')).toEqual({ line: 1, column: 8, end: false });
    expect(jsonPlace('')).toEqual({ line: 1, column: 1, end: true });
    expect(jsonPlace(' {"a": [true, false, null, -1.5e+3, "\\u00e9\\n"]} \n')).toBeUndefined();
  });

  it('finds a place exactly when JSON.parse refuses the text, where its message names one the same', () => {
    const edited = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '0', '-', '\\'))
      .map(([json, at, put]) => {
        const cut = at % (json.length + 1);
        return `${json.slice(0, cut)}${put}${json.slice(cut + (at % 2))}`;
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), edited, fc.string()), (text) => {
        const place = jsonPlace(text);
        const refused = refusal(text);
        expect(place === undefined).toBe(refused === undefined);
        if (place !== undefined && refused?.at !== undefined) {
          expect(offsetOf(text, place.line, place.column)).toBe(refused.at);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
