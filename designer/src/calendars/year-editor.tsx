import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Row, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import {
  ANNUAL_FESTIVALS,
  addDays,
  calendarYearFromEntry,
  compareDates,
  isLocalDate,
  type CalendarYearEntry,
  type EntryError,
  type LocalDate,
} from '../../../engine/legal-time/pure.js';
import { serverToday } from '../designer/server-today.js';
import { forgetCalendars } from '../workbench/catalog.js';
import type { CalendarText } from './calendar-messages.js';
import { entryErrorId, entryFieldId, errorsAt, fieldsFor } from './entry-fields.js';
import { YearGrid, type YearDays } from './month-grid.js';
import { useI18n } from '../i18n/i18n.js';

/** What the server answers to a publication (POST /api/calendars/:year). */
interface Publication {
  year: number;
  revision: number;
  resolved: string[];
  redated: string[];
}

/** An entry being edited: every field a string, as typed. */
export interface EntryDraft {
  year: string;
  notice: { title: string; number: string; issued: string; url: string };
  holidays: { name: string; from: string; to: string }[];
  workdays: { date: string; name: string }[];
}

/** A new year's form: the notice's usual title and the seven festivals, dates still to fill in. */
export function blankDraft(year: number): EntryDraft {
  return {
    year: String(year),
    notice: { title: `国务院办公厅关于${year}年部分节假日安排的通知`, number: '', issued: '', url: '' },
    holidays: ANNUAL_FESTIVALS.map((name) => ({ name, from: '', to: '' })),
    workdays: [],
  };
}

export function draftOf(year: number, entry: CalendarYearEntry): EntryDraft {
  return {
    year: String(year),
    notice: {
      title: entry.notice.title,
      number: entry.notice.number ?? '',
      issued: entry.notice.issued ?? '',
      url: entry.notice.url ?? '',
    },
    holidays: entry.holidays.map((range) => ({ ...range })),
    workdays: entry.workdays.map((day) => ({ ...day })),
  };
}

/** The days a draft marks so far (what parses), for the month grid. */
export function daysOf(draft: EntryDraft): YearDays {
  const holidays = new Map<LocalDate, string>();
  for (const range of draft.holidays) {
    if (!isLocalDate(range.from) || !isLocalDate(range.to) || compareDates(range.from, range.to) > 0) continue;
    for (let day = range.from, n = 0; compareDates(day, range.to) <= 0 && n < 31; day = addDays(day, 1), n++)
      holidays.set(day, range.name);
  }
  const workdays = new Map<LocalDate, string>();
  for (const day of draft.workdays) if (isLocalDate(day.date)) workdays.set(day.date, day.name);
  return { holidays, workdays };
}

function entryOf(draft: EntryDraft) {
  return { notice: draft.notice, holidays: draft.holidays, workdays: draft.workdays };
}

/**
 * Entering (or correcting) one year as the notice lists it: the notice, the blocks of days off and
 * the make-up working days, checked as typed by the same rules as the server, with the month grid.
 */
export function YearEditor(props: {
  initial: EntryDraft;
  /** Set when correcting: the year is fixed and the result is revision `revision`. */
  revision?: number;
  c: CalendarText;
  onDone: () => void;
}) {
  const { c, revision } = props;
  const { message } = App.useApp();
  const { language } = useI18n();
  const [draft, setDraft] = useState(props.initial);
  const [errors, setErrors] = useState<EntryError[]>([]);
  const [busy, setBusy] = useState(false);
  // The server's day (the sandbox's with CLOCK=simulated): a notice cannot be issued after it.
  const [today, setToday] = useState<string | undefined>();
  useEffect(() => {
    void serverToday().then(setToday);
  }, []);
  // Opened, the editor has the keyboard: the button that opened it went, and the focus fell to the page.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const year = Number(draft.year);
  const days = useMemo(() => daysOf(draft), [draft]);
  const update = (change: (next: EntryDraft) => void) => {
    // What was refused is about the draft before this edit.
    setErrors([]);
    setDraft((before) => {
      const next = structuredClone(before);
      change(next);
      return next;
    });
  };

  // A refused publication takes the focus to the first field at fault: the list of problems stands
  // under a long form, out of view.
  const refused = useRef(false);
  useEffect(() => {
    if (!refused.current) return;
    refused.current = false;
    const field = errors
      .flatMap(fieldsFor)
      .map((path) => document.getElementById(entryFieldId(path)))
      .find((element) => element !== null);
    (field ?? document.getElementById(entryErrorId(0)))?.focus();
  }, [errors]);
  const refuse = (found: EntryError[]) => {
    refused.current = true;
    setErrors(found);
  };
  /** Id and the errors said at the control at `path` (a JSON Pointer of the entry). */
  const described = (path: string) => {
    const said = errorsAt(errors, path);
    return { id: entryFieldId(path), ...(said.length > 0 && { 'aria-describedby': said.map(entryErrorId).join(' ') }) };
  };
  /** …and, for a field, marked invalid. */
  const at = (path: string) =>
    errorsAt(errors, path).length === 0
      ? described(path)
      : { ...described(path), status: 'error' as const, 'aria-invalid': true };

  const publish = async () => {
    const checked = calendarYearFromEntry(entryOf(draft), {
      calendar: 'cn',
      year,
      source: 'calendar editor',
      ...(today !== undefined && { today }),
    });
    if (checked.errors.length > 0) {
      // Said in the page's language (the server says its own refusals in it too).
      refuse(
        checked.errors.map(({ path, message: said, english }) => ({
          path,
          message: language === 'en' ? (english ?? said) : said,
        })),
      );
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const done = await api<Publication>('POST', `/api/calendars/${encodeURIComponent(draft.year)}`, entryOf(draft));
      forgetCalendars();
      void message.success(
        c('published', {
          year: done.year,
          revision: done.revision,
          resolved: done.resolved.length,
          redated: done.redated.length,
        }),
      );
      props.onDone();
    } catch (error) {
      refuse(
        error instanceof ApiError && error.errors.length > 0
          ? error.errors
          : [{ path: '', message: (error as Error).message }],
      );
    } finally {
      setBusy(false);
    }
  };

  const noticeField = (key: keyof EntryDraft['notice'], label: string, placeholder?: string) => (
    <Col xs={24} md={key === 'title' ? 24 : 8} key={key}>
      <label>
        {label}
        <Input
          {...at(`/notice/${key}`)}
          aria-label={label}
          value={draft.notice[key]}
          placeholder={placeholder}
          onChange={(event) => {
            update((next) => (next.notice[key] = event.target.value));
          }}
        />
      </label>
    </Col>
  );

  return (
    <Card
      title={
        <h1 ref={heading} tabIndex={-1} style={{ fontSize: 16, margin: 0 }}>
          {revision === undefined
            ? c('newYear', { year: draft.year })
            : c('correctYear', { year: draft.year, revision })}
        </h1>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Row gutter={[12, 8]}>
          {revision === undefined && (
            <Col xs={24} md={6}>
              <label>
                {c('year')}
                <Input
                  {...at('/year')}
                  aria-label={c('year')}
                  value={draft.year}
                  inputMode="numeric"
                  onChange={(event) => {
                    update((next) => (next.year = event.target.value.trim()));
                  }}
                />
              </label>
            </Col>
          )}
          {noticeField('title', c('noticeTitle'))}
          {noticeField('number', c('number'), '国办发明电〔2026〕X号')}
          {noticeField('issued', c('issued'), 'YYYY-MM-DD')}
          {noticeField('url', c('url'), 'https://www.gov.cn/…')}
        </Row>

        <Typography.Title level={5}>{c('holidays')}</Typography.Title>
        {draft.holidays.map((range, index) => {
          const label = c('range', { n: index + 1 });
          const field = (key: 'name' | 'from' | 'to', title: string) => (
            <Input
              {...at(`/holidays/${index}/${key}`)}
              aria-label={`${label} ${title}`}
              placeholder={key === 'name' ? title : 'YYYY-MM-DD'}
              value={range[key]}
              style={{ width: key === 'name' ? 140 : 130 }}
              onChange={(event) => {
                update((next) => {
                  const row = next.holidays[index];
                  if (row !== undefined) row[key] = event.target.value.trim();
                });
              }}
            />
          );
          return (
            <Space key={index} wrap>
              <Typography.Text type="secondary">{label}</Typography.Text>
              {field('name', c('festival'))}
              {field('from', c('from'))}
              <span>—</span>
              {field('to', c('to'))}
              <Button
                icon={<DeleteOutlined />}
                aria-label={`${label} ${c('remove')}`}
                onClick={() => {
                  update((next) => next.holidays.splice(index, 1));
                }}
              />
            </Space>
          );
        })}
        <Button
          {...described('/holidays')}
          icon={<PlusOutlined />}
          onClick={() => {
            update((next) => next.holidays.push({ name: '', from: '', to: '' }));
          }}
        >
          {c('addHoliday')}
        </Button>

        <Typography.Title level={5}>{c('workdays')}</Typography.Title>
        {draft.workdays.map((day, index) => {
          const label = c('workday', { n: index + 1 });
          return (
            <Space key={index} wrap>
              <Typography.Text type="secondary">{label}</Typography.Text>
              <Input
                {...at(`/workdays/${index}/date`)}
                aria-label={`${label} ${c('date')}`}
                placeholder="YYYY-MM-DD"
                value={day.date}
                style={{ width: 130 }}
                onChange={(event) => {
                  update((next) => {
                    const row = next.workdays[index];
                    if (row !== undefined) row.date = event.target.value.trim();
                  });
                }}
              />
              <Input
                {...at(`/workdays/${index}/name`)}
                aria-label={`${label} ${c('festival')}`}
                placeholder={c('festival')}
                value={day.name}
                style={{ width: 140 }}
                onChange={(event) => {
                  update((next) => {
                    const row = next.workdays[index];
                    if (row !== undefined) row.name = event.target.value.trim();
                  });
                }}
              />
              <Button
                icon={<DeleteOutlined />}
                aria-label={`${label} ${c('remove')}`}
                onClick={() => {
                  update((next) => next.workdays.splice(index, 1));
                }}
              />
            </Space>
          );
        })}
        <Button
          {...described('/workdays')}
          icon={<PlusOutlined />}
          onClick={() => {
            update((next) => next.workdays.push({ date: '', name: '' }));
          }}
        >
          {c('addWorkday')}
        </Button>

        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={c('errors')}
            description={
              <ul data-testid="calendar-errors">
                {errors.map((error, index) => (
                  <li key={`${error.path}:${error.message}`} id={entryErrorId(index)} tabIndex={-1}>
                    {error.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Space>
          <Button type="primary" loading={busy} onClick={() => void publish()}>
            {c('publish')}
          </Button>
          <Button onClick={props.onDone}>{c('cancel')}</Button>
        </Space>

        {Number.isSafeInteger(year) && year >= 1900 && year <= 9999 && (
          <>
            <Typography.Title level={5}>{c('preview')}</Typography.Title>
            <YearGrid year={year} days={days} c={c} />
          </>
        )}
      </Space>
    </Card>
  );
}
