import { Button, type TableColumnsType } from 'antd';

/** The trailing column of an editable table whose link removes the row; none when the table is read-only. */
export function removeColumns<Row>(
  readOnly: boolean,
  label: string,
  onRemove: (row: Row) => void,
): TableColumnsType<Row> {
  if (readOnly) return [];
  return [
    {
      title: '',
      key: 'remove',
      width: 70,
      render: (_: unknown, row: Row) => (
        <Button
          type="link"
          danger
          size="small"
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
