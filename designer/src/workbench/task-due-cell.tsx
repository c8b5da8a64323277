import { Tag, Typography } from 'antd';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { dueUrgency } from './due-urgency.js';
import type { TaskRow } from './inbox-data.js';

const COLOURS = { red: 'red', yellow: 'orange' } as const;

/**
 * A task's own due date with the working days left: red when overdue or due today, orange (yellow)
 * when its programme counts it due soon, as the overdue board does; nothing for a task without a due date.
 */
export function TaskDueCell({ row }: { row: TaskRow }) {
  const { t } = useI18n();
  if (row.taskDue === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = row.taskDaysLeft;
  const urgency = dueUrgency(left, row.dueSoonDays);
  const tag =
    left === undefined ? null : (
      <Tag color={urgency === undefined ? 'default' : COLOURS[urgency]}>
        {left < 0 ? fill(t('overdueBy'), { count: -left }) : fill(t('workingDaysLeftTag'), { count: left })}
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
