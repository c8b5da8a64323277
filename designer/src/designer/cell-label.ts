/**
 * The accessible name of a control in an editable table: its row as the table shows it (a rule's
 * name, a field's key) and its column's heading, as a sighted user reads the cell
 * (`publicityMinWorkingDays · 取值 · 单位`) — not an internal id (`publicityMinWorkingDays-unit`).
 */
export function cellLabel(row: string, ...columns: string[]): string {
  return [row, ...columns].join(' · ');
}
