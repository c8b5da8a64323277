import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formDocument } from '../../designer/src/reports/print-document.js';

const FORMS = 'definitions/quality-brand-zone/2024-03-14/forms';
const words = { yes: '是', no: '否', empty: '（未填写）', seeAttachments: '见附件 {numbers}' };

async function example(formKey: string) {
  const schema = JSON.parse(await readFile(`${FORMS}/${formKey}.schema.json`, 'utf8')) as Record<string, unknown>;
  return { schema, data: (schema.examples as unknown[])[0] };
}

describe('a submitted form as a document', () => {
  it('labels fields by their titles, values by their choices’ titles, and never shows help text', async () => {
    const { schema, data } = await example('submit-creation-application');
    const document = formDocument(schema, data, words);
    expect(document.title).toBe(schema.title);
    const labels = document.rows.map((row) => row.label);
    expect(labels).toContain('园区类型');
    expect(document.rows.find((row) => row.label === '园区类型')?.value).toBe('工业');
    // Declarations are answered 是/否 in their own group.
    const declarations = document.rows.find((row) => row.children?.some((child) => child.value === '否'));
    expect(declarations).toBeDefined();
    expect(JSON.stringify(document)).not.toContain('按园区所属领域选择');
  });

  it('gathers every uploaded file into the attachments list, under its field', async () => {
    const { schema, data } = await example('objection');
    const document = formDocument(schema, data, words);
    expect(document.attachments.map((file) => file.id)).toEqual((data as { evidence: string[] }).evidence);
    expect(new Set(document.attachments.map((file) => file.field)).size).toBe(1);
  });

  it('points each file field to its numbers in the attachments list (it showed a bare count, 「创建方案 1」)', async () => {
    const { schema, data } = await example('submit-creation-application');
    const document = formDocument(schema, data, words);
    const fileRows = document.rows.filter((row) => row.value?.startsWith('见附件 '));
    expect(fileRows.length).toBeGreaterThan(1);
    // Numbered in the order the list gives them: the first field's file is 1, and so on, each once.
    const numbers = fileRows.flatMap((row) => (row.value ?? '').replace('见附件 ', '').split('、').map(Number));
    expect(numbers).toEqual(document.attachments.map((_, index) => index + 1).slice(0, numbers.length));
    for (const row of fileRows) {
      const [first] = (row.value ?? '').replace('见附件 ', '').split('、').map(Number);
      expect(document.attachments[(first ?? 0) - 1]?.field).toBe(row.label);
    }
  });

  it('shows a list of objects as a table with its items’ titles as columns', async () => {
    const { schema, data } = await example('submit-creation-application');
    const table = formDocument(schema, data, words).rows.find((row) => row.table !== undefined)?.table;
    expect(table?.columns).toContain('指标名称');
    expect(table?.rows.length).toBeGreaterThan(0);
  });
});
