import { Button, type TableColumnsType } from 'antd';
import { hiddenColumnTitle } from '../hidden-column-title.js';

/**
 * The trailing column of an editable table whose link removes the row; none when the table is
 * read-only. `nameOf` names each link by its row (删除：publicityMinWorkingDays) for a screen reader,
 * where every link would otherwise be just 删除: the whole name, in the page's words.
 */
export function removeColumns<Row>(
  readOnly: boolean,
  label: string,
  onRemove: (row: Row) => void,
  nameOf?: (row: Row) => string,
): TableColumnsType<Row> {
  if (readOnly) return [];
  return [
    {
      title: hiddenColumnTitle(label),
      key: 'remove',
      width: 70,
      render: (_: unknown, row: Row) => (
        <Button
          type="link"
          danger
          size="small"
          {...(nameOf !== undefined && { 'aria-label': nameOf(row) })}
          onClick={() => {
            onRemove(row);
          }}
        >
          {label}
        </Button>
      ),
    },
  ];
}
