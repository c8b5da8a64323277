import { Typography } from 'antd';
import { addDays, dayOfWeek, isLocalDate, isWeekend, type LocalDate } from '../../../engine/legal-time/pure.js';
import type { CalendarText } from './calendar-messages.js';
import './month-grid.css';

/** What the grid shows for a day: a holiday (with its festival), a make-up working day, or neither. */
export interface YearDays {
  holidays: ReadonlyMap<LocalDate, string>;
  workdays: ReadonlyMap<LocalDate, string>;
}

type Kind = 'holiday' | 'workday' | 'rest' | 'weekday';

function kindOf(date: LocalDate, days: YearDays): Kind {
  if (days.holidays.has(date)) return 'holiday';
  if (days.workdays.has(date)) return 'workday';
  return isWeekend(date) ? 'rest' : 'weekday';
}

const MARK: Record<Kind, string> = { holiday: '休', workday: '班', rest: '', weekday: '' };

function Month({ year, month, days, c }: { year: number; month: number; days: YearDays; c: CalendarText }) {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const cells: (LocalDate | undefined)[] = Array.from({ length: dayOfWeek(first) - 1 }, () => undefined);
  for (let day = first; day.slice(0, 7) === first.slice(0, 7); day = addDays(day, 1)) cells.push(day);
  const weeks: (LocalDate | undefined)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  const label = (date: LocalDate, kind: Kind) => {
    const name = days.holidays.get(date) ?? days.workdays.get(date);
    const what = { holiday: c('legendHoliday'), workday: c('legendWorkday'), rest: c('legendRest'), weekday: '' }[kind];
    return [date, name, what].filter((part) => part !== undefined && part !== '').join(' ');
  };
  return (
    <table className="qbz-month" data-testid={`month-${month}`}>
      <caption>{c('months').split(',')[month - 1]}</caption>
      <thead>
        <tr>
          {c('weekdays')
            .split(',')
            .map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find((day) => day !== undefined) ?? ''}>
            {Array.from({ length: 7 }, (_, index) => {
              const date = week[index];
              if (date === undefined) return <td key={`blank-${index}`} />;
              const kind = kindOf(date, days);
              return (
                <td
                  key={date}
                  className={`qbz-day qbz-day-${kind}`}
                  title={label(date, kind)}
                  data-date={date}
                  data-kind={kind}
                >
                  <span>{Number(date.slice(8))}</span>
                  {MARK[kind] !== '' && <small aria-hidden="true">{MARK[kind]}</small>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The year month by month: rest days, holidays (休) and make-up working days (班). */
export function YearGrid({ year, days, c }: { year: number; days: YearDays; c: CalendarText }) {
  if (!isLocalDate(`${year}-01-01`)) return null;
  return (
    <div>
      <Typography.Paragraph className="qbz-legend">
        <span className="qbz-day-holiday">{c('legendHoliday')}</span>
        <span className="qbz-day-workday">{c('legendWorkday')}</span>
        <span className="qbz-day-rest">{c('legendRest')}</span>
        <span className="qbz-day-weekday">{c('legendWeekday')}</span>
      </Typography.Paragraph>
      <div className="qbz-months">
        {Array.from({ length: 12 }, (_, index) => (
          <Month key={index} year={year} month={index + 1} days={days} c={c} />
        ))}
      </div>
    </div>
  );
}
