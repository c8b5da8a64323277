import { Grid, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.js';

/**
 * Working days left until a date, coloured as it nears; "—" when there is no date ahead, or a year in between has no
 * calendar data (a count over it would be a guess).
 */
export function DaysLeft({ row, today }: { row: { next?: { date: string }; daysLeft?: number }; today: string }) {
  const { t } = useI18n();
  // Below 576 px a list is cards (CardTable): room for the words under the column's name.
  const cards = Grid.useBreakpoint().sm !== true;
  // No date ahead: said as 下一期限 beside it says it (an empty cell, on a phone's card a label with nothing after it).
  if (row.next === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (row.next.date === today) return <Tag color="red">{t('dueToday')}</Tag>;
  // On a phone the reason is written out: a tooltip over a 14 × 16 px "—" waited for a hover or a tap
  // few would think of, and sighted readers saw only the dash.
  if (row.daysLeft === undefined && cards)
    return <Typography.Text type="secondary">{t('noCalendarData')}</Typography.Text>;
  if (row.daysLeft === undefined)
    return (
      <Tooltip title={t('noCalendarData')}>
        <span tabIndex={0}>
          <span aria-hidden>—</span>
          <span className="qbz-sr-only">{t('noCalendarData')}</span>
        </span>
      </Tooltip>
    );
  const color = row.daysLeft <= 2 ? 'red' : row.daysLeft <= 5 ? 'orange' : 'default';
  return <Tag color={color}>{row.daysLeft}</Tag>;
}
