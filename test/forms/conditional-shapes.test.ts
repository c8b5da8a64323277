import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { retrieveSchema, type RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { schemaForRendering } from '../../designer/src/forms/conditional-shapes.js';
import { createValidator } from '../../designer/src/forms/validator.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ATTACHMENT_ID_PATTERN } from '../../engine/forms/attachment-refs.js';
import { createFormAjv, INDICATORS_KEYWORD } from '../../engine/forms/form-ajv.js';

const FORMS = join(process.cwd(), 'definitions', 'quality-brand-zone', '2024-03-14', 'forms');
type Json = Record<string, unknown>;

async function forms(): Promise<[string, Json][]> {
  const names = (await readdir(FORMS)).filter((name) => name.endsWith('.schema.json')).sort();
  return Promise.all(
    names.map(async (name): Promise<[string, Json]> => [name, JSON.parse(await readFile(join(FORMS, name), 'utf8'))]),
  );
}

/** The field a form's conditions test (`if: { properties: { decision: … } }`), at the root or in `allOf`. */
function conditionField(schema: Json): string | undefined {
  const conditions = [schema.if, ...((schema.allOf as Json[] | undefined) ?? []).map((entry) => entry.if)];
  for (const condition of conditions) {
    const properties = (condition as Json | undefined)?.properties as Json | undefined;
    if (properties !== undefined) return Object.keys(properties)[0];
  }
  return undefined;
}

const choicesOf = (field: Json): unknown[] => ((field.oneOf as Json[] | undefined) ?? []).map((option) => option.const);

describe('conditional shapes rendered by rjsf', () => {
  const validator = createValidator('zh', true);

  it('every conditional form keeps each field a real schema (with its title) whatever the choice', async () => {
    let checked = 0;
    for (const [name, schema] of await forms()) {
      const field = conditionField(schema);
      if (field === undefined) continue;
      const rendered = schemaForRendering(schema) as RJSFSchema;
      for (const choice of choicesOf((schema.properties as Json)[field] as Json)) {
        const resolved = retrieveSchema(validator, rendered, rendered, { [field]: choice });
        for (const [key, property] of Object.entries(resolved.properties ?? {}))
          expect(typeof property === 'object' ? property.title : property, `${name} ${String(choice)} ${key}`).toEqual(
            expect.any(String),
          );
        checked += 1;
      }
    }
    // 13 decision forms and the expert's evaluation method.
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('a comment required by the else branch stays on screen and required (the defect: it became `true`)', async () => {
    const schema = Object.fromEntries(await forms())['provincial-feasibility-review.schema.json'] as Json;
    const before = retrieveSchema(validator, schema as RJSFSchema, schema as RJSFSchema, { decision: 'return' });
    expect(before.properties?.comments).toBe(true);
    const rendered = schemaForRendering(schema) as RJSFSchema;
    const after = retrieveSchema(validator, rendered, rendered, { decision: 'return' });
    expect(after.properties?.comments).toMatchObject({ title: '审核意见', type: 'string' });
    expect(after.required).toContain('comments');
  });

  it('validates exactly as the form does (Ajv, on each choice with and without the other fields)', async () => {
    const ajv = createFormAjv();
    // Not strict for the rendered copy: without `comments: true` a branch's `required` names a field it
    // does not declare, which strict mode refuses (rjsf's Ajv is not strict either, validator.ts).
    const lenient = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(lenient);
    lenient.addFormat('attachment-id', ATTACHMENT_ID_PATTERN).addKeyword(INDICATORS_KEYWORD);
    for (const [name, schema] of await forms()) {
      const field = conditionField(schema);
      if (field === undefined) continue;
      const original = ajv.compile(schema);
      const rendered = lenient.compile(schemaForRendering(schema));
      const example = ((schema.examples as unknown[] | undefined) ?? [{}])[0] as Json;
      for (const choice of choicesOf((schema.properties as Json)[field] as Json))
        for (const data of [
          { ...example, [field]: choice },
          { [field]: choice },
          { ...example, [field]: choice, x: 1 },
        ])
          expect(rendered(data), `${name} ${JSON.stringify(data).slice(0, 80)}`).toBe(original(data));
    }
  });

  it('leaves `{ field: true }` beside additionalProperties, where it lets the field in', () => {
    const schema = { type: 'object', properties: { a: true }, additionalProperties: false };
    expect(schemaForRendering(schema)).toEqual(schema);
  });
});
