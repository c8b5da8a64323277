import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../engine/definitions/types.js';
import { FormValidator } from '../../engine/forms/index.js';

const form: FormSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: '异议',
  type: 'object',
  properties: {
    reason: { type: 'string', title: '异议理由' },
    names: { type: 'array', title: '证人', items: { type: 'string' } },
  },
  examples: [{ reason: '理由' }],
};
const validator = new FormValidator(new Map([['objection', form]]), undefined);

describe('text form fields refuse characters that make a text lie about itself', () => {
  it.each([
    ['NUL', 'abc\0def'],
    ['a right-to-left override', '\u202Efdp.exe'],
    ['a bidi isolate', 'a\u2066b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
  ])('refuses %s, at the field, in Chinese', (_label, text) => {
    expect(validator.check('objection', { reason: text })).toEqual([
      { path: '/reason', message: expect.stringMatching(/^「异议理由」含有不允许的字符/) as unknown },
    ]);
    expect(validator.check('objection', { names: ['甲', text] })).toEqual([
      { path: '/names/1', message: expect.stringMatching(/^「证人」第 2 项含有不允许的字符/) as unknown },
    ]);
  });

  it('accepts ordinary text: Chinese, new lines, emoji (a surrogate pair)', () => {
    expect(validator.check('objection', { reason: '产品质量问题\n见附件 😀', names: ['张三'] })).toEqual([]);
  });
});
