import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { CalendarFile, CalendarNotice } from '../../../engine/legal-time/calendar-file.js';
import { entryFromCalendarYear } from '../../../engine/legal-time/pure.js';
import { useAsync } from '../workbench/use-async.js';
import { useCalendarText } from './calendar-messages.js';
import { useI18n } from '../i18n/i18n.js';
import { CardTable } from '../card-table.js';
import { hiddenColumnTitle } from '../hidden-column-title.js';
import { YearGrid } from './month-grid.js';
import { blankDraft, daysOf, draftOf, YearEditor, type EntryDraft } from './year-editor.js';

/** GET /api/calendars */
export interface CalendarYears {
  years: {
    calendar: string;
    year: number;
    revision: number;
    notice?: CalendarNotice;
    source?: string;
    holidays: number;
    workdays: number;
  }[];
  missing: { calendar: string; year: number }[];
}

type Row = CalendarYears['years'][number];

async function loadCalendars(): Promise<{ list: CalendarYears; files: CalendarFile[] }> {
  const list = await api<CalendarYears>('GET', '/api/calendars');
  const ids = [...new Set(list.years.map((year) => year.calendar))];
  const files = (await Promise.all(ids.map((id) => api<CalendarFile[]>('GET', `/api/calendars/${id}`)))).flat();
  return { list, files };
}

/**
 * 节假日安排 (policy-admin, admin): the calendar years the engine counts working days in, each with
 * the notice it comes from; entering next year from the State Council's notice, correcting a year
 * (a new revision), and the month grid of any year.
 */
export function CalendarPage() {
  const c = useCalendarText();
  const { t } = useI18n();
  // Read again in place once a year is published (reload keeps the list drawn): a new key drew the
  // page afresh, and the keyboard, given back to the list's heading, fell to the page.
  const loaded = useAsync(loadCalendars, 'calendars');
  const [editing, setEditing] = useState<{ draft: EntryDraft; revision?: number } | undefined>();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const returning = useRef(false);
  useEffect(() => {
    if (editing !== undefined || !returning.current) return;
    returning.current = false;
    listHeading.current?.focus();
  }, [editing]);
  const [shown, setShown] = useState<number | undefined>();
  const list = loaded.data?.list;
  const fileOf = (year: number) => loaded.data?.files.find((file) => file.year === year);
  const nextYear = list?.missing[0]?.year ?? Math.max(0, ...(list?.years.map((row) => row.year) ?? [])) + 1;

  const columns: TableColumnsType<Row> = [
    { title: c('year'), dataIndex: 'year', key: 'year' },
    { title: c('revision'), dataIndex: 'revision', key: 'revision' },
    {
      title: c('notice'),
      key: 'notice',
      render: (_, row) =>
        row.notice?.url === undefined ? (
          row.notice?.title
        ) : (
          <a href={row.notice.url} target="_blank" rel="noreferrer">
            {row.notice.title}
          </a>
        ),
    },
    { title: c('number'), key: 'number', render: (_, row) => row.notice?.number },
    { title: c('issued'), key: 'issued', render: (_, row) => row.notice?.issued },
    { title: c('holidayDays'), dataIndex: 'holidays', key: 'holidays' },
    { title: c('workdays'), dataIndex: 'workdays', key: 'workdays' },
    {
      title: hiddenColumnTitle(t('columnActions')),
      key: 'actions',
      render: (_, row) => (
        <Space>
          <Button
            size="small"
            onClick={() => {
              setShown(row.year);
            }}
          >
            {c('show')}
          </Button>
          <Button
            size="small"
            onClick={() => {
              const file = fileOf(row.year);
              if (file !== undefined)
                setEditing({ draft: draftOf(row.year, entryFromCalendarYear(file)), revision: row.revision + 1 });
            }}
          >
            {c('correct')}
          </Button>
        </Space>
      ),
    },
  ];

  const shownFile = shown === undefined ? undefined : fileOf(shown);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {loaded.error !== undefined && <Alert type="error" showIcon title={loaded.error.message} />}
      {list?.missing.map((missing) => (
        <Alert key={missing.year} type="warning" showIcon title={c('missing', { year: missing.year })} />
      ))}
      {editing === undefined ? (
        <Card
          title={
            <h1 ref={listHeading} tabIndex={-1} style={{ fontSize: 16, margin: 0 }}>
              {c('title')}
            </h1>
          }
          extra={
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={list === undefined}
              onClick={() => {
                setEditing({ draft: blankDraft(nextYear) });
              }}
            >
              {c('addYear')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{c('hint')}</Typography.Paragraph>
          <CardTable<Row>
            rowKey={(row) => `${row.calendar}/${row.year}`}
            columns={columns}
            dataSource={list?.years ?? []}
            loading={loaded.loading}
            pagination={false}
          />
        </Card>
      ) : (
        <YearEditor
          key={`${editing.draft.year}/${editing.revision ?? 1}`}
          initial={editing.draft}
          {...(editing.revision !== undefined && { revision: editing.revision })}
          c={c}
          onDone={() => {
            setEditing(undefined);
            loaded.reload();
            // Closed, back to the list's heading: what had the keyboard (发布, 取消) is gone.
            returning.current = true;
          }}
        />
      )}
      {editing === undefined && shownFile !== undefined && (
        <Card title={c('viewYear', { year: shownFile.year, revision: shownFile.revision ?? 1 })}>
          <YearGrid
            year={shownFile.year}
            days={daysOf(draftOf(shownFile.year, entryFromCalendarYear(shownFile)))}
            c={c}
          />
        </Card>
      )}
    </Space>
  );
}
