import { describe, expect, it } from 'vitest';
import { trimmedTexts } from '../../engine/forms/text-ends.js';

describe('texts trimmed at both ends, as forms store them', () => {
  it('trims keyboard spaces, tabs, new lines and no-break spaces in every text, however nested', () => {
    expect(trimmedTexts({ name: ' 园区\t', list: ['\n甲 ', { code: '\u00a0215000 ' }], score: 3, ok: true })).toEqual({
      name: '园区',
      list: ['甲', { code: '215000' }],
      score: 3,
      ok: true,
    });
  });

  it('keeps the ideographic spaces that indent a Chinese paragraph, and the spaces inside a text', () => {
    expect(trimmedTexts(' \u3000\u3000园区 设立于2006年。\u3000')).toBe('\u3000\u3000园区 设立于2006年。\u3000');
  });

  it('leaves data nested deeper than any form as it is (the validator refuses it)', () => {
    let deep: unknown = ' x ';
    for (let level = 0; level < 100; level++) deep = [deep];
    expect(trimmedTexts(deep)).toBe(deep);
  });
});
