import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import dayjsConfigModule from '@rc-component/picker/generate/dayjs';
import type { GenerateConfig } from '@rc-component/picker/generate';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import type { SchemaFormContext } from './form-context.js';

const PICKER_STYLE = { width: '100%' };

/**
 * The package's `.d.ts` files sit in a folder without `"type": "module"`, so TypeScript (NodeNext)
 * types this ES module's default export as `{ default: config }`; Vite hands over the config itself.
 * Accept either shape.
 */
const dayjsConfig = (
  'getNow' in dayjsConfigModule ? dayjsConfigModule : dayjsConfigModule.default
) as GenerateConfig<Dayjs>;

/**
 * A date picker whose "today" is the server's: on a training sandbox (`CLOCK=simulated`) the
 * calendar opens on the sandbox's month, marks its day as today and its 今天 button picks that day,
 * not the machine's (which may be a year away). Without a known day, the browser's.
 */
function useDatePicker(today: string | undefined) {
  return useMemo(
    () =>
      DatePicker.generatePicker<Dayjs>(
        // dayjs(today) is midnight in the browser's zone; only its calendar day is used.
        today === undefined ? dayjsConfig : { ...dayjsConfig, getNow: () => dayjs(today) },
      ),
    [today],
  );
}

/**
 * A press in the calendar must not take the focus from the field: that blur reports the field left,
 * its error (为必填项) appears, the form grows, the calendar moves with its field, and the release
 * lands on another day than the press — the click picked nothing (with a mouse, on every form).
 */
const keepFocusInField = (panel: ReactNode) => (
  <div
    onMouseDown={(event) => {
      event.preventDefault();
    }}
  >
    {panel}
  </div>
);

/** `format: date` fields (`YYYY-MM-DD`), as @rjsf/antd's DateWidget but on the server's day. */
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
  const Picker = useDatePicker(today);
  const text = typeof value === 'string' && value !== '' ? value : undefined;
  return (
    <Picker
      id={id}
      name={id}
      disabled={disabled === true || readonly === true}
      getPopupContainer={(node) => node.parentElement ?? document.body}
      placeholder={placeholder}
      style={PICKER_STYLE}
      value={text === undefined ? null : dayjs(text)}
      aria-describedby={ariaDescribedByIds(id)}
      panelRender={keepFocusInField}
      {...(readonly !== true && {
        onChange: (next: Dayjs | null) => {
          onChange(next === null ? undefined : next.format('YYYY-MM-DD'));
        },
        onBlur: () => {
          onBlur(id, value);
        },
        onFocus: () => {
          onFocus(id, value);
        },
      })}
    />
  );
}
