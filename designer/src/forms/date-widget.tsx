import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { DateInput } from './date-input.js';
import type { SchemaFormContext } from './form-context.js';

/**
 * `format: date` fields (`YYYY-MM-DD`), as @rjsf/antd's DateWidget but on the server's day
 * (`formContext.today`): the shared date field (date-input.tsx) tied to rjsf's callbacks.
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
  value,
}: WidgetProps) {
  const { today } = registry.formContext as SchemaFormContext;
  return (
    <DateInput
      id={id}
      today={today}
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
