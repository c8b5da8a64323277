import { Typography } from 'antd';
import type { TaskView } from '../../../engine/cases/case-view.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';

export type TaskPeriod = NonNullable<TaskView['period']>;

/**
 * Which period of a cycle a task is for (所属期间：2027-03-11 至 2028-03-10): each demonstration year
 * opens an annual report (Art. 27), and one sent late stands beside the next year's under the same
 * name — this is what tells them apart. By its days, not its number: the cycle counts on from the
 * first recognition, while a report numbers its year within the period it is in (Art. 28).
 */
export function usePeriodLabel(): (period: Pick<TaskPeriod, 'start' | 'end'>) => string {
  const { t } = useI18n();
  return (period) => fill(t('taskPeriod'), { start: period.start, end: period.end });
}

/** The period under a task's name in a list; `id` lets the task's link be described by it. */
export function PeriodLine({ period, id }: { period: TaskPeriod; id: string }) {
  const label = usePeriodLabel();
  return (
    <div>
      <Typography.Text type="secondary" id={id} data-task-period={period.number}>
        {label(period)}
      </Typography.Text>
    </div>
  );
}
