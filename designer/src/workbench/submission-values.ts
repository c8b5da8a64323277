import type { FormSchema, Indicator, Veto } from '../../../engine/definitions/types.js';
import { decimalSum } from '../../../engine/feel/decimal-sum.js';
import { choiceTitle } from './submissions.js';

/**
 * What a submitted form says, field by field, as a reader is to be told it: choices by their titles,
 * scores by their indicators, vetoes by theirs, files as files. Pure and shared: the read-back
 * (`SubmissionDocument`) and the print view lay out the same values, each in its own way. The print
 * view once walked the data on its own and printed stored keys (`org-1：4；…`) and file ids.
 */

/** The indicator system of the case's variant, to read scores (and vetoes) by their titles. */
export interface DocumentIndicators {
  items: readonly Indicator[];
  dimensions: readonly { id: string; title: string }[];
  vetoes: readonly Veto[];
  passScore?: number;
}

/** One indicator's line of a score sheet (the park's self-assessment, the expert's score). */
export interface ScoreLine {
  id: string;
  dimension: string;
  title: string;
  maxScore: number;
  score: number | undefined;
}

export type ValueNode =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'yes-no'; value: boolean }
  | { kind: 'file'; id: string }
  | { kind: 'scores'; lines: ScoreLine[]; total: number; passScore: number | undefined }
  /** The vetoes found: none is an answer (无), not a field left blank. */
  | { kind: 'vetoes'; titles: string[] }
  /** `columns`: the items' fields, when every item is a group of them (a table). */
  | { kind: 'list'; items: ValueNode[]; columns?: Column[] }
  | { kind: 'group'; fields: FieldValue[] };

export interface Column {
  key: string;
  label: string;
}

export interface FieldValue {
  key: string;
  label: string;
  value: ValueNode;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function scoresOf(scores: Record<string, unknown>, indicators: DocumentIndicators): ValueNode {
  const dimension = (id: string) => indicators.dimensions.find((item) => item.id === id)?.title ?? id;
  const lines = indicators.items.map((item) => {
    const score = scores[item.id];
    return {
      id: item.id,
      dimension: dimension(item.dimension),
      title: item.title,
      maxScore: item.maxScore,
      score: typeof score === 'number' ? score : undefined,
    };
  });
  const total = decimalSum(lines.flatMap((line) => (line.score === undefined ? [] : [line.score])));
  return { kind: 'scores', lines, total, passScore: indicators.passScore };
}

function listOf(field: FormSchema, values: unknown[], indicators: DocumentIndicators | undefined): ValueNode {
  if (values.length === 0) return { kind: 'empty' };
  const items = isRecord(field.items) ? (field.items as FormSchema) : {};
  const nodes = values.map((item) => valueOf(items, item, indicators));
  const columns = Object.entries(items.properties ?? {}).map(([key, column]) => ({
    key,
    label: typeof column.title === 'string' ? column.title : key,
  }));
  const table = columns.length > 0 && values.every(isRecord);
  return { kind: 'list', items: nodes, ...(table && { columns }) };
}

/** `value` as filled in on `field`. */
export function valueOf(field: FormSchema, value: unknown, indicators?: DocumentIndicators): ValueNode {
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  if (field['x-indicators'] === 'scores' && isRecord(value) && indicators !== undefined)
    return scoresOf(value, indicators);
  if (field['x-indicators'] === 'vetoes' && Array.isArray(value)) {
    const title = (id: unknown) => indicators?.vetoes.find((veto) => veto.id === id)?.title ?? String(id);
    return { kind: 'vetoes', titles: value.map(title) };
  }
  if (field.format === 'attachment-id' && typeof value === 'string') return { kind: 'file', id: value };
  if (typeof value === 'boolean') return { kind: 'yes-no', value };
  if (typeof value === 'string' || typeof value === 'number')
    return { kind: 'text', text: choiceTitle(field, value) ?? String(value) };
  if (Array.isArray(value)) return listOf(field, value, indicators);
  if (isRecord(value)) return { kind: 'group', fields: fieldValues(field, value, indicators) };
  return { kind: 'text', text: JSON.stringify(value) };
}

/** The fields of `data` filled in on `schema`: the schema's order, then any it does not describe (an older version's field) by key. */
export function fieldValues(schema: FormSchema, data: unknown, indicators?: DocumentIndicators): FieldValue[] {
  const values = isRecord(data) ? data : {};
  const properties = schema.properties ?? {};
  const keys = [...Object.keys(properties), ...Object.keys(values).filter((key) => !(key in properties))];
  return keys
    .filter((key) => values[key] !== undefined)
    .map((key) => {
      const field = properties[key] ?? {};
      const label = typeof field.title === 'string' ? field.title : key;
      return { key, label, value: valueOf(field, values[key], indicators) };
    });
}

/** The files a value holds, in reading order. */
export function filesOf(node: ValueNode): string[] {
  if (node.kind === 'file') return [node.id];
  if (node.kind === 'list') return node.items.flatMap(filesOf);
  if (node.kind === 'group') return node.fields.flatMap((field) => filesOf(field.value));
  return [];
}
