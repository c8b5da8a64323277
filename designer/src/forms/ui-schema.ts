import type { UiSchema } from '@rjsf/utils';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Texts allowed to run longer than this get a multi-line box. */
const TEXTAREA_FROM = 200;

/** Widget names registered by SchemaForm. */
export const WIDGETS = {
  attachment: 'attachment',
  attachments: 'attachments',
  yesNo: 'yesNo',
  indicatorVetoes: 'indicatorVetoes',
} as const;
export const FIELDS = { indicatorScores: 'indicatorScores' } as const;

function fieldUi(schema: Schema, indicators: boolean): UiSchema {
  const ui: UiSchema = {};
  const items = isSchema(schema.items) ? schema.items : undefined;
  if (indicators && schema['x-indicators'] === 'scores') ui['ui:field'] = FIELDS.indicatorScores;
  else if (indicators && schema['x-indicators'] === 'vetoes') ui['ui:widget'] = WIDGETS.indicatorVetoes;
  else if (schema.type === 'string' && schema.format === 'attachment-id') ui['ui:widget'] = WIDGETS.attachment;
  else if (schema.type === 'array' && items?.format === 'attachment-id') ui['ui:widget'] = WIDGETS.attachments;
  else if (schema.type === 'boolean' && schema.const !== true) ui['ui:widget'] = WIDGETS.yesNo;
  else if (
    schema.type === 'string' &&
    schema.format === undefined &&
    schema.oneOf === undefined &&
    typeof schema.maxLength === 'number' &&
    schema.maxLength > TEXTAREA_FROM
  ) {
    ui['ui:widget'] = 'textarea';
    ui['ui:options'] = { rows: schema.maxLength >= 2000 ? 5 : 3 };
  } else {
    if (isSchema(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        if (!isSchema(property)) continue;
        const child = fieldUi(property, indicators);
        if (Object.keys(child).length > 0) ui[name] = child;
      }
    }
    if (items !== undefined) {
      const child = fieldUi(items, indicators);
      if (Object.keys(child).length > 0) ui.items = child;
    }
  }
  return ui;
}

/**
 * The uiSchema a form schema gets, derived from the schema alone (forms are data: no hand-written
 * uiSchema per form): uploads for `attachment-id` fields, 是/否 for declarations (a box left
 * unticked is not an answer), multi-line boxes for long texts, and indicator tables for the fields
 * marked `x-indicators` when the indicator system is known.
 */
export function uiSchemaFor(schema: Schema, options: { indicators?: boolean } = {}): UiSchema {
  return fieldUi(schema, options.indicators === true);
}
