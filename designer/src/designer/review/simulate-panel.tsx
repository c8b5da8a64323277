import { Alert, Button, Card, Descriptions, Empty, List, Progress, Space, Table, Tag, Typography } from 'antd';
import type { Simulation, SimulationJob, SimulationOutcome, TimelineEntry } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { differenceLines, reasonWords, type DateTitle } from './simulation-words.js';

interface Props {
  results: Simulation[] | undefined;
  running: boolean;
  progress: SimulationJob['progress'] | undefined;
  onRun: () => void;
  onCancel: () => void;
  dateTitle: DateTitle;
}

interface TimelineRow {
  step: number;
  action: string;
  at: string;
  current: TimelineEntry | undefined;
  draft: TimelineEntry | undefined;
}

/**
 * Each case script on the version in force and on the draft (issue 12, item 5): run in the background
 * with progress and a cancel button; each script by its Chinese title; what moves said in words; the
 * two timelines side by side.
 */
export function SimulatePanel({ results, running, progress, onRun, onCancel, dateTitle }: Props) {
  const { d } = useDesignerI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{d('simulateHint')}</Typography.Paragraph>
      <Space wrap>
        <Button type="primary" loading={running} onClick={onRun}>
          {d('runSimulate')}
        </Button>
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
              <Timelines result={result} dateTitle={dateTitle} />
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
  if (outcome.ok) return <Tag color="green">{d('ok')}</Tag>;
  return (
    <Typography.Text type="danger" data-simulation-failure>
      {d('expectationNote', { step: outcome.failedStep ?? '?' })}
      {reasonWords(d, dateTitle, outcome.reason ?? '')}
    </Typography.Text>
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

/** The dates an entry shows, by their titles, each date the other run has differently marked. */
function Dates({ entry, other, dateTitle }: { entry?: TimelineEntry; other?: TimelineEntry; dateTitle: DateTitle }) {
  const { d } = useDesignerI18n();
  const due = Object.entries(entry?.due ?? {});
  if (entry === undefined) return <>{d('noDates')}</>;
  return (
    <Space orientation="vertical" size={0}>
      {entry.status !== undefined && <Tag>{entry.status}</Tag>}
      {due.map(([name, date]) => {
        const text = `${dateTitle(name) ?? name}：${date}`;
        return other?.due?.[name] === date ? (
          <span key={name}>{text}</span>
        ) : (
          <Typography.Text key={name} mark>
            {text}
          </Typography.Text>
        );
      })}
    </Space>
  );
}

function Timelines({ result, dateTitle }: { result: Simulation; dateTitle: DateTitle }) {
  const { d } = useDesignerI18n();
  const steps = [
    ...new Set([...(result.current?.timeline ?? []), ...(result.draft?.timeline ?? [])].map((entry) => entry.step)),
  ].sort((a, b) => a - b);
  const rows: TimelineRow[] = steps.map((step) => {
    const current = result.current?.timeline.find((entry) => entry.step === step);
    const draft = result.draft?.timeline.find((entry) => entry.step === step);
    return { step, action: (draft ?? current)?.action ?? '', at: (draft ?? current)?.at ?? '', current, draft };
  });
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
          { title: d('timelineAt'), dataIndex: 'at', width: 120, render: (at: string) => at.slice(0, 10) },
          { title: d('action'), dataIndex: 'action', ellipsis: true },
          {
            title: d('currentVersion'),
            key: 'current',
            render: (_, row) => <Dates entry={row.current} other={row.draft} dateTitle={dateTitle} />,
          },
          {
            title: d('draftVersion'),
            key: 'draft',
            render: (_, row) => <Dates entry={row.draft} other={row.current} dateTitle={dateTitle} />,
          },
        ]}
      />
    </div>
  );
}
