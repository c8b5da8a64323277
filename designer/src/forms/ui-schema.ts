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

/** A field whose value is one of fixed choices, shown as a drop-down (not a yes/no, not a list). */
const isChoice = (schema: Schema) =>
  (schema.type === 'string' || schema.type === 'integer' || schema.type === 'number') &&
  (Array.isArray(schema.oneOf) || Array.isArray(schema.enum));

interface UiOptions {
  indicators: boolean;
  /** What an unanswered drop-down says (请选择): its placeholder, never an entry of its list. */
  choose?: string;
  /** The help under the veto items' tick boxes (with the indicator system known). */
  vetoesHelp?: string;
}

/** A text written in one's own words at some length: shown in a multi-line box. */
export const isLongText = (schema: Schema) =>
  schema.type === 'string' &&
  schema.format === undefined &&
  schema.oneOf === undefined &&
  typeof schema.maxLength === 'number' &&
  schema.maxLength > TEXTAREA_FROM;

function fieldUi(schema: Schema, options: UiOptions): UiSchema {
  const { indicators } = options;
  const ui: UiSchema = {};
  const items = isSchema(schema.items) ? schema.items : undefined;
  if (indicators && schema['x-indicators'] === 'scores') ui['ui:field'] = FIELDS.indicatorScores;
  else if (indicators && schema['x-indicators'] === 'vetoes') {
    ui['ui:widget'] = WIDGETS.indicatorVetoes;
    // The schema's description says what the data holds for those who send it (the items' ids, 编号);
    // the form lists the items by their titles, to tick.
    if (options.vetoesHelp !== undefined) ui['ui:description'] = options.vetoesHelp;
  } else if (schema.type === 'string' && schema.format === 'attachment-id') ui['ui:widget'] = WIDGETS.attachment;
  else if (schema.type === 'array' && items?.format === 'attachment-id') ui['ui:widget'] = WIDGETS.attachments;
  else if (schema.type === 'boolean' && schema.const !== true) ui['ui:widget'] = WIDGETS.yesNo;
  else if (isLongText(schema)) {
    ui['ui:widget'] = 'textarea';
    ui['ui:options'] = { rows: (schema.maxLength as number) >= 2000 ? 5 : 3 };
  } else if (isChoice(schema) && options.choose !== undefined) {
    ui['ui:placeholder'] = options.choose;
  } else {
    if (isSchema(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        if (!isSchema(property)) continue;
        const child = fieldUi(property, options);
        if (Object.keys(child).length > 0) ui[name] = child;
      }
    }
    if (items !== undefined) {
      const child = fieldUi(items, options);
      if (Object.keys(child).length > 0) ui.items = child;
    }
  }
  return ui;
}

/**
 * The uiSchema a form schema gets, derived from the schema alone (forms are data: no hand-written
 * uiSchema per form): uploads for `attachment-id` fields, 是/否 for declarations (a box left
 * unticked is not an answer), multi-line boxes for long texts, 请选择 on drop-downs, and indicator tables for the fields
 * marked `x-indicators` when the indicator system is known (the veto items with help of their own).
 */
export function uiSchemaFor(
  schema: Schema,
  options: { indicators?: boolean; choose?: string; vetoesHelp?: string } = {},
): UiSchema {
  return fieldUi(schema, {
    indicators: options.indicators === true,
    ...(options.choose !== undefined && { choose: options.choose }),
    ...(options.vetoesHelp !== undefined && { vetoesHelp: options.vetoesHelp }),
  });
}
