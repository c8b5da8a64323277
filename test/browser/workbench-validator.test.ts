import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { findVersionDirs } from '../../engine/definitions/read-definitions.js';
import { ATTACHMENT_ID_PATTERN } from '../../engine/forms/attachment-refs.js';
import { createFormAjv } from '../../engine/forms/form-ajv.js';
import { isValidUscc, USCC_FORMAT } from '../../engine/forms/uscc.js';
import { errorTransformer } from '../../designer/src/forms/error-messages.js';
import { InterpretingAjv } from '../../designer/src/forms/interpreting-ajv.js';
import { createValidator, watchingValidator } from '../../designer/src/forms/validator.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Variants of a form's example that break it in one place each: a field removed, given the wrong
 * type, emptied, made too long or malformed, a list emptied or given a duplicate, an unknown field.
 */
function* variants(example: unknown, path = ''): Generator<[string, (root: unknown) => void]> {
  if (isObject(example)) {
    yield [`${path}+extra`, (root) => ((at(root, path) as Json).unexpected = 1)];
    for (const [key, value] of Object.entries(example)) {
      const child = `${path}/${key}`;
      yield [`${child}-removed`, (root) => Reflect.deleteProperty(at(root, path) as Json, key)];
      yield [`${child}=null`, (root) => ((at(root, path) as Json)[key] = null)];
      yield [`${child}=wrong-type`, (root) => ((at(root, path) as Json)[key] = typeof value === 'string' ? 42 : 'x')];
      yield* variants(value, child);
    }
  } else if (Array.isArray(example)) {
    yield [`${path}=[]`, (root) => (at(root, path) as unknown[]).splice(0)];
    if (example.length > 0) yield [`${path}+duplicate`, (root) => (at(root, path) as unknown[]).push(example[0])];
    for (const [index, value] of example.entries()) yield* variants(value, `${path}/${index}`);
  } else if (typeof example === 'string') {
    const parent = path.slice(0, path.lastIndexOf('/'));
    const key = path.slice(path.lastIndexOf('/') + 1);
    const set = (value: unknown) => (root: unknown) => {
      const container = at(root, parent) as Record<string, unknown>;
      container[key] = value;
    };
    yield [`${path}=''`, set('')];
    yield [`${path}=long`, set('长'.repeat(6000))];
    yield [`${path}=malformed`, set('not-a-valid value!')];
  } else if (typeof example === 'number') {
    const parent = path.slice(0, path.lastIndexOf('/'));
    const key = path.slice(path.lastIndexOf('/') + 1);
    yield [`${path}=-1`, (root) => ((at(root, parent) as Record<string, unknown>)[key] = -1)];
    yield [`${path}=1e9`, (root) => ((at(root, parent) as Record<string, unknown>)[key] = 1e9)];
    yield [`${path}=0.5`, (root) => ((at(root, parent) as Record<string, unknown>)[key] = 0.5)];
  }
}

function at(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[token];
  return node;
}

/** What a user sees of an error: the keyword, the field, and the params the message is made of. */
const summary = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map((error) => `${error.keyword} ${error.instancePath} ${JSON.stringify(error.params)}`).sort();

describe('the browser form validator (no code generation) agrees with the server Ajv', async () => {
  const forms: [string, Json][] = [];
  for (const dir of await findVersionDirs('definitions')) {
    for (const file of (await readdir(join(dir, 'forms'))).filter((name) => name.endsWith('.schema.json')).sort())
      forms.push([
        `${dir.split('/').slice(-2).join('@')} ${file}`,
        JSON.parse(await readFile(join(dir, 'forms', file), 'utf8')) as Json,
      ]);
  }
  const server = createFormAjv();
  const browser = new InterpretingAjv();
  for (const [name, format] of Object.entries(fullFormats)) browser.addFormat(name, format as RegExp);
  browser.addFormat('attachment-id', ATTACHMENT_ID_PATTERN);
  browser.addFormat(USCC_FORMAT, { type: 'string', validate: isValidUscc });

  it('reads the forms', () => {
    expect(forms.length).toBeGreaterThan(20);
  });
  for (const [name, schema] of forms) {
    it(name, () => {
      const strict = server.compile(schema);
      const interpreted = browser.compile(schema);
      const example = (schema.examples as unknown[] | undefined)?.[0];
      expect(interpreted(example), 'example').toBe(true);
      let compared = 0;
      for (const [label, mutate] of variants(example)) {
        const data = structuredClone(example);
        mutate(data);
        const expected = strict(data);
        const actual = interpreted(data);
        expect({ label, valid: actual, errors: summary(interpreted.errors) }).toEqual({
          label,
          valid: expected,
          errors: summary(strict.errors),
        });
        compared += 1;
      }
      expect(compared).toBeGreaterThanOrEqual(5);
    });
  }
});

describe('the form validator the workbench uses under the server CSP (rjsf + interpreter + ajv-i18n)', () => {
  it('says in Chinese, at the field, what is wrong', async () => {
    const schema = JSON.parse(
      await readFile('definitions/quality-brand-zone/2024-03-14/forms/submit-creation-application.schema.json', 'utf8'),
    ) as Json;
    const example = structuredClone((schema.examples as Json[])[0]) as Json & { applicantBody: Json };
    example.applicantBody.unifiedSocialCreditCode = '91-ABC';
    delete example.contact;
    example.commitment = false;
    const validator = createValidator('zh', false);
    const { errors } = validator.validateFormData(example, schema, undefined, errorTransformer(schema, 'zh'));
    expect(errors).toHaveLength(3);
    expect(errors.map(({ property, message }) => ({ property, message }))).toEqual(
      expect.arrayContaining([
        {
          property: '.applicantBody.unifiedSocialCreditCode',
          message: '不是有效的统一社会信用代码，请核对（校验码不符）',
        },
        // rjsf names a missing top-level field without the leading dot.
        { property: 'contact', message: '为必填项' },
        { property: '.commitment', message: '须勾选' },
      ]),
    );
    expect(errors.find((error) => error.property === 'contact')?.stack).toBe('「联系人」为必填项');
    expect(validator.isValid(schema, (schema.examples as Json[])[0], schema)).toBe(true);
    // Well formed, but the check character is wrong (GB 32100-2015): refused in the browser too.
    example.applicantBody.unifiedSocialCreditCode = '91320000134812345A';
    const checked = validator.validateFormData(example, schema, undefined, errorTransformer(schema, 'zh'));
    expect(checked.errors.map((error) => error.property)).toContain('.applicantBody.unifiedSocialCreditCode');
  });

  it('calls a list item left blank (null in the data) required, not of the wrong type', async () => {
    const schema = JSON.parse(
      await readFile(
        'definitions/quality-brand-zone/2024-03-14/forms/provincial-feasibility-review.schema.json',
        'utf8',
      ),
    ) as Json;
    const example = structuredClone((schema.examples as Json[])[0]) as Json & { departmentsConsulted: unknown[] };
    example.departmentsConsulted[0] = null;
    for (const [language, said] of [
      ['zh', '为必填项'],
      ['en', 'is required'],
    ] as const) {
      const validator = createValidator(language, false);
      const { errors } = validator.validateFormData(example, schema, undefined, errorTransformer(schema, language));
      expect(errors.map(({ property, message }) => ({ property, message }))).toEqual([
        { property: '.departmentsConsulted.0', message: said },
      ]);
    }
  });

  it('tells a value of the wrong kind from an emptied field, counts uploads in files and says a format in words, in both languages', async () => {
    const read = async (formKey: string) =>
      JSON.parse(
        await readFile(`definitions/quality-brand-zone/2024-03-14/forms/${formKey}.schema.json`, 'utf8'),
      ) as Json;
    const application = await read('submit-creation-application');
    const objection = await read('objection');
    const cases = [
      {
        schema: application,
        patch: { enterpriseCount: 3.5 },
        property: '.enterpriseCount',
        zh: '应当为整数',
        en: 'must be a whole number',
      },
      {
        schema: objection,
        patch: { evidence: [] },
        property: '.evidence',
        zh: '至少上传 1 份文件',
        en: 'upload at least 1 file',
      },
      {
        // A format is said in words, never by its name (English said: must match format "email").
        schema: objection,
        patch: { objector: { ...(objection.examples as { objector: Json }[])[0]?.objector, email: 'not-an-email' } },
        property: '.objector.email',
        zh: '应为有效的电子邮箱地址',
        en: 'must be a valid email address',
      },
    ];
    for (const { schema, patch, property, zh, en } of cases)
      for (const [language, said] of [
        ['zh', zh],
        ['en', en],
      ] as const) {
        const seen = { data: undefined as unknown };
        const validator = watchingValidator(createValidator(language, false), seen);
        const data = { ...(schema.examples as Json[])[0], ...patch };
        const { errors } = validator.validateFormData(
          data,
          schema,
          undefined,
          errorTransformer(schema, language, () => seen.data),
        );
        expect(errors.map((error) => ({ property: error.property, message: error.message }))).toEqual([
          { property, message: said },
        ]);
      }
  });
});
