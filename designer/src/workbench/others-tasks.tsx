import { Card, List, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import type { CaseBundle } from './case-data.js';
import { PROVINCES } from './catalog.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { taskHolderName } from './inbox-data.js';
import { taskName } from './submissions.js';
import { usePeriodLabel } from './task-period.js';

/**
 * The case's open tasks someone else holds, for a reader who supervises or follows the case (a
 * province, SAMR): which step, who holds it, since when, for which period and by which date. The
 * page said only 您在本案件暂无待办任务 and the diagram's 当前环节, so a zone's annual reports left
 * unsent year after year (Art. 27) showed as one red box.
 */
export function OthersTasks({ bundle }: { bundle: CaseBundle }) {
  const { t } = useI18n();
  const periodLabel = usePeriodLabel();
  const mine = new Set(bundle.tasks.map((task) => task.ref));
  const others = bundle.view.openTasks.filter((task) => !mine.has(task.ref));
  if (bundle.view.final || others.length === 0) return null;
  const title = t('othersTasks');
  return (
    <Card size="small" title={<h3 style={{ fontSize: 16, margin: 0 }}>{title}</h3>} data-others-tasks>
      <List
        size="small"
        dataSource={others}
        renderItem={(task) => (
          <List.Item data-others-task={task.taskId}>
            <div>
              <Typography.Text strong>{task.name ?? taskName(bundle, task.taskId) ?? task.taskId}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {[
                    taskHolderName(task, bundle.view, bundle.version, bundle.regions ?? PROVINCES),
                    fill(t('othersTaskOpened'), { time: chinaTime(task.createdAt) }),
                    ...(task.period === undefined ? [] : [periodLabel(task.period)]),
                    ...(task.due === undefined
                      ? []
                      : [
                          `${t('taskDue')}${t('colon')}${bundle.version.manifest.dates[task.due.name]?.title ?? task.due.name} ${task.due.date}`,
                        ]),
                  ].join(' · ')}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
