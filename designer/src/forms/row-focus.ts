/**
 * Where the focus goes after a list row's own button (上移, 下移, 删除) has done its work: the button
 * pressed is moved, disabled or gone with its row.
 */

/** The row buttons, by rjsf's class names (`rjsf-array-item-…`), in the order tried. */
export const ROW_BUTTONS = ['move-up', 'move-down', 'remove'] as const;
type RowButton = (typeof ROW_BUTTONS)[number];

export interface RowAction {
  button: RowButton;
  /** The row's place before the action. */
  row: number;
}

/** The row button a click landed on, and its row's place in the list; undefined for any other click. */
export function rowActionOf(target: EventTarget | null, list: HTMLElement | null): RowAction | undefined {
  if (!(target instanceof Element) || list === null) return undefined;
  const pressed = target.closest('button');
  const button = ROW_BUTTONS.find((name) => pressed?.classList.contains(`rjsf-array-item-${name}`));
  const row = Array.from(list.children).findIndex((child) => child.contains(pressed));
  return button === undefined || row < 0 ? undefined : { button, row };
}

/**
 * The row (its place after the action) and the button to focus there: the moved row's same button,
 * or the button of the row that took the removed one's place (the one above when the last went);
 * no button when the list is now empty (the add button takes the focus).
 */
export function afterRowAction(action: RowAction, rowsNow: number): { row: number; button: RowButton | undefined } {
  if (action.button === 'move-up') return { row: Math.max(action.row - 1, 0), button: 'move-up' };
  if (action.button === 'move-down') return { row: Math.min(action.row + 1, rowsNow - 1), button: 'move-down' };
  return rowsNow === 0 ? { row: -1, button: undefined } : { row: Math.min(action.row, rowsNow - 1), button: 'remove' };
}
