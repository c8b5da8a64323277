import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type MouseEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/session.js';
import { useTrainingServer } from '../forms/training-example.js';
import { PAGE_GROUPS } from '../page-groups.js';
import { CardTable } from '../card-table.js';
import { useI18n } from '../i18n/i18n.js';
import { BulkOpinion } from '../reports/bulk-opinion.js';
import { CalendarWarning } from './calendar-warning.js';
import { ExportCasesButton } from '../reports/export-button.js';
import type { MessageKey } from '../i18n/messages.js';
import { DaysLeft } from './days-left.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { loadInbox, type CaseRow, type TaskRow } from './inbox-data.js';
import { applyFilter, readFilter } from './inbox-filter.js';
import { InboxFilters } from './inbox-filters.js';
import { startable, type Vocabulary } from './vocabulary.js';
import { useListChange, type SaidChange, type ShownChange } from './list-change.js';
import { TaskDueCell } from './task-due-cell.js';
import { OriginLine } from './task-origin.js';
import { PeriodLine } from './task-period.js';
import { StartCaseDialog } from './start-case-dialog.js';
import { useAsync } from './use-async.js';
import { useReloadWhenShown } from './reload-when-shown.js';

const caseLink = (id: string) => `/cases/${encodeURIComponent(id)}`;
const originId = (row: TaskRow) => `task-origin-${row.ref}`;
const returnedId = (row: TaskRow) => `task-returned-${row.ref}`;
const periodId = (row: TaskRow) => `task-period-${row.ref}`;
const subjectId = (row: TaskRow) => `task-subject-${row.ref}`;
const unavailableId = (row: TaskRow) => `task-unavailable-${row.ref}`;

/** A task's link is described by what tells it apart: the message it answers, the review that sent it back. */
function describedBy(row: TaskRow, subjects: number): { 'aria-describedby'?: string } {
  const ids = [
    // Three provincial reviews are three links named 可行性论证与遴选: which park each is for was
    // said only by its row, which a screen reader's list of links leaves out.
    ...(subjects > 1 ? [subjectId(row)] : []),
    // A task that cannot be done now (its case set aside): said with its link, not only in its row.
    ...(row.unavailable === true ? [unavailableId(row)] : []),
    ...(row.origin === undefined ? [] : [originId(row)]),
    ...(row.period === undefined ? [] : [periodId(row)]),
    ...(row.returned === undefined ? [] : [returnedId(row)]),
  ];
  return ids.length === 0 ? {} : { 'aria-describedby': ids.join(' ') };
}

/**
 * A list's change said in one line: 待办任务已更新：共 3 项（新增 1、减少 2）; of the rows a filter shows
 * when it hides some, with every row's count: 待办任务已更新：筛选后显示 1 项（减少 1），共 3 项 (`filtered`,
 * the tasks'). Nothing without one.
 */
function changeSaid(
  change: ShownChange | undefined,
  head: MessageKey,
  t: (key: MessageKey) => string,
  filtered?: MessageKey,
): string {
  if (change === undefined) return '';
  const parts = (
    [
      ['rowsAdded', change.added],
      ['rowsRemoved', change.removed],
      ['rowsChanged', change.changed],
    ] as const
  )
    .filter(([, count]) => count > 0)
    .map(([key, count]) => fill(t(key), { count: String(count) }));
  const changes = fill(t('rowChanges'), { changes: parts.join(t('listSeparator')) });
  if (change.total !== undefined && filtered !== undefined)
    return fill(t(filtered), { shown: String(change.count), changes, count: String(change.total) });
  return `${fill(t(head), { count: String(change.count) })}${changes}`;
}

/**
 * A list's status (a live region): each change in a node of its own, so one said like the last is
 * said again (a screen reader keeps quiet about a text set again unchanged); nothing without one.
 */
function ChangeStatus({ change, list, said }: { change: SaidChange | undefined; list: string; said: string }) {
  return (
    <div className="qbz-sr-only" role="status" data-list-change={list}>
      {change !== undefined && <span key={change.serial}>{said}</span>}
    </div>
  );
}

/** Who and where: the columns a task row shares with its case's row, titled as the programmes call them. */
function subjectColumns<Row extends CaseRow>(
  t: (key: MessageKey) => string,
  words: Vocabulary,
  nameId?: (row: Row) => string,
  markId?: (row: Row) => string,
): TableColumnsType<Row> {
  return [
    {
      title: words.subject ?? t('subjectAny'),
      key: 'park',
      render: (_, row) => (
        <>
          <div id={nameId?.(row)}>{row.parkName ?? row.park}</div>
          {row.parkName !== undefined && <Typography.Text type="secondary">{row.park}</Typography.Text>}
        </>
      ),
    },
    { title: words.region ?? t('regionAny'), dataIndex: 'provinceName', key: 'province' },
    {
      title: t('status'),
      key: 'status',
      render: (_, row) => (
        <>
          <Tag color={row.final ? 'default' : 'blue'}>{row.statusTitle}</Tag>
          {row.unavailable === true && <UnavailableMark id={markId?.(row)} />}
        </>
      ),
    },
  ];
}

/**
 * A case set aside for a damaged file, in its own people's lists: said to be unreadable now, the
 * administrator told (it vanished from them, as if deleted); its page says the same.
 */
function UnavailableMark({ id }: { id: string | undefined }) {
  const { t } = useI18n();
  return (
    <div data-unavailable>
      <Tag color="red">{t('caseUnavailable')}</Tag>
      <Typography.Text type="secondary" id={id}>
        {t('caseUnavailableHelp')}
      </Typography.Text>
    </div>
  );
}

function caseColumns(t: (key: MessageKey) => string, today: string, words: Vocabulary): TableColumnsType<CaseRow> {
  return [
    ...subjectColumns(t, words),
    {
      title: t('nextDue'),
      key: 'due',
      render: (_, row) =>
        row.next === undefined ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <>
            <div>{row.next.date}</div>
            <Typography.Text type="secondary">{row.next.title}</Typography.Text>
          </>
        ),
    },
    { title: t('workingDaysLeft'), key: 'days', render: (_, row) => <DaysLeft row={row} today={today} /> },
  ];
}

/**
 * The workbench's front page: the caller's open tasks with their cases' next dates and the working
 * days left, every case the caller may see, and — for a park — starting a creation application.
 */
export function InboxPage() {
  const { t, language } = useI18n();
  const { me, hasGroup } = useSession();
  const rehearsal = useTrainingServer(hasGroup(...PAGE_GROUPS.clock));
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const inbox = useAsync(() => loadInbox(hasGroup('admin'), language), `${me?.username ?? ''}/${language}`);
  useReloadWhenShown(inbox.reload);
  // The tables are no live regions (each reload read every row out again): what a reload changed is
  // said once by a status beside each — a task come or gone, a case's status or next date moved; of
  // the tasks the filter shows (it counted the hidden ones too, as if shown).
  const taskChange = useListChange(
    inbox.data?.tasks,
    (row) => [row.ref, JSON.stringify([row.taskDue?.date, row.reminders.length, row.returned?.at])],
    (rows) => applyFilter(rows, filter),
  );
  const caseChange = useListChange(inbox.data?.cases, (row) => [row.id, JSON.stringify([row.status, row.next?.date])]);
  const today = inbox.data?.today ?? '';
  const words = inbox.data?.vocabulary ?? {};
  // One running case per subject (the engine refuses a second): offer, per programme in force, the
  // subjects the user acts for (its subject-scoped group's roles) without one.
  const starts = startable(inbox.data?.programmes ?? [], me?.roles ?? [], today)
    .map(({ programme, subjects }) => ({
      programme,
      subjects: subjects.filter(
        (subject) =>
          inbox.data?.cases.some((row) => row.process === programme.process && row.park === subject && !row.final) !==
          true,
      ),
    }))
    .filter((start) => start.subjects.length > 0);
  // As the programmes it starts call their first step (manifest `startTitle`), when they agree.
  const startTitles = new Set(starts.map((start) => start.programme.manifest.startTitle));
  const startTitle = (startTitles.size === 1 ? [...startTitles][0] : undefined) ?? t('startCase');

  const subjects = new Set(inbox.data?.tasks.map((row) => row.park)).size;
  const taskColumns: TableColumnsType<TaskRow> = [
    {
      title: t('task'),
      key: 'task',
      render: (_, row) => (
        <>
          <Link to={caseLink(row.id)} {...describedBy(row, subjects)}>
            {row.taskName}
          </Link>
          {row.origin !== undefined && <OriginLine origin={row.origin} id={originId(row)} />}
          {row.period !== undefined && <PeriodLine period={row.period} id={periodId(row)} />}
          {row.returned !== undefined && (
            <div>
              <Tag color="orange" data-returned>
                {t('returnedTag')}
              </Tag>
              <Typography.Text type="secondary" id={returnedId(row)}>
                {fill(t('returnedBy'), { step: row.returned.step, time: chinaTime(row.returned.at) })}
              </Typography.Text>
            </div>
          )}
          {row.reminders.length > 0 && (
            <div>
              <Tag color="volcano" data-testid="reminded">
                {t('reminded')} × {row.reminders.length}
                {row.reminders.at(-1)?.note !== undefined && `${t('colon')}${row.reminders.at(-1)?.note ?? ''}`}
              </Tag>
            </div>
          )}
        </>
      ),
    },
    { title: t('taskDue'), key: 'taskDue', render: (_, row) => <TaskDueCell row={row} /> },
    // A task shows the date that governs it or none, never its case's next date (another step's).
    ...subjectColumns<TaskRow>(t, words, subjectId, unavailableId),
    { title: t('received'), key: 'received', render: (_, row) => chinaTime(row.createdAt) },
  ];
  const open = (row: CaseRow) => ({
    onClick: (event: MouseEvent<HTMLElement>) => {
      // A click on the row's own link (or a control in it) is theirs: the link has gone to the case
      // already (or, with Ctrl, to a new tab), and going there again pushed a second history entry:
      // the first Back stayed on the case.
      if (event.target instanceof Element && event.target.closest('a[href], button, input') !== null) return;
      void navigate(caseLink(row.id));
    },
    style: { cursor: 'pointer' },
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {inbox.error !== undefined && <Alert type="error" showIcon title={inbox.error.message} />}
      <CalendarWarning />
      {rehearsal && inbox.data !== undefined && (
        // An administrator of a rehearsal server moves its time (演练时钟; the header has no room for a
        // seventh page in English).
        <Alert
          type="info"
          showIcon
          data-rehearsal
          title={
            <>
              {fill(t('rehearsalToday'), { today: inbox.data.today })}
              <Link to="/clock">{t('sandboxClock')}</Link>
            </>
          }
        />
      )}
      <Card
        title={<h1 style={{ fontSize: 16, margin: 0 }}>{t('inbox')}</h1>}
        extra={
          <Space>
            {inbox.data !== undefined && (
              <Typography.Text type="secondary">
                {t('today')}
                {t('colon')}
                {inbox.data.today}
              </Typography.Text>
            )}
            <BulkOpinion
              tasks={inbox.data?.tasks.filter((row) => row.unavailable !== true) ?? []}
              {...(inbox.data !== undefined && { today })}
              onDone={inbox.reload}
            />
            <Button icon={<ReloadOutlined />} onClick={inbox.reload} aria-label={t('reload')} />
            {starts.length > 0 && inbox.data !== undefined && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setStarting(true);
                }}
              >
                {startTitle}
              </Button>
            )}
          </Space>
        }
      >
        <InboxFilters
          rows={inbox.data?.tasks ?? []}
          words={words}
          filter={filter}
          onChange={(query) => {
            setParams(query, { replace: true });
          }}
        />
        <ChangeStatus
          change={taskChange}
          list="tasks"
          said={changeSaid(taskChange, 'tasksUpdated', t, 'tasksUpdatedFiltered')}
        />
        <CardTable<TaskRow>
          quiet
          rowKey="ref"
          size="middle"
          loading={inbox.loading}
          dataSource={applyFilter(inbox.data?.tasks ?? [], filter)}
          columns={taskColumns}
          onRow={open}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('noTasks') }}
        />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('casesInScope')}</h2>} extra={<ExportCasesButton />}>
        <ChangeStatus change={caseChange} list="cases" said={changeSaid(caseChange, 'casesUpdated', t)} />
        <CardTable<CaseRow>
          quiet
          rowKey="id"
          size="middle"
          loading={inbox.loading}
          dataSource={inbox.data?.cases ?? []}
          columns={[
            {
              title: t('case'),
              key: 'id',
              render: (_, row) => <Link to={caseLink(row.id)}>{row.id}</Link>,
            },
            ...caseColumns(t, today, words),
            { title: t('version'), dataIndex: 'version', key: 'version' },
          ]}
          onRow={open}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('noCases') }}
        />
      </Card>
      <StartCaseDialog
        open={starting}
        starts={starts}
        onClose={() => {
          setStarting(false);
        }}
      />
    </Space>
  );
}
