import type { ReactNode } from 'react';

/**
 * The heading of a table column whose cells say what they are (buttons, a tag): not shown, but read
 * out. A header cell left empty is announced as nothing before every cell of its column (axe:
 * empty-table-header).
 */
export const hiddenColumnTitle = (words: string): ReactNode => <span className="qbz-sr-only">{words}</span>;
