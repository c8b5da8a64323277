/**
 * A submitted form as an official document: label/value rows from the form schema's titles (no help
 * text), nested groups as sections, list items as tables, and uploaded files gathered into one
 * attachments list. Pure: the print page renders what this returns.
 */

type Schema = Record<string, unknown>;

export interface DocumentRow {
  label: string;
  /** A text value; `table` for a list of objects. */
  value?: string;
  table?: { columns: string[]; rows: string[][] };
  /** A nested group's own rows (e.g. 联系人: 姓名, 电话). */
  children?: DocumentRow[];
}

export interface DocumentAttachment {
  field: string;
  id: string;
}

export interface Words {
  yes: string;
  no: string;
  empty: string;
  /** Where a field's files are, by their numbers in the attachments list: 见附件 {numbers}. */
  seeAttachments: string;
}

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ATTACHMENT = 'attachment-id';

function isAttachment(schema: Schema): boolean {
  const items = schema.items;
  return schema.format === ATTACHMENT || (isObject(items) && items.format === ATTACHMENT);
}

/** A choice's title (`oneOf: [{ const, title }]`), else the value itself. */
function scalar(schema: Schema, value: unknown, words: Words): string {
  if (value === undefined || value === null || value === '') return words.empty;
  const choices = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
  const choice = choices?.find((option) => isObject(option) && option.const === value);
  if (isObject(choice) && typeof choice.title === 'string') return choice.title;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function properties(schema: Schema): [string, Schema][] {
  return Object.entries(isObject(schema.properties) ? schema.properties : {}).filter(
    (entry): entry is [string, Schema] => isObject(entry[1]),
  );
}

function titleOf(name: string, schema: Schema): string {
  return typeof schema.title === 'string' ? schema.title : name;
}

function table(items: Schema, values: unknown[], words: Words): DocumentRow['table'] {
  const columns = properties(items);
  return {
    columns: columns.map(([name, field]) => titleOf(name, field)),
    rows: values.map((item) =>
      columns.map(([name, field]) => scalar(field, isObject(item) ? item[name] : undefined, words)),
    ),
  };
}

function row(name: string, schema: Schema, value: unknown, words: Words, files: DocumentAttachment[]): DocumentRow {
  const label = titleOf(name, schema);
  if (isAttachment(schema)) {
    const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string');
    // A count (「创建方案 1」) read as the field's value; the numbers point into the list below.
    const numbers = ids.map((id) => files.push({ field: label, id }));
    return {
      label,
      value: ids.length === 0 ? words.empty : words.seeAttachments.replace('{numbers}', numbers.join('、')),
    };
  }
  if (isObject(value) && properties(schema).length > 0) return { label, children: rowsOf(schema, value, words, files) };
  if (isObject(value))
    return {
      label,
      value: Object.entries(value)
        .map(([key, item]) => `${key}：${scalar({}, item, words)}`)
        .join('；'),
    };
  if (Array.isArray(value)) {
    const items = isObject(schema.items) ? schema.items : {};
    if (properties(items).length > 0) return { label, table: table(items, value, words) };
    return {
      label,
      value: value.length === 0 ? words.empty : value.map((item) => scalar(items, item, words)).join('、'),
    };
  }
  return { label, value: scalar(schema, value, words) };
}

function rowsOf(schema: Schema, data: Schema, words: Words, files: DocumentAttachment[]): DocumentRow[] {
  return properties(schema)
    .filter(([name]) => data[name] !== undefined)
    .map(([name, field]) => row(name, field, data[name], words, files));
}

/** The document of `data` filled in on `schema`: its rows, and its files in the order they appear. */
export function formDocument(schema: Schema, data: unknown, words: Words) {
  const attachments: DocumentAttachment[] = [];
  const rows = isObject(data) ? rowsOf(schema, data, words, attachments) : [];
  return { title: typeof schema.title === 'string' ? schema.title : '', rows, attachments };
}
