import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import type { TaskOrigin } from './inbox-data.js';

/**
 * Which message a task answers, in words: 公示异议书 第 2 件 · 2025-04-02 09:00 收到 · “园区内企业于…”.
 * Three objections open three reviews of one name; this is what tells them apart. The opening words
 * come only to readers of what the public sent (the server leaves them out for anyone else), and
 * never who sent it.
 */
export function useOriginLabel(): (origin: TaskOrigin) => string {
  const { t } = useI18n();
  return (origin) =>
    [
      fill(t('originNumber'), { title: origin.title, number: origin.number }),
      fill(t('originReceived'), { time: chinaTime(origin.receivedAt) }),
      ...(origin.receipt === undefined ? [] : [fill(t('originReceipt'), { receipt: origin.receipt })]),
      ...(origin.excerpt === undefined ? [] : [`“${origin.excerpt}”`]),
    ].join(' · ');
}

/** The label under a task's name; `id` lets the task's link be described by it. */
export function OriginLine({ origin, id }: { origin: TaskOrigin; id: string }) {
  const label = useOriginLabel();
  return (
    <div>
      <Typography.Text type="secondary" id={id} data-testid="task-origin">
        {label(origin)}
      </Typography.Text>
    </div>
  );
}
