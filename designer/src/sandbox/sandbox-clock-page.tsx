import { Alert, App, Button, Card, Form, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.js';
import { CardTable } from '../card-table.js';
import { DateInput } from '../forms/date-input.js';
import { chinaDateOf } from '../../../engine/legal-time/pure.js';
import { chinaTime } from '../workbench/format.js';
import { useAsync } from '../workbench/use-async.js';
import { damagedFileOf } from '../workbench/damage-words.js';
import { useSandboxText, type SandboxText } from './sandbox-messages.js';

/** POST /api/admin/clock's answer (README: `CLOCK=simulated`). */
interface Advanced {
  now: string;
  timersFired: number;
  incidents: {
    event: 'raised' | 'cleared';
    caseId: string;
    kind: string;
    element: string;
    message: string;
    at: string;
  }[];
}

type IncidentRow = Advanced['incidents'][number] & { key: number };

/** The hours a clock is moved to, China time: a working day's opening by default. */
const HOURS = Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, '0')}:00`);
const OPENING = '09:00';

/**
 * What an incident raised means and who does what, in the page's language, for the kinds the page
 * knows; the engine's own words otherwise (a damaged file was named in Chinese, in English too, with
 * nothing said of restoring it).
 */
function incidentDetail(row: IncidentRow, s: SandboxText): string {
  if (row.event !== 'raised') return row.message;
  const year = /(\d{4}) 年/.exec(row.message)?.[1];
  if (row.kind === 'calendar-missing' && year !== undefined) return s('calendarMissingDetail', { year });
  const file = damagedFileOf(row.message);
  if (row.kind === 'damaged' && file !== undefined) return s('damagedDetail', { file });
  return row.message;
}

/** The sandbox clock, or undefined when the server runs on the system clock (the route is not there). */
async function loadClock(): Promise<{ now: string } | undefined> {
  try {
    return await api<{ now: string }>('GET', '/api/admin/clock');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * 演练时钟 (admin, on a rehearsal server only): where the sandbox's time is and moving it on, with what
 * the timers that fell due did — how many ran, and each incident they raised or cleared, by case. Moving
 * time was possible only over the API (POST /api/admin/clock), so a training day needed someone with curl.
 */
export function SandboxClockPage() {
  const s = useSandboxText();
  const { modal } = App.useApp();
  // Read again in place after an advance (reload keeps the page drawn): a new key drew it afresh,
  // and the keyboard, on 推进, fell to the page.
  const clock = useAsync(loadClock, 'clock');
  const [date, setDate] = useState<string | undefined>();
  const [hour, setHour] = useState(OPENING);
  const [problem, setProblem] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Advanced | undefined>();
  const now = clock.data?.now;
  const today = now === undefined ? undefined : chinaDateOf(now);

  const advance = (target: string) => {
    setRunning(true);
    setProblem(undefined);
    api<Advanced>('POST', '/api/admin/clock', { advanceTo: target })
      .then(
        (answer) => {
          setResult(answer);
          setDate(undefined);
          clock.reload();
        },
        (error: unknown) => {
          setProblem(error instanceof Error ? error.message : String(error));
          // A failed advance may have moved the clock all the same: the time shown stayed the old one.
          clock.reload();
        },
      )
      .finally(() => {
        setRunning(false);
      });
  };

  const ask = () => {
    if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setProblem(s('pickDate'));
      return;
    }
    const target = `${date}T${hour}:00+08:00`;
    if (now !== undefined && new Date(target).getTime() <= new Date(now).getTime()) {
      setProblem(s('notLater'));
      return;
    }
    setProblem(undefined);
    modal.confirm({
      title: s('confirmTitle', { time: `${date} ${hour}` }),
      content: s('confirmBody'),
      okText: s('confirm'),
      cancelText: s('cancel'),
      onOk: () => {
        advance(target);
      },
    });
  };

  const columns: TableColumnsType<IncidentRow> = [
    { title: s('at'), dataIndex: 'at', key: 'at', render: (at: string) => chinaTime(at) },
    {
      title: s('caseId'),
      dataIndex: 'caseId',
      key: 'caseId',
      render: (caseId: string) => <Link to={`/cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>,
    },
    {
      title: s('event'),
      dataIndex: 'event',
      key: 'event',
      render: (event: IncidentRow['event']) => s(event),
    },
    { title: s('message'), key: 'message', render: (_: unknown, row: IncidentRow) => incidentDetail(row, s) },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<h1 style={{ fontSize: 16, margin: 0 }}>{s('title')}</h1>} loading={clock.loading && !clock.data}>
        {clock.error !== undefined && <Alert type="error" showIcon title={clock.error.message} />}
        {clock.error === undefined && now === undefined && !clock.loading && (
          <Alert type="info" showIcon title={s('notSimulated')} />
        )}
        {now !== undefined && (
          <>
            <Typography.Paragraph type="secondary">{s('hint')}</Typography.Paragraph>
            <Typography.Paragraph strong data-sandbox-now>
              {s('now', { time: chinaTime(now) })}
            </Typography.Paragraph>
            {/* No <form>: Enter in the date box takes the date typed, it does not move the clock. */}
            <Form layout="inline" component="div">
              <Form.Item label={s('date')} htmlFor="sandbox-date">
                <DateInput id="sandbox-date" today={today} notBefore={today} value={date} onChange={setDate} />
              </Form.Item>
              <Form.Item label={s('time')} htmlFor="sandbox-hour">
                <Select id="sandbox-hour" value={hour} onChange={setHour} options={HOURS.map((value) => ({ value }))} />
              </Form.Item>
              <Form.Item>
                <Button type="primary" loading={running} onClick={ask}>
                  {s('advance')}
                </Button>
              </Form.Item>
            </Form>
            {problem !== undefined && (
              <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} title={problem} />
            )}
          </>
        )}
      </Card>
      {result !== undefined && (
        <Card data-sandbox-result>
          <Alert
            type="success"
            showIcon
            role="status"
            title={s('advanced', { time: chinaTime(result.now), fired: result.timersFired })}
          />
          {result.incidents.length > 0 && (
            <>
              <h2 style={{ fontSize: 15, marginTop: 16 }}>{s('incidents', { count: result.incidents.length })}</h2>
              <Typography.Paragraph type="secondary">{s('incidentsHint')}</Typography.Paragraph>
              <CardTable<IncidentRow>
                rowKey="key"
                columns={columns}
                dataSource={result.incidents.map((incident, key) => ({ ...incident, key }))}
                pagination={result.incidents.length > 20 ? { pageSize: 20 } : false}
              />
            </>
          )}
        </Card>
      )}
    </Space>
  );
}
