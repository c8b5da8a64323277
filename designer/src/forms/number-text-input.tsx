import { Input, type InputProps } from 'antd';
import { useEffect, useState } from 'react';
import { numberOf, textOf } from './number-text.js';

/** What a number field holds: a number, the text typed when it reads as none, or nothing. */
export type TypedNumber = number | string | undefined;

const sameValue = (typed: string, value: unknown): boolean =>
  typed.trim() === '' ? value === undefined || value === null || value === '' : (numberOf(typed) ?? typed) === value;

/**
 * A number typed as text. antd's InputNumber dropped what it could not read (letters vanished and the
 * field then said 为必填项) and replaced a value out of range by the bound on blur (主导产业占比 150
 * became 100). Here the text stays as typed: a number is given as a number, anything else as the text
 * itself, for the schema to report (应当为数字; `minimum`/`maximum` for one out of range).
 */
export function NumberTextInput({
  value,
  integer,
  onValue,
  ...input
}: Omit<InputProps, 'value' | 'onChange' | 'inputMode'> & {
  value: unknown;
  integer: boolean;
  onValue: (next: TypedNumber) => void;
}) {
  const [text, setText] = useState(() => textOf(value));
  // A value set from outside (a training example, a restored draft, a reset) replaces the text; the
  // value this field itself gave leaves it as typed ("1." stays "1.", not "1").
  useEffect(() => {
    setText((typed) => (sameValue(typed, value) ? typed : textOf(value)));
  }, [value]);
  return (
    <Input
      {...input}
      value={text}
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      onChange={(event) => {
        const typed = event.target.value;
        setText(typed);
        onValue(typed.trim() === '' ? undefined : (numberOf(typed) ?? typed));
      }}
    />
  );
}
