/**
 * A flow's condition in words where it is a simple choice (issue 12): `decision = "approve"` after a
 * review task reads 审核结论为「同意（列入创建名单）」, with the field's and the choice's titles from the
 * form the task fills in. Anything else (sums, `some … satisfies`, dates) stays FEEL, shown as is.
 */
export interface ConditionField {
  title: string;
  /** Choice value → its title (`oneOf` const/title, or enum values as written). */
  choices: ReadonlyMap<string, string>;
}

export interface ConditionTerms {
  field: (name: string) => ConditionField | undefined;
  status: (name: string) => string | undefined;
}

/** A form field's title and choices from its JSON Schema (`oneOf` with const/title, or `enum`). */
export function conditionField(schema: unknown): ConditionField | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const { title, oneOf, enum: values } = schema as { title?: unknown; oneOf?: unknown; enum?: unknown };
  const choices = new Map<string, string>();
  if (Array.isArray(oneOf))
    for (const option of oneOf as { const?: unknown; title?: unknown }[]) {
      const value = option.const;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      choices.set(String(value), typeof option.title === 'string' ? option.title : String(value));
    }
  if (Array.isArray(values))
    for (const value of values as unknown[]) if (typeof value === 'string') choices.set(value, value);
  return typeof title === 'string' ? { title, choices } : undefined;
}

const COMPARISON = /^\s*([A-Za-z_][\w.]*)\s*(=|!=)\s*(?:"([^"]*)"|(true|false))\s*$/;

/** The condition in words, or undefined when it is not a simple comparison of one field with a value. */
export function conditionWords(body: string, terms: ConditionTerms): string | undefined {
  const match = COMPARISON.exec(body);
  if (match === null) return undefined;
  const [, name = '', operator, text, flag] = match;
  const is = operator === '=' ? '为' : '不为';
  if (name === 'case.status' && text !== undefined) return `案件状态${is}「${terms.status(text) ?? text}」`;
  if (name.includes('.')) return undefined;
  const field = terms.field(name);
  if (text !== undefined) {
    if (field === undefined) return undefined;
    return `${field.title}${is}「${field.choices.get(text) ?? text}」`;
  }
  const yes = (flag === 'true') === (operator === '=');
  return `${field?.title ?? name}：${yes ? '是' : '否'}`;
}
