import {
  ariaDescribedByIds,
  enumOptionSelectedValue,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getOptionValueFormat,
  SelectedOptionDescription,
  type EnumValue,
  type WidgetProps,
} from '@rjsf/utils';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useClearChoice } from './clear-choice.js';

const SELECT_STYLE = { width: '100%' };

/** A choice's label as typed into the select's search (labels are the choices' titles). */
const matches = (input: string, option?: { label?: unknown }) =>
  typeof option?.label === 'string' && option.label.toLowerCase().includes(input.toLowerCase());

/**
 * A drop-down of a field's fixed choices (`oneOf` consts, `enum`), as @rjsf/antd's SelectWidget but
 * listing only the choices: that one put the placeholder (请选择) first in the list as an entry of its
 * own, so the list opened on it and the arrow keys stopped on it, as if "nothing" were an answer to a
 * required 审核结论. The placeholder is the closed field's only; an optional field is emptied by its
 * 清除 button (antd's allowClear), a required one cannot be emptied once chosen.
 */
export function SelectWidget(props: WidgetProps) {
  const { id, htmlName, multiple, options, placeholder, readonly, disabled, autofocus, required } = props;
  const { onChange, onBlur, onFocus, registry, uiSchema } = props;
  const value = props.value as unknown;
  const clearChoice = useClearChoice();
  const { enumOptions, enumDisabled } = options;
  const emptyValue = options.emptyValue as unknown;
  const format = getOptionValueFormat(options);
  const decode = (chosen: unknown) => enumOptionValueDecoder(chosen as string, enumOptions, format, emptyValue);
  const choices = useMemo(
    () =>
      (enumOptions ?? []).map(({ value: choice, label }: { value: EnumValue; label: string }, index) => ({
        disabled: Array.isArray(enumDisabled) && enumDisabled.includes(choice),
        key: String(index),
        value: enumOptionValueEncoder(choice, index, format),
        label,
      })),
    [enumOptions, enumDisabled, format],
  );
  const { readonlyAsDisabled = true } = registry.formContext as { readonlyAsDisabled?: boolean };
  return (
    <>
      <Select
        id={id}
        // rc-select hands `name` to its input, which antd's types leave out.
        {...{ name: htmlName ?? id }}
        mode={multiple === true ? 'multiple' : undefined}
        autoFocus={autofocus}
        disabled={disabled === true || (readonlyAsDisabled && readonly === true)}
        getPopupContainer={(node: HTMLElement) => node.parentElement ?? document.body}
        placeholder={placeholder}
        style={SELECT_STYLE}
        value={enumOptionSelectedValue(value, enumOptions, multiple === true, format, emptyValue) as unknown}
        options={choices}
        showSearch={{ filterOption: matches }}
        {...(required !== true && { allowClear: clearChoice })}
        aria-describedby={ariaDescribedByIds(id)}
        {...(readonly !== true && {
          onChange: (next: unknown) => {
            onChange(decode(next));
          },
          onBlur: () => {
            onBlur(id, decode(value));
          },
          onFocus: () => {
            onFocus(id, decode(value));
          },
        })}
      />
      {/* A choice's own description (a `oneOf` entry's), under the field once it is chosen. */}
      <SelectedOptionDescription
        id={id}
        multiple={multiple}
        options={options}
        registry={registry}
        uiSchema={uiSchema}
        value={value}
      />
    </>
  );
}
