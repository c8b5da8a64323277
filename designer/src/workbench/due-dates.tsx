import { Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { DueBasis } from '../../../engine/cases/case-record.js';
import type { CaseView } from '../../../engine/cases/case-view.js';
import type { WorkingDayCalendar } from '../../../engine/legal-time/pure.js';
import { CardTable } from '../card-table.js';
import { useI18n } from '../i18n/i18n.js';
import type { VersionInfo } from './catalog.js';
import { compareDates, workingDaysLeft } from '../../../engine/legal-time/pure.js';
import { DaysLeft } from './days-left.js';
import { articleText } from './format.js';
import { fill } from '../i18n/fill.js';
import { periodWords } from '../designer/periods/period-words.js';

interface Row {
  name: string;
  date: string;
  basis?: DueBasis;
}

/**
 * What changed among a case's dates since the page last showed them — a date set or moved — as one
 * short sentence (期限已更新：公示期最后一日 2025-05-08), empty until something does. Said by a status
 * region beside the table: the table itself is no live region (it was read out whole on every reload).
 */
function useDueChange(view: CaseView, title: (name: string) => string): string {
  const { t } = useI18n();
  const shown = useRef({ id: view.id, due: view.due });
  const [said, setSaid] = useState('');
  useEffect(() => {
    const before = shown.current;
    shown.current = { id: view.id, due: view.due };
    // Another case: nothing changed, another page's dates.
    if (before.id !== view.id) {
      setSaid('');
      return;
    }
    const changed = Object.entries(view.due)
      .filter(([name, date]) => before.due[name] !== date)
      .sort(([, a], [, b]) => compareDates(a, b))
      .map(([name, date]) => fill(t('dueDateSet'), { title: title(name), date }));
    if (changed.length > 0) setSaid(fill(t('dueDatesChanged'), { dates: changed.join(t('listSeparator')) }));
  }, [view.id, view.due]);
  return said;
}

interface Props {
  view: CaseView;
  version: VersionInfo;
  today: string;
  calendar?: WorkingDayCalendar;
}

/**
 * The case's named dates, each with where it comes from: the rule and its article, the period, the
 * date counted from, and the calendar years whose holidays were counted (CONTRACT §3).
 */
export function DueDates({ view, version, today, calendar }: Props) {
  const { t, language } = useI18n();
  const { manifest, rules } = version;
  const rows: Row[] = Object.entries(view.due)
    .map(([name, date]) => ({ name, date, ...(view.dueBasis?.[name] !== undefined && { basis: view.dueBasis[name] }) }))
    .sort((a, b) => compareDates(a.date, b.date));
  const dateTitle = (name: string) => manifest.dates[name]?.title ?? name;
  const change = useDueChange(view, dateTitle);

  const basisText = (basis: DueBasis | undefined) => {
    if (basis?.rule === undefined) return <Typography.Text type="secondary">{t('dayOfEvent')}</Typography.Text>;
    const rule = rules[basis.rule];
    const from =
      basis.from === undefined
        ? basis.fromDate === undefined
          ? t('fromEventDay')
          : fill(t('fromEventDate'), { date: basis.fromDate })
        : fill(t('fromDate'), { title: dateTitle(basis.from), date: basis.fromDate ?? '' });
    const counted = basis.direction === 'before' ? t('countedBefore') : t('countedAfter');
    return (
      <>
        <div>
          {rule?.title ?? basis.rule}
          {basis.article !== undefined && <Tag style={{ marginLeft: 6 }}>{articleText(basis.article, language)}</Tag>}
        </div>
        <Typography.Text type="secondary">
          {fill(t('basisSentence'), {
            from,
            counted,
            period:
              basis.value === undefined
                ? ''
                : periodWords(basis.value, language, { compact: true, times: basis.periods }),
            shown: basis.dueIs === 'fireDay' ? t('dueIsFireDay') : t('dueIsLastDay'),
          })}
        </Typography.Text>
      </>
    );
  };

  return (
    <>
      <div className="qbz-sr-only" role="status" data-due-change>
        {change}
      </div>
      <CardTable<Row>
        quiet
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('noDates') }}
        columns={[
          {
            title: t('dateName'),
            key: 'name',
            width: 200,
            render: (_, row) => (
              <>
                <div>{dateTitle(row.name)}</div>
                <Typography.Text type="secondary">
                  {articleText(manifest.dates[row.name]?.article, language)}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('date'),
            dataIndex: 'date',
            key: 'date',
            width: 120,
            render: (date: string) => <span style={{ whiteSpace: 'nowrap' }}>{date}</span>,
          },
          {
            title: t('workingDaysLeft'),
            key: 'days',
            width: 110,
            render: (_, row) => {
              if (compareDates(row.date, today) < 0)
                return <Typography.Text type="secondary">{t('passed')}</Typography.Text>;
              // Nothing is due any more on an ended case: its dates stay as the record of what was set.
              if (view.final) return <Typography.Text type="secondary">{t('notCountedEnded')}</Typography.Text>;
              const daysLeft = workingDaysLeft(calendar, today, row.date);
              return <DaysLeft row={{ next: row, ...(daysLeft !== undefined && { daysLeft }) }} today={today} />;
            },
          },
          { title: t('legalBasis'), key: 'basis', render: (_, row) => basisText(row.basis) },
          {
            title: t('calendarYears'),
            key: 'years',
            width: 130,
            render: (_, row) =>
              row.basis?.calendarYears === undefined || row.basis.calendarYears.length === 0
                ? '—'
                : row.basis.calendarYears.join(t('listSeparator')),
          },
        ]}
      />
    </>
  );
}
