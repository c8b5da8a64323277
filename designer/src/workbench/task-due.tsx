import { Space, Tag, Typography } from 'antd';
import type { TaskView } from '../../../engine/cases/case-view.js';
import { compareDates, workingDaysLeft } from '../../../engine/legal-time/pure.js';
import { useI18n } from '../i18n/i18n.js';
import type { CaseBundle } from './case-data.js';
import { DaysLeft } from './days-left.js';

/**
 * The date that governs a task (CONTRACT: `TaskView.due`, a manifest date by name), or nothing:
 * never the case's next date, which may govern another step (an acceptance date on an objection review).
 */
export type TaskWithDue = TaskView & { due?: { name: string; date: string } };

export function TaskDue({ task, bundle }: { task: TaskWithDue; bundle: CaseBundle }) {
  const { t } = useI18n();
  const { due } = task;
  if (due === undefined) return null;
  const title = bundle.version.manifest.dates[due.name]?.title ?? due.name;
  const daysLeft = workingDaysLeft(bundle.calendar, bundle.today, due.date);
  return (
    <Space size={4} data-task-due={due.name}>
      <Typography.Text type="secondary">
        {t('taskDue')}
        {t('colon')}
        {title} {due.date}
      </Typography.Text>
      {compareDates(due.date, bundle.today) < 0 ? (
        <Tag color="red">{t('taskOverdue')}</Tag>
      ) : (
        <DaysLeft row={{ next: due, ...(daysLeft !== undefined && { daysLeft }) }} today={bundle.today} />
      )}
    </Space>
  );
}
