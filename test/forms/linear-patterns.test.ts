import { describe, expect, it } from 'vitest';
import { checkForm } from '../../engine/definitions/checks/forms.js';
import { FileProblems, type Problem } from '../../engine/definitions/problems.js';
import type { FormSchema } from '../../engine/definitions/types.js';
import { FormValidator } from '../../engine/forms/index.js';
import { linearPatternProblem, linearRegExp } from '../../engine/forms/linear-regexp.js';
import { InterpretingAjv } from '../../designer/src/forms/interpreting-ajv.js';

/** A published form whose pattern backtracks exponentially on a backtracking engine. */
const evil: FormSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: '异议',
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', title: '编码', pattern: '^(a+)+$' } },
  examples: [{ code: 'aaa' }],
};

// 2^40 backtracking steps on `^(a+)+$`: a backtracking engine does not return from this in any test's time.
const attack = `${'a'.repeat(40)}!`;
const long = `${'a'.repeat(200_000)}!`;

describe('form patterns run in linear time (ReDoS)', () => {
  it('the server validator answers a catastrophic pattern on a long input, with the right answer', () => {
    const validator = new FormValidator(new Map([['evil', evil]]), undefined);
    expect(validator.check('evil', { code: attack })).toEqual([
      { path: '/code', message: expect.stringContaining('「编码」') as unknown },
    ]);
    expect(validator.check('evil', { code: long })).toHaveLength(1);
    expect(validator.check('evil', { code: 'a'.repeat(200_000) })).toEqual([]);
  });

  it('the browser validator (interpreting, no eval) uses the same engine: same answers', () => {
    const validate = new InterpretingAjv().compile(evil);
    expect(validate({ code: attack })).toBe(false);
    expect(validate.errors?.map((error) => error.keyword)).toEqual(['pattern']);
    expect(validate({ code: long })).toBe(false);
    expect(validate({ code: 'a'.repeat(200_000) })).toBe(true);
  });

  it.each([
    ['a lookahead', '^(?=a)a+$'],
    ['a backreference', '^(a)\\1$'],
    ['a lookbehind', '(?<=a)b'],
  ])('the definitions validator refuses %s (the linear engine cannot run it), at the pattern', (_label, pattern) => {
    const problems: Problem[] = [];
    const schema = { ...evil, properties: { code: { type: 'string', title: '编码', pattern } } };
    expect(
      checkForm('evil', JSON.stringify(schema), undefined, new FileProblems('forms/evil.schema.json', problems)),
    ).toBeUndefined();
    expect(problems).toContainEqual(
      expect.objectContaining({ check: 'form-pattern', severity: 'error', pointer: '/properties/code/pattern' }),
    );
  });

  it('the definitions validator accepts the linear patterns the forms use', () => {
    const problems: Problem[] = [];
    const schema = {
      ...evil,
      properties: { code: { type: 'string', title: '编码', pattern: '^(?:1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$' } },
      examples: [{ code: '13812345678' }],
    };
    checkForm('fine', JSON.stringify(schema), undefined, new FileProblems('forms/fine.schema.json', problems));
    expect(problems.filter((problem) => problem.check === 'form-pattern')).toEqual([]);
  });

  it('a pattern compiled once serves every caller, kept apart by its flags; one that cannot compile fails each time', () => {
    // The same pattern asked twice, with and without i: each answers as its own flags say.
    for (let round = 0; round < 2; round++) {
      expect(linearRegExp('^abc$').test('ABC')).toBe(false);
      expect(linearRegExp('^abc$', 'i').test('ABC')).toBe(true);
      expect(linearRegExp('^abc$').test('abc')).toBe(true);
      expect(linearRegExp('^a.c$').test('a\nc')).toBe(false);
      expect(linearRegExp('^a.c$', 's').test('a\nc')).toBe(true);
      expect(linearPatternProblem('^(a)\\1$')).toBeDefined();
    }
    // One compiled pattern asked in turn on different inputs (its automaton kept between calls).
    const shared = linearRegExp('^(a+)+$');
    expect([attack, 'aaa', long, 'a'.repeat(1000), 'b'].map((text) => shared.test(text))).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    // Past the bound (64 remembered) the first are compiled again, with the same answers.
    for (let n = 0; n < 100; n++) expect(linearRegExp(`^n${String(n)}$`).test(`n${String(n)}`)).toBe(true);
    expect(linearRegExp('^abc$', 'i').test('ABC')).toBe(true);
    expect(linearRegExp('^abc$').test('ABC')).toBe(false);
  });
});
