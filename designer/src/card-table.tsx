import { Table, type SpinProps, type TableColumnsType, type TableProps } from 'antd';
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
 * antd's loading wrapper around a table (its Spin) is a live region (`aria-live="polite"`) holding the
 * whole table: a screen reader read every row again on each change. `off` for a table whose changes
 * the page says briefly itself.
 */
function quietLoading<T>(loading: TableProps<T>['loading']): TableProps<T>['loading'] {
  const spin: SpinProps = typeof loading === 'object' ? loading : { spinning: loading === true };
  return { ...spin, 'aria-live': 'off' } as SpinProps;
}

/**
 * A list: an antd table on a wide screen, a stack of cards on a phone (one card a row, each value
 * under its column's name), so that no cell is squeezed to one character a line. `quiet`: the table
 * is no live region (see quietLoading).
 */
export function CardTable<T extends object>({
  columns,
  className,
  quiet = false,
  ...props
}: TableProps<T> & { quiet?: boolean }) {
  const withLabels = useMemo(() => (columns === undefined ? undefined : labelled(columns)), [columns]);
  const table = useLoadingTable(props);
  return (
    <Table<T>
      {...table}
      {...(quiet && { loading: quietLoading(table.loading) })}
      className={['qbz-cards', className].filter(Boolean).join(' ')}
      {...(withLabels !== undefined && { columns: withLabels })}
    />
  );
}
