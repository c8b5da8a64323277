import { Table, type TableColumnsType, type TableProps } from 'antd';
import { useMemo, type AriaAttributes, type HTMLAttributes } from 'react';
import { useI18n } from './i18n/i18n.js';

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
 * A table's props while its rows are loading: 加载中… in place of its empty text, and `aria-busy`.
 * antd shows the empty text under its spinner, so 暂无待办任务 flashed (and was read out) before every
 * first answer; the empty text now says so only of an answer that is empty. antd hands `aria-*` to the
 * <table>.
 */
export function useLoadingTable<T>(props: TableProps<T>): TableProps<T> & AriaAttributes {
  const { t } = useI18n();
  const waiting = props.loading !== undefined && props.loading !== false && (props.dataSource ?? []).length === 0;
  if (!waiting) return { ...props, 'aria-busy': false };
  return { ...props, 'aria-busy': true, locale: { ...props.locale, emptyText: t('loading') } };
}

/**
 * A list: an antd table on a wide screen, a stack of cards on a phone (one card a row, each value
 * under its column's name), so that no cell is squeezed to one character a line.
 */
export function CardTable<T extends object>({ columns, className, ...props }: TableProps<T>) {
  const withLabels = useMemo(() => (columns === undefined ? undefined : labelled(columns)), [columns]);
  return (
    <Table<T>
      {...useLoadingTable(props)}
      className={['qbz-cards', className].filter(Boolean).join(' ')}
      {...(withLabels !== undefined && { columns: withLabels })}
    />
  );
}
