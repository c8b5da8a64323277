import { Templates } from '@rjsf/antd';
import { ariaDescribedByIds, type BaseInputTemplateProps } from '@rjsf/utils';
import { Input } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';
import { numberOf, textOf } from './number-text.js';

const AntBaseInputTemplate = Templates.BaseInputTemplate as ComponentType<BaseInputTemplateProps>;

/**
 * A number typed as text. antd's InputNumber dropped what it could not read (letters vanished and the
 * field then said 为必填项) and replaced a value out of range by the bound on blur (主导产业占比 150
 * became 100). Here the text stays as typed: a number goes into the form as a number, anything else as
 * the text itself, which the schema reports (应当为数字; `minimum`/`maximum` for one out of range).
 */
function NumberTextInput(props: BaseInputTemplateProps) {
  const { id, htmlName, disabled, readonly, required, placeholder, schema, onChange, onBlur, onFocus, options } = props;
  const value: unknown = props.value;
  const [text, setText] = useState(() => textOf(value));
  // A value set from outside (a training example, a restored draft, a reset) replaces the text; the
  // value this field itself gave leaves it as typed ("1." stays "1.", not "1").
  useEffect(() => {
    setText((typed) => (sameValue(typed, value) ? typed : textOf(value)));
  }, [value]);
  const inert = disabled || readonly;
  return (
    <Input
      id={id}
      name={htmlName ?? id}
      value={text}
      disabled={inert}
      required={required}
      placeholder={placeholder}
      inputMode={schema.type === 'integer' ? 'numeric' : 'decimal'}
      autoComplete="off"
      style={{ width: '100%' }}
      aria-describedby={ariaDescribedByIds(id, schema.examples !== undefined)}
      onChange={(event) => {
        const typed = event.target.value;
        setText(typed);
        onChange(typed.trim() === '' ? options.emptyValue : (numberOf(typed) ?? typed));
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

const sameValue = (typed: string, value: unknown): boolean =>
  typed.trim() === '' ? value === undefined || value === null || value === '' : (numberOf(typed) ?? typed) === value;

/** rjsf's antd input, with numbers typed as text (above). */
export function InputTemplate(props: BaseInputTemplateProps) {
  const { type } = props.schema;
  if (type === 'number' || type === 'integer') return <NumberTextInput {...props} />;
  return <AntBaseInputTemplate {...props} />;
}
