import { Table, type TableColumnsType, type TableProps } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';

/** Each cell carries its column's name, which the phone layout (app-shell.css) shows above the value. */
function labelled<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((column) => {
    const label = typeof column.title === 'string' ? column.title : '';
    const onCell = column.onCell;
    return {
      ...column,
      onCell: (record: T, index?: number) =>
        ({ ...onCell?.(record, index), 'data-label': label }) as HTMLAttributes<HTMLElement>,
    };
  });
}

/**
 * A list: an antd table on a wide screen, a stack of cards on a phone (one card a row, each value
 * under its column's name), so that no cell is squeezed to one character a line.
 */
export function CardTable<T extends object>({ columns, className, ...props }: TableProps<T>) {
  const withLabels = useMemo(() => (columns === undefined ? undefined : labelled(columns)), [columns]);
  return (
    <Table<T>
      {...props}
      className={['qbz-cards', className].filter(Boolean).join(' ')}
      {...(withLabels !== undefined && { columns: withLabels })}
    />
  );
}
