import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { FormSchema, Indicators } from '../../engine/definitions/types.js';
import { attachmentsOf, onlyFiles } from '../../designer/src/reports/print-document.js';
import {
  fieldValues,
  type DocumentIndicators,
  type FieldValue,
} from '../../designer/src/workbench/submission-values.js';
import { scoreSummaryOf } from '../../designer/src/workbench/submissions.js';

const VERSION = 'definitions/quality-brand-zone/2024-03-14';

async function example(formKey: string) {
  const schema = JSON.parse(await readFile(`${VERSION}/forms/${formKey}.schema.json`, 'utf8')) as FormSchema;
  return { schema, data: (schema.examples as unknown[])[0] as Record<string, unknown> };
}

async function industry(): Promise<DocumentIndicators> {
  const system = JSON.parse(await readFile(`${VERSION}/indicators.json`, 'utf8')) as Indicators;
  return {
    items: system.variants.industry ?? [],
    dimensions: system.dimensions ?? [],
    vetoes: system.vetoes,
    passScore: system.passScore,
  };
}

const field = (fields: FieldValue[], label: string) => fields.find((each) => each.label === label)?.value;

describe('a submitted form’s values, as the read-back and the print view show them', () => {
  it('labels fields by their titles and values by their choices’ titles, and never shows help text', async () => {
    const { schema, data } = await example('submit-creation-application');
    const fields = fieldValues(schema, data);
    expect(field(fields, '园区类型')).toEqual({ kind: 'text', text: '工业' });
    // Declarations are answered yes / no in their own group.
    expect(fields.some((each) => each.value.kind === 'group')).toBe(true);
    expect(JSON.stringify(fields)).not.toContain('按园区所属领域选择');
  });

  it('reads scores by their indicators, with the total and the pass mark (they printed as org-1：4；…)', async () => {
    const { schema, data } = await example('submit-acceptance-application');
    const indicators = await industry();
    const scores = field(fieldValues(schema, data, indicators), '评估指标自评得分');
    if (scores?.kind !== 'scores') throw new Error(`scores read as ${JSON.stringify(scores)}`);
    expect(scores.lines.map((line) => line.title)).toEqual(indicators.items.map((item) => item.title));
    expect(scores.lines[0]?.dimension).toBe('组织保障');
    const given = Object.values(data.selfAssessment as Record<string, number>);
    expect(scores.total).toBe(given.reduce((sum, score) => sum + score, 0));
    expect(scores.passScore).toBe(80);
  });

  it('totals scores in tenths as written (tenths adding up to 80 read 79.99999999999999)', async () => {
    const { schema, data } = await example('expert-evaluation');
    const indicators = await industry();
    const tenths = [4, 4, 4, 6, 5, 4, 5, 5, 5, 4, 5, 6, 2.6, 3.3, 4.6, 3.5, 1.8, 0.1, 4, 3.1];
    const scores = Object.fromEntries(indicators.items.map((item, index) => [item.id, tenths[index] ?? 0]));
    const read = field(fieldValues(schema, { ...data, scores }, indicators), '指标评分');
    if (read?.kind !== 'scores') throw new Error(`scores read as ${JSON.stringify(read)}`);
    expect(read.total).toBe(80);
    // The tag beside the evaluation among the opinions a reviewer reads (合计 80 / 80).
    expect(scoreSummaryOf(schema, { ...data, scores })?.total).toBe(80);
  });

  it('reads an empty list of vetoes as none found, not as a blank', async () => {
    const { schema, data } = await example('expert-evaluation');
    const vetoes = Object.entries(schema.properties ?? {}).find(([, each]) => each['x-indicators'] === 'vetoes');
    const fields = fieldValues(schema, { ...data, [vetoes?.[0] ?? '']: [] }, await industry());
    expect(fields.find((each) => each.key === vetoes?.[0])?.value).toEqual({ kind: 'vetoes', titles: [] });
  });

  it('gathers every file into the attachments list in reading order, a list row’s under the list', async () => {
    const { schema, data } = await example('submit-acceptance-application');
    const fields = fieldValues(schema, data);
    const attachments = attachmentsOf(fields);
    const rows = data.targetAchievements as { evidence: string[] }[];
    expect(attachments.map((file) => file.id)).toEqual([
      data.selfInspectionReport,
      ...rows.flatMap((row) => row.evidence),
      ...(data.attachments as string[]),
    ]);
    expect(attachments.filter((file) => file.field === '创建目标完成情况')).toHaveLength(
      rows.flatMap((row) => row.evidence).length,
    );
    // The list is a table of its items' titles; its 佐证材料 cells hold files, not their ids as text.
    const list = field(fields, '创建目标完成情况');
    if (list?.kind !== 'list') throw new Error('not a list');
    expect(list.columns?.map((column) => column.label)).toContain('佐证材料');
    expect(JSON.stringify(list)).not.toContain('["');
    expect(onlyFiles(list)).toBe(false);
    const report = field(fields, '全面自查报告');
    expect(report !== undefined && onlyFiles(report)).toBe(true);
  });
});
