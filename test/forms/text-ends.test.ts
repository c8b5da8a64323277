import { describe, expect, it } from 'vitest';
import { trimmedTexts } from '../../engine/forms/text-ends.js';
import { signInName } from '../../server/accounts/accounts.js';

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

  it('trims a text of spaces alone to nothing', () => {
    expect(trimmedTexts({ name: ' \t\u00a0\n' })).toEqual({ name: '' });
  });

  // `/[…]+$/` tried each run of spaces from each of its characters: 62,000 spaces between two letters
  // held the server's one thread 2.8 s in a sign-in name, and a form text of 240,000 held it 22 s.
  const run = ' '.repeat(200_000);

  it('keeps a long run of spaces inside a text, and trims long runs at its ends, in a form and in a sign-in name', () => {
    expect(trimmedTexts({ opinion: `a${run}a` })).toEqual({ opinion: `a${run}a` });
    expect(trimmedTexts(`${run}a${run}`)).toBe('a');
    expect(signInName(`a${run}a`)).toBe(`a${run}a`);
    expect(signInName(`\u200b${run}ｌｉ－ｎａ${run}\ufeff`)).toBe('li-na');
    // Not a timing goal: a guard against the hang (the regex took 36 s here, the scan takes milliseconds).
  }, 10_000);
});
