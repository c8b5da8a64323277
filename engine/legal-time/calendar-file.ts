import type { LocalDate } from './local-date.js';

/** The official notice a year's arrangement comes from (e.g. 国务院办公厅关于2025年部分节假日安排的通知). */
export interface CalendarNotice {
  title: string;
  /** Document number, e.g. 国办发明电〔2024〕12号. */
  number?: string;
  /** Issue date of the notice. */
  issued?: LocalDate;
  url?: string;
}

export interface CalendarDay {
  date: LocalDate;
  /** The festival the day belongs to, e.g. 春节. */
  name: string;
}

/** One year of one working-day calendar: `definitions/calendars/<calendar>/<year>.json`. */
export interface CalendarFile {
  calendar: string;
  year: number;
  /**
   * Which revision of the year this is (1 when absent). A correction to a published year is a new
   * revision; the ones it replaces are kept in `revisions/<year>.r<n>.json` beside it.
   */
  revision?: number;
  notice?: CalendarNotice;
  /** Where the data was imported from, e.g. 'chinese-days@1.5.7 (dist/chinese-days.json)'. */
  source?: string;
  /** Days off listed by the notice (including weekend days inside a holiday block), ascending. */
  holidays: CalendarDay[];
  /** Make-up working days (调休上班): weekend days made working days, ascending. */
  workdays: CalendarDay[];
}

/** A calendar file as read, before validation: `file` names it in problems. */
export interface CalendarSource {
  file: string;
  data: unknown;
}

/** One thing wrong with a calendar file: `pointer` is a JSON Pointer (RFC 6901) into it. */
export interface CalendarProblem {
  file: string;
  pointer: string;
  message: string;
}
