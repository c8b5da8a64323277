import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../engine/definitions/types.js';
import { FormValidator } from '../../engine/forms/index.js';
import { hasControlText } from '../../engine/forms/text-safety.js';

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

describe('a text that must not be empty must not look empty', () => {
  const required: FormSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: '申报',
    type: 'object',
    properties: {
      parkName: { type: 'string', title: '园区名称', minLength: 1 },
      note: { type: 'string', title: '备注' },
      members: { type: 'array', title: '成员', items: { type: 'string', minLength: 1 } },
    },
    examples: [{ parkName: '园区' }],
  };
  const check = (data: unknown) => new FormValidator(new Map([['apply', required]]), undefined).check('apply', data);

  it.each([
    ['spaces', '   '],
    ['an ideographic and a no-break space', '\u3000\u00a0'],
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a zero-width joiner and a byte-order mark', '\u200d\ufeff'],
    ['a new line and a tab', '\n\t'],
  ])('refuses %s in a field with minLength, at the field, in Chinese', (_label, text) => {
    expect(check({ parkName: text })).toEqual([{ path: '/parkName', message: '「园区名称」不能只填空格或不可见字符' }]);
    expect(check({ parkName: '园区', members: ['甲', text] })).toEqual([
      { path: '/members/1', message: '「成员」第 2 项不能只填空格或不可见字符' },
    ]);
  });

  it('leaves optional text alone, and accepts text with something visible in it', () => {
    expect(check({ parkName: ' 园区 ', note: '   ' })).toEqual([]);
    expect(check({ parkName: '\u200b甲' })).toEqual([]);
  });
});

describe('a text shown on one line holds no control character', () => {
  it.each([
    ['a line break', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a tab', 'a\tb'],
    ['NUL', 'a\0b'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
  ])('finds %s', (_label, text) => {
    expect(hasControlText(text)).toBe(true);
  });

  it('finds none in ordinary text, spaces of every kind and a bidirectional mark (hasUnsafeText’s)', () => {
    for (const text of ['江苏省市场监督管理局', 'Zhang San', '　甲 乙\u00a0丙', '😀', '\u202Efdp']) {
      expect(hasControlText(text), JSON.stringify(text)).toBe(false);
    }
  });
});
