import type { CalendarDay, CalendarFile } from './calendar-file.js';

function oneLine(value: object): string {
  const fields = Object.entries(value).map(([key, field]) => `${JSON.stringify(key)}: ${JSON.stringify(field)}`);
  return `{ ${fields.join(', ')} }`;
}

/**
 * A calendar file as committed: two-space JSON with one day per line, so a year's diff reads like
 * the notice (the import script and the calendar editor write the same text).
 */
export function serialiseCalendarFile(file: CalendarFile): string {
  const days = (list: CalendarDay[]) =>
    list.length === 0 ? '[]' : `[\n${list.map((day) => `    ${oneLine(day)}`).join(',\n')}\n  ]`;
  const lines = [
    `  "calendar": ${JSON.stringify(file.calendar)}`,
    `  "year": ${file.year}`,
    ...(file.revision === undefined ? [] : [`  "revision": ${file.revision}`]),
    ...(file.notice === undefined ? [] : [`  "notice": ${oneLine(file.notice)}`]),
    ...(file.source === undefined ? [] : [`  "source": ${JSON.stringify(file.source)}`]),
    `  "holidays": ${days(file.holidays)}`,
    `  "workdays": ${days(file.workdays)}`,
  ];
  return `{\n${lines.join(',\n')}\n}\n`;
}
