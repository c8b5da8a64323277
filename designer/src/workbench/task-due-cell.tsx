import { Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import type { TaskRow } from './inbox-data.js';

/**
 * A task's own due date with the working days left: red when overdue or due today, orange (yellow)
 * within five working days; nothing for a task without a due date.
 */
export function TaskDueCell({ row }: { row: TaskRow }) {
  const { t } = useI18n();
  if (row.taskDue === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = row.taskDaysLeft;
  const tag =
    left === undefined ? null : left < 0 ? (
      <Tag color="red">
        {t('overdueBy')} {-left} {t('workingDaysUnit')}
      </Tag>
    ) : (
      <Tag color={left === 0 ? 'red' : left <= 5 ? 'orange' : 'default'}>
        {left} {t('workingDaysUnit')}
      </Tag>
    );
  return (
    <>
      <div>
        {row.taskDue.date} {tag}
      </div>
      <Typography.Text type="secondary">{row.taskDue.title}</Typography.Text>
    </>
  );
}
