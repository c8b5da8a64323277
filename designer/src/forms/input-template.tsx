import { Templates } from '@rjsf/antd';
import { ariaDescribedByIds, type BaseInputTemplateProps } from '@rjsf/utils';
import type { ComponentType } from 'react';
import { PHONE_PATTERN } from '../../../engine/forms/field-messages.js';
import { NumberTextInput } from './number-text-input.js';

const AntBaseInputTemplate = Templates.BaseInputTemplate as ComponentType<BaseInputTemplateProps>;

/**
 * A phone number as it is often written, in groups (139 1234 5678, 0512 6688 1234), taken without its
 * spaces: the number's pattern has none, and it was refused with a message that names only the "-".
 */
const withoutSpaces =
  (onChange: BaseInputTemplateProps['onChange']) =>
  (value: unknown): void => {
    onChange(typeof value === 'string' ? value.replace(/\s+/g, '') : value);
  };

/** rjsf's antd input, with numbers typed as text (`NumberTextInput`: antd's InputNumber lost them). */
export function InputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, disabled, readonly, required, placeholder, schema, onChange, onBlur, onFocus, options } = props;
  const value: unknown = props.value;
  if (schema.pattern === PHONE_PATTERN) return <AntBaseInputTemplate {...props} onChange={withoutSpaces(onChange)} />;
  if (schema.type !== 'number' && schema.type !== 'integer') return <AntBaseInputTemplate {...props} />;
  return (
    <NumberTextInput
      id={id}
      name={htmlName ?? id}
      value={value}
      integer={schema.type === 'integer'}
      disabled={disabled || readonly}
      required={required}
      placeholder={placeholder}
      style={{ width: '100%' }}
      aria-describedby={ariaDescribedByIds(id, schema.examples !== undefined)}
      onValue={(next) => {
        onChange(next ?? options.emptyValue);
      }}
      onBlur={() => {
        onBlur(id, value);
      }}
      onFocus={() => {
        onFocus(id, value);
      }}
    />
  );
}
