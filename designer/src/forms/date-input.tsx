import dayjsConfigModule from '@rc-component/picker/generate/dayjs';
import type { GenerateConfig } from '@rc-component/picker/generate';
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

const PICKER_STYLE = { width: '100%' };

dayjs.extend(customParseFormat);

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

/**
 * What a date may be typed as besides `YYYY-MM-DD` (the one shown): the ways people write
 * one without doubt about which is the day — 2025/4/3, 2025-4-3, 2025.04.03, 20250403, 2025年4月3日.
 * Each is read strictly: 2025-02-30 is no date, not 2 March.
 */
const TYPED_FORMATS = [
  'YYYY-MM-DD',
  ...['-', '/', '.'].flatMap((separator) =>
    ['MM', 'M'].flatMap((month) => ['DD', 'D'].map((day) => ['YYYY', month, day].join(separator))),
  ),
  'YYYYMMDD',
  ...['MM', 'M'].flatMap((month) => ['DD', 'D'].map((day) => `YYYY年${month}月${day}日`)),
].filter((format, index, all) => all.indexOf(format) === index);

/** A date typed in one of the ways it may be, as `YYYY-MM-DD`; undefined for text that is no date. */
const readDate = (typed: string) =>
  TYPED_FORMATS.map((format) => dayjs(typed, format, true))
    .find((date) => date.isValid())
    ?.format('YYYY-MM-DD');

/** What may hold the keyboard inside a picker: its box and its clear button. */
const PICKER_STOPS = 'input, button, [tabindex]';

/**
 * Where inside its picker the keyboard is going as the box is left (Tab from the box lands on the
 * picker's 清除), to be put back there once the picker is drawn afresh: the redraw replaced that
 * button and the keyboard fell to the page.
 */
function stopWithin(event: FocusEvent<HTMLElement>): number | undefined {
  const picker = event.target.closest('.ant-picker');
  const next = event.relatedTarget;
  if (picker === null || !(next instanceof HTMLElement) || !picker.contains(next)) return undefined;
  return Array.from(picker.querySelectorAll(PICKER_STOPS)).indexOf(next);
}

/**
 * A key typed while the picker's 清除 has the keyboard (Tab from the box stops there) goes into the
 * box, as if Tab had gone back to it: its text selected, so that what is typed replaces the date (a
 * box one tabs into is selected so too). The button took it and did nothing: what was typed was lost,
 * and the date in the box was not the one typed. Space and Enter still press 清除; Backspace and
 * Delete go to the box too, and empty it.
 */
function typeIntoBox(event: KeyboardEvent<HTMLElement>): void {
  const { key, target } = event;
  if (!(target instanceof HTMLButtonElement) || !target.classList.contains('ant-picker-clear')) return;
  if (event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing) return;
  if (!((key.length === 1 && key !== ' ') || key === 'Backspace' || key === 'Delete')) return;
  const box = target.closest('.ant-picker')?.querySelector('input');
  if (box == null) return;
  // Moved before the key's default action: the browser types it into the box that now has the focus.
  box.focus();
  box.select();
}

/** What the keyboard may stop at as Tab goes through the page (the app sets no positive tabindex). */
const TAB_STOPS = 'a[href], button, input, select, textarea, [tabindex]';

/** The first stop after `picker` in the page's order, outside it and its calendar. */
function stopAfter(picker: Element): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>(TAB_STOPS)).find(
    (stop) =>
      (picker.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 &&
      !picker.contains(stop) &&
      stop.closest('.ant-picker-dropdown') === null &&
      stop.tabIndex >= 0 &&
      !stop.matches(':disabled') &&
      stop.getClientRects().length > 0,
  );
}

/**
 * Tab from the box goes on to the next field when there is no 清除 to stop at. A box emptied: leaving
 * it empties the field (below), which takes 清除 away with the date, and the keyboard, sent to it,
 * fell to the page. A box without a date yet (a first one typed as 2024/3/3, read on leaving): the
 * calendar, open as one types, stood next in the page's order — its panel took the keyboard though
 * no key works in it, closed under it, and the keyboard fell to the page.
 */
function tabOnward(event: KeyboardEvent<HTMLElement>): void {
  const box = event.target;
  if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  // From 清除 too: the closed calendar, 0 × 0 px, stood next and took the keyboard to nothing to be seen.
  const onClear = box instanceof HTMLButtonElement && box.classList.contains('ant-picker-clear');
  if (!(box instanceof HTMLInputElement) && !onClear) return;
  const picker = box.closest('.ant-picker');
  if (picker === null) return;
  if (box instanceof HTMLInputElement && box.value.trim() !== '' && picker.querySelector('.ant-picker-clear') !== null)
    return;
  const next = stopAfter(picker);
  if (next === undefined) return;
  event.preventDefault();
  next.focus();
  // As Tab into a box does: what it holds is selected, and typing replaces it.
  if (next instanceof HTMLInputElement) next.select();
}

/** The picker's own value: a date, or nothing for an empty field or one holding text that is no date. */
const pickerValue = (text: string | undefined) => {
  if (text === undefined) return null;
  const date = dayjs(text, 'YYYY-MM-DD', true);
  return date.isValid() ? date : null;
};

/** Whether a field's text is a date as the date fields give one (`YYYY-MM-DD`, a day that exists). */
export const isDate = (text: string) => pickerValue(text) !== null;

export interface DateInputProps {
  /** The box's id (one of its own when not given). */
  id?: string;
  /** Today as the server has it (YYYY-MM-DD; a sandbox's day); undefined: the browser's. */
  today: string | undefined;
  /** The field's text: a date (`YYYY-MM-DD`), text typed that is no date, or undefined when empty. */
  value: string | undefined;
  /** A day picked or typed (`YYYY-MM-DD`), text typed that is no date as typed, undefined when cleared. */
  onChange: (text: string | undefined) => void;
  /** The field left, with its text as it now is. */
  onBlur?: (text: string | undefined) => void;
  onFocus?: () => void;
  /** Days before this one (`YYYY-MM-DD`) cannot be picked in the calendar. */
  notBefore?: string;
  /** Days after this one (`YYYY-MM-DD`) cannot be picked in the calendar: a date of what has happened. */
  notAfter?: string;
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
  status?: '' | 'error';
  'aria-label'?: string;
  'aria-describedby'?: string;
}

/**
 * A date field (`YYYY-MM-DD`) on the server's day, in the page's language (the pickers' month and
 * weekday names and 今天 come from the app's locale, not the browser's as `<input type="date">`'s do).
 * A date typed another common way is read as that date and shown as `YYYY-MM-DD`; text that is no date
 * (2025-04-0x, 2025-02-30) stays in the box and is handed on as typed, so the field says what is wrong
 * — the picker used to drop it, and the field, still showing it, said it was required. A day before
 * `notBefore` typed stays and is handed on too, however the field is left (Tab, Enter, the mouse), for
 * the form to say why it is refused (生效日期不能早于今日), never shown while another day is sent. So too
 * a day after `notAfter`. The picker refused such a day on Tab and Enter as it refuses its greyed cell:
 * the box went back to the date before, or empty, and nothing said why.
 */
export function DateInput(props: DateInputProps) {
  const { today, value: text, notBefore, notAfter, readOnly = false } = props;
  const ownId = useId();
  const id = props.id ?? ownId;
  const Picker = useDatePicker(today);
  // Outside the days that may be picked: before `notBefore` or after `notAfter` (dates compare as text).
  const outside = (date: string) =>
    (notBefore !== undefined && date < notBefore) || (notAfter !== undefined && date > notAfter);
  // The date the picker holds: the field's, or while the field holds text that is no date, the last
  // one it had (an empty picker would empty the box, and the text typed would vanish beside its error).
  const [shown, setShown] = useState(() => pickerValue(text)?.format('YYYY-MM-DD'));
  const date = pickerValue(text)?.format('YYYY-MM-DD');
  if ((date !== undefined || text === undefined) && date !== shown) setShown(date);
  const [drawn, setDrawn] = useState(0);
  const refocus = useRef<number | undefined>(undefined);
  // A day outside those that may be picked, typed in the box as Tab or Enter was pressed: the picker
  // puts its own date back in the box before the field is left, and the day typed would be lost.
  const refused = useRef<string | undefined>(undefined);
  const refusedDay = (typed: string) => {
    const read = readDate(typed);
    return read !== undefined && outside(read) ? typed : undefined;
  };
  useEffect(() => {
    const at = refocus.current;
    refocus.current = undefined;
    if (at === undefined || at < 0) return;
    const picker = document.getElementById(id)?.closest('.ant-picker');
    picker?.querySelectorAll<HTMLElement>(PICKER_STOPS)[at]?.focus();
  }, [drawn, id]);
  return (
    // `display: contents`: a wrapper for keys only (typed on 清除, Tab), the picker laid out as before.
    <div
      style={{ display: 'contents' }}
      onKeyDownCapture={(event) => {
        const box = event.target;
        if (readOnly || !(box instanceof HTMLInputElement) || (event.key !== 'Tab' && event.key !== 'Enter')) return;
        refused.current = refusedDay(box.value.trim());
      }}
      onKeyDown={(event) => {
        typeIntoBox(event);
        tabOnward(event);
        // Enter takes the day typed as the field's, as it takes any other (the field is not left).
        const typed = event.key === 'Enter' ? refused.current : undefined;
        if (typed === undefined) return;
        refused.current = undefined;
        props.onChange(readDate(typed));
      }}
    >
      <Picker
        key={drawn}
        id={id}
        name={id}
        disabled={props.disabled === true || readOnly}
        getPopupContainer={(node) => node.parentElement ?? document.body}
        placeholder={props.placeholder}
        style={PICKER_STYLE}
        value={pickerValue(shown)}
        // The picker reads `YYYY-MM-DD` alone: given the other ways too, it took 2025-12-2 as a date
        // while 2025-12-25 was being typed, rewrote the box, and the 5 came after 2025-12-02. The others
        // are read on leaving the field, below. Text that is no date stays as typed, beside its error.
        format="YYYY-MM-DD"
        preserveInvalidOnBlur
        {...((notBefore !== undefined || notAfter !== undefined) && {
          disabledDate: (day: Dayjs) => outside(day.format('YYYY-MM-DD')),
        })}
        {...(props.status !== undefined && { status: props.status })}
        aria-label={props['aria-label']}
        aria-describedby={props['aria-describedby']}
        panelRender={keepFocusInField}
        {...(!readOnly && {
          onChange: (next: Dayjs | null) => {
            props.onChange(next === null ? undefined : next.format('YYYY-MM-DD'));
          },
          onBlur: (event: FocusEvent<HTMLElement>) => {
            const box = event.target instanceof HTMLInputElement ? event.target : undefined;
            const late = box === undefined ? undefined : refused.current;
            refused.current = undefined;
            const typed = late ?? box?.value.trim() ?? '';
            if (box !== undefined && typed === '' && text !== undefined) {
              // The box emptied (Backspace over the date, a cut) is the field emptied: the picker
              // took an empty box for no change and kept its date, so the form sent a day no longer
              // shown, and said nothing of a required field left empty.
              props.onChange(undefined);
              props.onBlur?.(undefined);
              return;
            }
            if (typed === '' || typed === text) {
              props.onBlur?.(text);
              return;
            }
            if (pickerValue(typed) !== null && !outside(typed)) {
              // A date the picker took, or the one it still held while the field had text that is no
              // date: typed again, the picker saw no change and told none, and the text stayed the field's.
              props.onChange(typed);
              props.onBlur?.(typed);
              return;
            }
            // Another way of writing a date is that date (one the calendar would not offer too: the
            // picker keeps it from its value); text that is no date is kept for the form to say what is
            // wrong. The picker is drawn afresh to show the date as dates are shown (its value
            // unchanged, the same date typed again another way stayed as typed).
            const read = readDate(typed);
            props.onChange(read ?? typed);
            if (read !== undefined) {
              refocus.current = stopWithin(event);
              setDrawn((count) => count + 1);
            }
            props.onBlur?.(read ?? typed);
          },
          onFocus: () => {
            refused.current = undefined;
            props.onFocus?.();
          },
        })}
      />
    </div>
  );
}
