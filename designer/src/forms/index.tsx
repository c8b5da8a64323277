// The JSON Schema form renderer: the workbench's task forms, the public objection form, the designer's preview.
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { SchemaFormProps } from './schema-form.js';

export type { SchemaFormProps } from './schema-form.js';
export type { FieldError } from './error-messages.js';
export type { IndicatorChoices } from './form-context.js';
export { rememberAttachment } from './attachments.js';

// rjsf, Ajv and the widgets are a third of the app: loaded with the first form, not with the login.
const LazySchemaForm = lazy(async () => ({ default: (await import('./schema-form.js')).SchemaForm }));

/** `<SchemaForm schema formData onSubmit onChange extraErrors readonly … />`: see schema-form.tsx. */
export function SchemaForm(props: SchemaFormProps) {
  return (
    <Suspense fallback={<Spin />}>
      <LazySchemaForm {...props} />
    </Suspense>
  );
}
