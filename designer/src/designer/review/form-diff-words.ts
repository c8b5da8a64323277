import type { DiffEntry } from '../../../../server/drafts/version-diff.js';
import { choicesOf, fieldKind, type FieldKind, type JsonSchema } from '../forms/form-fields.js';
import { textChange } from './text-change.js';

/**
 * A form's difference as a policy officer reads it (the compare tab, in Chinese): which fields were
 * added, removed or changed, and for each changed field what changed in the form editor's words —
 * 园区面积（平方公里）：最大值 10000 → 5000 — and which fields became required or optional, the form's
 * title and description. It said only 修改字段：园区面积（平方公里）（area） and 表单的标题、说明、必填项或示例
 * 有修改, which left the officer to open both versions' JSON to learn what a revision changes.
 */

type Shape = Record<string, unknown>;
const isShape = (value: unknown): value is Shape =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const KIND_WORDS: Record<FieldKind, string> = {
  string: '文本',
  date: '日期',
  number: '数字',
  integer: '整数',
  boolean: '是/否',
  attachment: '附件',
  complex: '复合',
};

/** The limits the form editor sets, by its words (field-details.tsx). */
const LIMIT_WORDS: Record<string, string> = {
  minLength: '最少字数',
  maxLength: '最多字数',
  minimum: '最小值',
  maximum: '最大值',
  exclusiveMinimum: '须大于',
  exclusiveMaximum: '须小于',
  minItems: '最少项数',
  maxItems: '最多项数',
};

/** Said by name, not by value: what the field is for, or what only a developer reads. */
const SAID_ELSEWHERE = new Set([
  'title',
  'description',
  'type',
  'format',
  'oneOf',
  'enum',
  ...Object.keys(LIMIT_WORDS),
]);

const shown = (value: unknown) =>
  value === undefined ? '（无）' : typeof value === 'string' ? value : JSON.stringify(value);
const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

function choiceWords(schema: JsonSchema): string {
  const choices = choicesOf(schema).map((choice) => (choice.title === '' ? choice.value : choice.title));
  return choices.length === 0 ? '（不限）' : choices.join(' / ');
}

/** What changed in one field, `<field>：最大值 10000 → 5000`, one line per change. */
function fieldChanges(name: string, a: JsonSchema, b: JsonSchema): string[] {
  const lines: string[] = [];
  const [kindA, kindB] = [fieldKind(a), fieldKind(b)];
  if (kindA !== kindB) lines.push(`类型 ${KIND_WORDS[kindA]} → ${KIND_WORDS[kindB]}`);
  if (differs(a.description, b.description)) {
    const [x, y] = [a.description, b.description];
    lines.push(
      typeof x === 'string' && typeof y === 'string' && Math.max(x.length, y.length) > 40
        ? `说明：${textChange(x, y)}`
        : `说明：${shown(x)} → ${shown(y)}`,
    );
  }
  if (choiceWords(a) !== choiceWords(b)) lines.push(`选项：${choiceWords(a)} → ${choiceWords(b)}`);
  for (const [key, word] of Object.entries(LIMIT_WORDS))
    if (differs(a[key], b[key])) lines.push(`${word} ${shown(a[key])} → ${shown(b[key])}`);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const other = [...keys].some((key) => !SAID_ELSEWHERE.has(key) && differs(a[key], b[key]));
  if (other || (kindA === kindB && differs(a.format, b.format))) lines.push('其他设置有修改');
  return lines.map((line) => `${name}：${line}`);
}

function parse(value: unknown): Shape {
  try {
    const data: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return isShape(data) ? data : {};
  } catch {
    return {};
  }
}

const requiredOf = (schema: Shape) =>
  new Set(Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === 'string') : []);

/** A form added, removed or changed, headed by its title and key. */
export function formWords(entry: DiffEntry): { title: string; lines: string[] } {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const shape = entry.change === 'removed' ? before : after;
  const title = typeof shape.title === 'string' ? `${shape.title}（${entry.key}）` : entry.key;
  if (entry.change !== 'changed') return { title, lines: [entry.change === 'added' ? '新增' : '删除'] };
  const fields = (schema: Shape): Shape => (isShape(schema.properties) ? schema.properties : {});
  const [a, b] = [fields(before), fields(after)];
  const titleOf = (field: unknown) => (isShape(field) && typeof field.title === 'string' ? field.title : undefined);
  const fieldName = (key: string) => {
    const title = titleOf(b[key] ?? a[key]);
    return title === undefined ? key : `${title}（${key}）`;
  };
  // A renamed field says its old title too (园区名称 → 园区全称（修订）), as periods and scores do.
  const changedName = (key: string) => {
    const [old, now] = [titleOf(a[key]), titleOf(b[key])];
    return old !== undefined && now !== undefined && old !== now ? `${old} → ${now}（${key}）` : fieldName(key);
  };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changed = keys.filter((key) => key in a && key in b && differs(a[key], b[key]));
  const [requiredA, requiredB] = [requiredOf(before), requiredOf(after)];
  const list = (keep: (key: string) => boolean, name = fieldName) => keys.filter(keep).map(name).join('、');
  const lines = [
    ['新增字段', list((key) => !(key in a))],
    ['删除字段', list((key) => !(key in b))],
    ['修改字段', list((key) => changed.includes(key), changedName)],
    ['改为必填', list((key) => key in b && requiredB.has(key) && !requiredA.has(key))],
    ['改为选填', list((key) => key in a && key in b && requiredA.has(key) && !requiredB.has(key))],
  ]
    .filter(([, names]) => names !== '')
    .map(([label, names]) => `${label}：${names}`);
  for (const key of changed) {
    const [x, y] = [a[key], b[key]];
    if (isShape(x) && isShape(y)) lines.push(...fieldChanges(titleOf(y) ?? key, x, y));
  }
  if (differs(before.title, after.title)) lines.push(`表单标题：${shown(before.title)} → ${shown(after.title)}`);
  if (differs(before.description, after.description)) {
    const [x, y] = [before.description, after.description];
    lines.push(
      typeof x === 'string' && typeof y === 'string'
        ? `表单说明：${textChange(x, y)}`
        : `表单说明：${shown(x)} → ${shown(y)}`,
    );
  }
  if (differs(before.examples, after.examples)) lines.push('示例数据有修改');
  const rest = (schema: Shape) => {
    const { properties: _p, required: _r, title: _t, description: _d, examples: _e, ...others } = schema;
    return others;
  };
  if (differs(rest(before), rest(after))) lines.push('表单的其他设置有修改');
  return { title, lines };
}
