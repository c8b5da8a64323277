// The JSON Schema form renderer: the workbench's task forms, the public objection form, the designer's preview.
import { onDemand } from '../designer/on-demand.js';
import type { SchemaFormProps } from './schema-form.js';

export type { SchemaFormProps } from './schema-form.js';
export type { FieldError } from './error-messages.js';
export type { IndicatorChoices } from './form-context.js';
export type { Outcome } from './submit-guard.js';
export { rememberAttachment } from './attachments.js';

// rjsf, Ajv and the widgets are a third of the app: loaded with the first form, not with the login.
// Not React.lazy: a Suspense boundary holds the loaded form back for up to 300 ms (see on-demand.tsx).
const LazySchemaForm = onDemand<SchemaFormProps>(() => import('./schema-form.js').then((module) => module.SchemaForm));

/** Starts loading the form renderer now (e.g. when a case page is opened, before its data is there). */
export const preloadSchemaForm = (): Promise<unknown> => LazySchemaForm.preload();

/** `<SchemaForm schema formData onSubmit onChange extraErrors readonly … />`: see schema-form.tsx. */
export function SchemaForm(props: SchemaFormProps) {
  return <LazySchemaForm {...props} />;
}
