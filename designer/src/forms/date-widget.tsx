import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { NOT_AFTER_KEYWORD } from '../../../engine/forms/form-ajv.js';
import { DateInput } from './date-input.js';
import type { SchemaFormContext } from './form-context.js';

/**
 * `format: date` fields (`YYYY-MM-DD`), as @rjsf/antd's DateWidget but on the server's day
 * (`formContext.today`): the shared date field (date-input.tsx) tied to rjsf's callbacks. A date of
 * what has happened (`x-not-after: "today"`) greys out the days after the server's today, which the
 * server refuses (engine/forms/form-validator.ts): they could be clicked, and were refused on 提交.
 */
export function DateWidget({
  disabled,
  readonly,
  registry,
  id,
  onBlur,
  onChange,
  onFocus,
  placeholder,
  schema,
  value,
}: WidgetProps) {
  const { today } = registry.formContext as SchemaFormContext;
  const notAfter = schema[NOT_AFTER_KEYWORD] === 'today' ? today : undefined;
  return (
    <DateInput
      id={id}
      today={today}
      {...(notAfter !== undefined && { notAfter })}
      value={typeof value === 'string' && value !== '' ? value : undefined}
      disabled={disabled === true}
      readOnly={readonly === true}
      placeholder={placeholder}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={onChange}
      onBlur={(text) => {
        onBlur(id, text);
      }}
      onFocus={() => {
        onFocus(id, value);
      }}
    />
  );
}
