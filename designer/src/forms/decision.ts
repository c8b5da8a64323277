/**
 * The decision a review form records: the field its own `if` tests (审核结论, 意见…), whose choices are
 * `oneOf: [{ const, title }]`. Sending a decision is asked for once more, restating the choice by its
 * title (同意 / 退回修改 / 不予通过): a return or a rejection ends the reviewer's task for good.
 */

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Decision {
  /** The field's title, e.g. 审核结论. */
  label: string;
  /** The chosen option's title, e.g. 退回修改. */
  choice: string;
}

/** The field the form's top-level `if` tests, when it is a choice field of the form. */
export function decisionField(schema: Schema): string | undefined {
  const condition = isSchema(schema.if) ? schema.if.properties : undefined;
  if (!isSchema(condition) || !isSchema(schema.properties)) return undefined;
  return Object.keys(condition).find((name) => {
    const field = isSchema(schema.properties) ? schema.properties[name] : undefined;
    return isSchema(field) && Array.isArray(field.oneOf);
  });
}

/** What `data` decides, by the titles the form gives (undefined on a form that decides nothing). */
export function decisionOf(schema: Schema, data: unknown): Decision | undefined {
  const name = decisionField(schema);
  const field = name === undefined || !isSchema(schema.properties) ? undefined : schema.properties[name];
  if (name === undefined || !isSchema(field) || !isSchema(data)) return undefined;
  const value = data[name];
  const options = (field.oneOf as unknown[]).filter(isSchema);
  const option = options.find((candidate) => candidate.const === value);
  const choice = typeof option?.title === 'string' ? option.title : JSON.stringify(value);
  return { label: typeof field.title === 'string' ? field.title : name, choice };
}
