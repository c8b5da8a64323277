import type { DiffEntry } from '../../../../server/drafts/version-diff.js';
import { choicesOf, fieldKind, type FieldKind, type JsonSchema } from '../forms/form-fields.js';
import { textChange } from './text-change.js';

/**
 * A form's difference as a policy officer reads it (the compare tab, in Chinese or English): which fields were
 * added, removed or changed, and for each changed field what changed in the form editor's words —
 * 园区面积（平方公里）：最大值 10000 → 5000 — and which fields became required or optional, the form's
 * title and description. It said only 修改字段：园区面积（平方公里）（area） and 表单的标题、说明、必填项或示例
 * 有修改, which left the officer to open both versions' JSON to learn what a revision changes.
 */

type Shape = Record<string, unknown>;
const isShape = (value: unknown): value is Shape =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Language = 'zh' | 'en';

const KIND_WORDS: Record<Language, Record<FieldKind, string>> = {
  zh: {
    string: '文本',
    date: '日期',
    number: '数字',
    integer: '整数',
    boolean: '是/否',
    attachment: '附件',
    complex: '复合',
  },
  en: {
    string: 'Text',
    date: 'Date',
    number: 'Number',
    integer: 'Integer',
    boolean: 'Yes/no',
    attachment: 'Attachment',
    complex: 'Composite',
  },
};

/** The limits the form editor sets, by its words (field-details.tsx). */
const LIMIT_WORDS: Record<Language, Record<string, string>> = {
  zh: {
    minLength: '最少字数',
    maxLength: '最多字数',
    minimum: '最小值',
    maximum: '最大值',
    exclusiveMinimum: '须大于',
    exclusiveMaximum: '须小于',
    minItems: '最少项数',
    maxItems: '最多项数',
  },
  en: {
    minLength: 'minimum length',
    maxLength: 'maximum length',
    minimum: 'minimum',
    maximum: 'maximum',
    exclusiveMinimum: 'more than',
    exclusiveMaximum: 'less than',
    minItems: 'minimum items',
    maxItems: 'maximum items',
  },
};

/** The rest of what the comparison says of a form, in each language the designer speaks. */
const WORDS = {
  zh: {
    colon: '：',
    and: '、',
    none: '（无）',
    any: '（不限）',
    added: '新增',
    removed: '删除',
    fieldsAdded: '新增字段',
    fieldsRemoved: '删除字段',
    fieldsChanged: '修改字段',
    nowRequired: '改为必填',
    nowOptional: '改为选填',
    type: '类型',
    description: '说明',
    choices: '选项',
    otherSettings: '其他设置有修改',
    formTitle: '表单标题',
    formDescription: '表单说明',
    example: '示例数据有修改',
    formOther: '表单的其他设置有修改',
  },
  en: {
    colon: ': ',
    and: ', ',
    none: '(none)',
    any: '(any)',
    added: 'Added',
    removed: 'Removed',
    fieldsAdded: 'Fields added',
    fieldsRemoved: 'Fields removed',
    fieldsChanged: 'Fields changed',
    nowRequired: 'Now required',
    nowOptional: 'No longer required',
    type: 'type',
    description: 'description',
    choices: 'choices',
    otherSettings: 'other settings changed',
    formTitle: 'Form title',
    formDescription: 'Form description',
    example: 'Example data changed',
    formOther: 'Other settings of the form changed',
  },
} as const;

/** Said by name, not by value: what the field is for, or what only a developer reads. */
const SAID_ELSEWHERE = new Set([
  'title',
  'description',
  'type',
  'format',
  'oneOf',
  'enum',
  ...Object.keys(LIMIT_WORDS.zh),
]);

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/** What changed in one field, `<field>：最大值 10000 → 5000`, one line per change. */
function fieldChanges(name: string, a: JsonSchema, b: JsonSchema, language: Language): string[] {
  const w = WORDS[language];
  const shown = (value: unknown) =>
    value === undefined ? w.none : typeof value === 'string' ? value : JSON.stringify(value);
  const choiceWords = (schema: JsonSchema) => {
    const choices = choicesOf(schema).map((choice) => (choice.title === '' ? choice.value : choice.title));
    return choices.length === 0 ? w.any : choices.join(' / ');
  };
  const lines: string[] = [];
  const [kindA, kindB] = [fieldKind(a), fieldKind(b)];
  if (kindA !== kindB) lines.push(`${w.type} ${KIND_WORDS[language][kindA]} → ${KIND_WORDS[language][kindB]}`);
  if (differs(a.description, b.description)) {
    const [x, y] = [a.description, b.description];
    lines.push(
      typeof x === 'string' && typeof y === 'string' && Math.max(x.length, y.length) > 40
        ? `${w.description}${w.colon}${textChange(x, y)}`
        : `${w.description}${w.colon}${shown(x)} → ${shown(y)}`,
    );
  }
  if (choiceWords(a) !== choiceWords(b)) lines.push(`${w.choices}${w.colon}${choiceWords(a)} → ${choiceWords(b)}`);
  for (const [key, word] of Object.entries(LIMIT_WORDS[language]))
    if (differs(a[key], b[key])) lines.push(`${word} ${shown(a[key])} → ${shown(b[key])}`);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const other = [...keys].some((key) => !SAID_ELSEWHERE.has(key) && differs(a[key], b[key]));
  if (other || (kindA === kindB && differs(a.format, b.format))) lines.push(w.otherSettings);
  return lines.map((line) => `${name}${w.colon}${line}`);
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

/**
 * A form added, removed or changed, headed by its title and key, in the page's language; `say` gives
 * the form's and its fields' titles in that language (the catalogue's English, where it has them).
 */
export function formWords(
  entry: DiffEntry,
  language: Language = 'zh',
  say: (text: string) => string = (text) => text,
): { title: string; lines: string[] } {
  const w = WORDS[language];
  const named = (title: string, key: string) => (language === 'zh' ? `${title}（${key}）` : `${title} (${key})`);
  const shown = (value: unknown) =>
    value === undefined ? w.none : typeof value === 'string' ? value : JSON.stringify(value);
  const before = parse(entry.before);
  const after = parse(entry.after);
  const shape = entry.change === 'removed' ? before : after;
  const title = typeof shape.title === 'string' ? named(say(shape.title), entry.key) : entry.key;
  if (entry.change !== 'changed') return { title, lines: [entry.change === 'added' ? w.added : w.removed] };
  const fields = (schema: Shape): Shape => (isShape(schema.properties) ? schema.properties : {});
  const [a, b] = [fields(before), fields(after)];
  const titleOf = (field: unknown) =>
    isShape(field) && typeof field.title === 'string' ? say(field.title) : undefined;
  const fieldName = (key: string) => {
    const title = titleOf(b[key] ?? a[key]);
    return title === undefined ? key : named(title, key);
  };
  // A renamed field says its old title too (园区名称 → 园区全称（修订）), as periods and scores do.
  const changedName = (key: string) => {
    const [old, now] = [titleOf(a[key]), titleOf(b[key])];
    return old !== undefined && now !== undefined && old !== now ? named(`${old} → ${now}`, key) : fieldName(key);
  };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changed = keys.filter((key) => key in a && key in b && differs(a[key], b[key]));
  const [requiredA, requiredB] = [requiredOf(before), requiredOf(after)];
  const list = (keep: (key: string) => boolean, name = fieldName) => keys.filter(keep).map(name).join(w.and);
  const lines = [
    [w.fieldsAdded, list((key) => !(key in a))],
    [w.fieldsRemoved, list((key) => !(key in b))],
    [w.fieldsChanged, list((key) => changed.includes(key), changedName)],
    [w.nowRequired, list((key) => key in b && requiredB.has(key) && !requiredA.has(key))],
    [w.nowOptional, list((key) => key in a && key in b && requiredA.has(key) && !requiredB.has(key))],
  ]
    .filter(([, names]) => names !== '')
    .map(([label, names]) => `${label}${w.colon}${names}`);
  for (const key of changed) {
    const [x, y] = [a[key], b[key]];
    if (isShape(x) && isShape(y)) lines.push(...fieldChanges(titleOf(y) ?? key, x, y, language));
  }
  if (differs(before.title, after.title))
    lines.push(`${w.formTitle}${w.colon}${shown(before.title)} → ${shown(after.title)}`);
  if (differs(before.description, after.description)) {
    const [x, y] = [before.description, after.description];
    lines.push(
      typeof x === 'string' && typeof y === 'string'
        ? `${w.formDescription}${w.colon}${textChange(x, y)}`
        : `${w.formDescription}${w.colon}${shown(x)} → ${shown(y)}`,
    );
  }
  if (differs(before.examples, after.examples)) lines.push(w.example);
  const rest = (schema: Shape) => {
    const { properties: _p, required: _r, title: _t, description: _d, examples: _e, ...others } = schema;
    return others;
  };
  if (differs(rest(before), rest(after))) lines.push(w.formOther);
  return { title, lines };
}
