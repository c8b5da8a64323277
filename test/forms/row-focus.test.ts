import { describe, expect, it } from 'vitest';
import { afterRowAction } from '../../designer/src/forms/row-focus.js';

describe('where the focus goes after a list row button', () => {
  it('follows a moved row with the same button', () => {
    expect(afterRowAction({ button: 'move-up', row: 2 }, 3)).toEqual({ row: 1, button: 'move-up' });
    expect(afterRowAction({ button: 'move-down', row: 0 }, 3)).toEqual({ row: 1, button: 'move-down' });
  });

  it('goes to the row that took a removed one’s place, the one above when the last went', () => {
    expect(afterRowAction({ button: 'remove', row: 1 }, 2)).toEqual({ row: 1, button: 'remove' });
    expect(afterRowAction({ button: 'remove', row: 2 }, 2)).toEqual({ row: 1, button: 'remove' });
  });

  it('names no row button when the list is now empty (the add button takes the focus)', () => {
    expect(afterRowAction({ button: 'remove', row: 0 }, 0)).toEqual({ row: -1, button: undefined });
  });
});
