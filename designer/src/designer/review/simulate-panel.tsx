import { Alert, Button, Card, Descriptions, Empty, List, Progress, Space, Table, Tag, Typography } from 'antd';
import { chinaTime } from '../../workbench/format.js';
import type { Simulation, SimulationJob, SimulationOutcome, TimelineEntry } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { periodWords } from '../periods/period-words.js';
import {
  differenceLines,
  incidentEventWords,
  incidentSummary,
  reasonWords,
  type DateTitle,
} from './simulation-words.js';
import { actionWords, type TimelineNames } from './timeline-words.js';
import { ExplainedButton } from './explained-button.js';

interface Props {
  results: Simulation[] | undefined;
  running: boolean;
  /** Why 运行模拟 cannot be used now (the draft was deleted); undefined: it can. */
  disabledReason?: string | undefined;
  progress: SimulationJob['progress'] | undefined;
  onRun: () => void;
  onCancel: () => void;
  dateTitle: DateTitle;
  /** Element names and status titles the timelines speak in (the runner's words stay in tooltips). */
  names: TimelineNames;
}

interface TimelineRow {
  step: number;
  action: string;
  case: string | undefined;
  at: string;
  current: TimelineEntry | undefined;
  draft: TimelineEntry | undefined;
}

/**
 * Each case script on the version in force and on the draft (issue 12, item 5): run in the background
 * with progress and a cancel button; each script by its Chinese title; what moves said in words; the
 * two timelines side by side.
 */
export function SimulatePanel({
  results,
  running,
  disabledReason,
  progress,
  onRun,
  onCancel,
  dateTitle,
  names,
}: Props) {
  const { d } = useDesignerI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{d('simulateHint')}</Typography.Paragraph>
      <Space wrap>
        <ExplainedButton
          testId="run-simulate"
          type="primary"
          loading={running}
          disabledReason={disabledReason}
          onClick={onRun}
        >
          {d('runSimulate')}
        </ExplainedButton>
        {running && (
          <Button danger onClick={onCancel} data-testid="cancel-simulation">
            {d('cancelSimulation')}
          </Button>
        )}
      </Space>
      {running && progress !== undefined && (
        <div data-testid="simulation-progress" style={{ maxWidth: 600 }}>
          <Progress percent={progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * 100)} />
          <Typography.Text type="secondary">
            {d('simulationProgress', { done: progress.done, total: progress.total })}
          </Typography.Text>
        </div>
      )}
      {results !== undefined && results.length === 0 && <Empty />}
      {results?.map((result) => (
        <Card
          key={result.name}
          size="small"
          data-simulation={result.name}
          title={
            <Space>
              <span data-simulation-title>{result.title ?? result.name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {result.name}
              </Typography.Text>
            </Space>
          }
        >
          {result.error !== undefined ? (
            <Alert type="error" showIcon title={result.error} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Descriptions
                size="small"
                column={2}
                bordered
                items={[
                  {
                    key: 'current',
                    label: d('currentVersion'),
                    children: <RunOutcome outcome={result.current} dateTitle={dateTitle} />,
                  },
                  {
                    key: 'draft',
                    label: d('draftVersion'),
                    children: <RunOutcome outcome={result.draft} dateTitle={dateTitle} />,
                  },
                ]}
              />
              <DifferenceList result={result} dateTitle={dateTitle} />
              <Timelines result={result} dateTitle={dateTitle} names={names} />
            </Space>
          )}
        </Card>
      ))}
    </Space>
  );
}

function RunOutcome({ outcome, dateTitle }: { outcome: SimulationOutcome | undefined; dateTitle: DateTitle }) {
  const { d } = useDesignerI18n();
  if (outcome === undefined) return null;
  // A run whose expectations hold may still have left a case stuck: said beside 通过, not hidden by it.
  const incidents = incidentSummary(d, outcome.incidents);
  return (
    <Space orientation="vertical" size={4}>
      {outcome.ok ? (
        <Tag color="green">{d('ok')}</Tag>
      ) : (
        <Typography.Text type="danger" data-simulation-failure>
          {d('expectationNote', { step: outcome.failedStep ?? '?' })}
          {reasonWords(d, dateTitle, outcome.reason ?? '')}
        </Typography.Text>
      )}
      {incidents !== undefined && (
        <Typography.Text
          type="warning"
          data-simulation-incidents
          title={outcome.incidents.map((incident) => incident.message).join('\n')}
        >
          {incidents}
        </Typography.Text>
      )}
    </Space>
  );
}

function DifferenceList({ result, dateTitle }: { result: Simulation; dateTitle: DateTitle }) {
  const { d } = useDesignerI18n();
  const lines = differenceLines(d, dateTitle, result);
  if (lines.length === 0) return <Tag>{d('noDifferences')}</Tag>;
  return (
    <List
      size="small"
      header={<strong>{d('differences')}</strong>}
      dataSource={lines}
      renderItem={(line) => <List.Item data-difference-words>{line}</List.Item>}
    />
  );
}

interface DatesProps {
  entry?: TimelineEntry;
  other?: TimelineEntry;
  dateTitle: DateTitle;
  names: TimelineNames;
}

/**
 * The status and dates an entry shows, by their declared titles (the code each stands for in its
 * tooltip, for developers), each date the other run has differently marked.
 */
function Dates({ entry, other, dateTitle, names }: DatesProps) {
  const { d } = useDesignerI18n();
  const due = Object.entries(entry?.due ?? {});
  if (entry === undefined) return <>{d('noDates')}</>;
  return (
    <Space orientation="vertical" size={0}>
      {/* Every incident the step raised or cleared, in order: one that came and went within it too. */}
      {entry.incidentEvents?.map((event, index) => (
        <Typography.Text
          key={`incident-${String(index)}`}
          type={event.event === 'raised' ? 'danger' : 'success'}
          title={event.message}
          data-timeline-incident={event.event}
        >
          {incidentEventWords(d, event)}
        </Typography.Text>
      ))}
      {entry.status !== undefined && (
        <Tag title={entry.status} data-timeline-status={entry.status}>
          {names.status(entry.status) ?? entry.status}
        </Tag>
      )}
      {due.map(([name, date]) => {
        const text = `${dateTitle(name) ?? name}：${date}`;
        return other?.due?.[name] === date ? (
          <span key={name} title={name}>
            {text}
          </span>
        ) : (
          <Typography.Text key={name} title={name} mark>
            {text}
          </Typography.Text>
        );
      })}
    </Space>
  );
}

/** The step's action in words; the script's own words in the tooltip; which case, where a script has several. */
function Action({ row, names, cases }: { row: TimelineRow; names: TimelineNames; cases: number }) {
  const { d, language } = useDesignerI18n();
  const words = actionWords(d, names, row.action, (duration) => periodWords(duration, language));
  return (
    <span title={row.action} data-timeline-action={row.action}>
      {words}
      {cases > 1 && row.case !== undefined && (
        <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
          {d('timelineCase', { case: row.case })}
        </Typography.Text>
      )}
    </span>
  );
}

function Timelines({ result, dateTitle, names }: { result: Simulation; dateTitle: DateTitle; names: TimelineNames }) {
  const { d } = useDesignerI18n();
  const steps = [
    ...new Set([...(result.current?.timeline ?? []), ...(result.draft?.timeline ?? [])].map((entry) => entry.step)),
  ].sort((a, b) => a - b);
  const rows: TimelineRow[] = steps.map((step) => {
    const current = result.current?.timeline.find((entry) => entry.step === step);
    const draft = result.draft?.timeline.find((entry) => entry.step === step);
    const entry = draft ?? current;
    return { step, action: entry?.action ?? '', case: entry?.case, at: entry?.at ?? '', current, draft };
  });
  const cases = new Set(rows.flatMap((row) => (row.case === undefined ? [] : [row.case]))).size;
  return (
    <div data-testid="simulation-timelines">
      <Table<TimelineRow>
        size="small"
        rowKey="step"
        pagination={false}
        scroll={{ y: 360 }}
        title={() => <strong>{d('timelines')}</strong>}
        dataSource={rows}
        columns={[
          { title: d('step'), dataIndex: 'step', width: 60 },
          // The script's clock in China time (an instant's UTC date is a day early before 08:00).
          {
            title: d('timelineAt'),
            dataIndex: 'at',
            width: 150,
            render: (at: string) => (at === '' ? '' : chinaTime(at)),
          },
          { title: d('action'), key: 'action', render: (_, row) => <Action row={row} names={names} cases={cases} /> },
          {
            title: d('currentVersion'),
            key: 'current',
            render: (_, row) => <Dates entry={row.current} other={row.draft} dateTitle={dateTitle} names={names} />,
          },
          {
            title: d('draftVersion'),
            key: 'draft',
            render: (_, row) => <Dates entry={row.draft} other={row.current} dateTitle={dateTitle} names={names} />,
          },
        ]}
      />
    </div>
  );
}
