import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';

/** Characters as the schema's `maxLength` counts them (code points: an emoji or a rare 汉字 is one). */
const codePoints = (text: string) => Array.from(text).length;

/**
 * A long text (a 意见, a 情况说明) with how much of its limit is used, 1203 / 2000, red past it: a text
 * over the limit was said only when the box was left or the form sent. Nothing typed or pasted is cut.
 */
export function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, disabled, readonly, placeholder, options, schema, onChange, onBlur, onFocus } = props;
  const value = typeof props.value === 'string' ? props.value : '';
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : undefined;
  return (
    <Input.TextArea
      id={id}
      name={htmlName ?? id}
      disabled={disabled || readonly}
      placeholder={placeholder}
      rows={typeof options.rows === 'number' ? options.rows : 4}
      style={{ width: '100%' }}
      value={value}
      count={max === undefined ? undefined : { show: true, max, strategy: codePoints }}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(event) => {
        onChange(event.target.value === '' ? options.emptyValue : event.target.value);
      }}
      onBlur={(event) => {
        onBlur(id, event.target.value);
      }}
      onFocus={(event) => {
        onFocus(id, event.target.value);
      }}
    />
  );
}
