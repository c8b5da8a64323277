import { describe, expect, it } from 'vitest';
import { readVersionSource } from '../../engine/definitions/read-definitions.js';
import type { FormSchema } from '../../engine/definitions/types.js';
import { applyMergePatch } from '../../engine/forms/index.js';
import { REAL_VERSION_DIR } from '../definitions/helpers.js';

// RFC 7396, Appendix A: target, patch, result.
const APPENDIX_A: [target: unknown, patch: unknown, result: unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('applyMergePatch', () => {
  it.each(APPENDIX_A)('RFC 7396 appendix A: %j patched with %j gives %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it.each(APPENDIX_A)('does not mutate %j or %j', (target, patch) => {
    const [targetBefore, patchBefore] = [structuredClone(target), structuredClone(patch)];
    applyMergePatch(target, patch);
    expect(target).toEqual(targetBefore);
    expect(patch).toEqual(patchBefore);
  });

  it('shares nothing with its inputs', () => {
    const target = { kept: { deep: [1] }, replaced: 1 };
    const patch = { replaced: { list: [2] } };
    const result = applyMergePatch(target, patch) as { kept: { deep: number[] }; replaced: { list: number[] } };
    result.kept.deep.push(9);
    result.replaced.list.push(9);
    expect(target.kept.deep).toEqual([1]);
    expect(patch.replaced.list).toEqual([2]);
  });

  it('treats keys named like prototype properties as ordinary keys', () => {
    const patch = JSON.parse('{"constructor": 1, "__proto__": {"polluted": true}, "after": 2}') as unknown;
    const result = applyMergePatch({ a: 1 }, patch) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['a', 'constructor', '__proto__', 'after']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('Given the creation application example, a step setting one Art. 7 declaration keeps the other seven', async () => {
    const source = await readVersionSource(REAL_VERSION_DIR);
    const schema = JSON.parse(source.files.get('forms/submit-creation-application.schema.json') ?? '{}') as FormSchema;
    const example = schema.examples?.[0] as { art7Declarations: Record<string, boolean>; parkName: string };

    const result = applyMergePatch(example, { art7Declarations: { majorSafetyAccident: true } }) as typeof example;

    expect(Object.keys(result.art7Declarations)).toHaveLength(8);
    expect(result.art7Declarations).toEqual({ ...example.art7Declarations, majorSafetyAccident: true });
    expect(result.parkName).toBe(example.parkName);
    expect(example.art7Declarations.majorSafetyAccident).toBe(false);
  });
});
