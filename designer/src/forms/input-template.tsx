import { Templates } from '@rjsf/antd';
import { ariaDescribedByIds, type BaseInputTemplateProps } from '@rjsf/utils';
import type { ComponentType } from 'react';
import { NumberTextInput } from './number-text-input.js';

const AntBaseInputTemplate = Templates.BaseInputTemplate as ComponentType<BaseInputTemplateProps>;

/** rjsf's antd input, with numbers typed as text (`NumberTextInput`: antd's InputNumber lost them). */
export function InputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, disabled, readonly, required, placeholder, schema, onChange, onBlur, onFocus, options } = props;
  const value: unknown = props.value;
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
