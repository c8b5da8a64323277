import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { CardTable } from '../card-table.js';
import { useI18n } from '../i18n/i18n.js';
import { dueUrgency } from './due-urgency.js';
import { loadInbox, type TaskRow } from './inbox-data.js';
import { TaskDueCell } from './task-due-cell.js';
import { useAsync } from './use-async.js';
import './inbox.css';

/** Red: overdue or due today; yellow: within the working days the task's programme counts due soon. */
const urgency = (row: TaskRow) => dueUrgency(row.taskDaysLeft, row.dueSoonDays);

/**
 * 督办看板: every open task with a due date on the cases the caller may see (SAMR: all; a province:
 * its own, as the API scopes them), most urgent first, with 催办 for supervising groups.
 */
export function OverdueBoard() {
  const { t, language } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const inbox = useAsync(() => loadInbox(false, language), `${me?.username ?? ''}/${language}`);
  const rows = [...(inbox.data?.dueTasks ?? [])].sort(
    (a, b) => (a.taskDaysLeft ?? Infinity) - (b.taskDaysLeft ?? Infinity) || a.createdAt.localeCompare(b.createdAt),
  );
  const remind = async (row: TaskRow) => {
    try {
      await api('POST', `/api/tasks/${encodeURIComponent(row.ref)}/remind`, {});
      void message.success(t('remindSent'));
      inbox.reload();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const columns: TableColumnsType<TaskRow> = [
    {
      title: t('case'),
      key: 'case',
      render: (_, row) => (
        <>
          <Link to={`/cases/${encodeURIComponent(row.id)}`}>{row.parkName ?? row.park}</Link>
          <div>
            <Typography.Text type="secondary">{row.id}</Typography.Text>
          </div>
        </>
      ),
    },
    // As the inbox's lists title it (the programme's 省级单位, Provincial unit in English; it read Province).
    { title: inbox.data?.vocabulary.region ?? t('regionAny'), dataIndex: 'provinceName', key: 'province' },
    { title: t('task'), dataIndex: 'taskName', key: 'task' },
    {
      title: t('holder'),
      key: 'holder',
      dataIndex: 'holderName',
    },
    { title: t('taskDue'), key: 'due', render: (_, row) => <TaskDueCell row={row} /> },
    {
      title: t('remind'),
      key: 'remind',
      render: (_, row) => (
        <>
          {row.reminders.length > 0 && (
            <Tag>
              {t('reminded')} × {row.reminders.length}
            </Tag>
          )}
          <Button size="small" onClick={() => void remind(row)}>
            {t('remind')}
          </Button>
        </>
      ),
    },
  ];
  return (
    <Card
      title={<h1 style={{ fontSize: 16, margin: 0 }}>{t('overdueBoard')}</h1>}
      extra={<Button icon={<ReloadOutlined />} onClick={inbox.reload} aria-label={t('reload')} />}
    >
      {inbox.error !== undefined && <Alert type="error" showIcon title={inbox.error.message} />}
      <Typography.Paragraph type="secondary">{t('overdueBoardHint')}</Typography.Paragraph>
      <CardTable<TaskRow>
        rowKey="ref"
        size="middle"
        loading={inbox.loading}
        dataSource={rows}
        columns={columns}
        rowClassName={(row) => `qbz-urgency-${urgency(row) ?? 'none'}`}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('noDueTasks') }}
      />
    </Card>
  );
}
