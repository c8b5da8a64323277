import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import type { Simulation, SimulationOutcome } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';

interface Props {
  results: Simulation[] | undefined;
  running: boolean;
  onRun: () => void;
}

interface DateRow {
  key: string;
  step: number;
  action: string;
  date: string;
  current: string | undefined;
  draft: string | undefined;
}

/** POST /api/drafts/:id/simulate: each case script on the version in force and on the draft. */
export function SimulatePanel({ results, running, onRun }: Props) {
  const { d } = useDesignerI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{d('simulateHint')}</Typography.Paragraph>
      <Button type="primary" loading={running} onClick={onRun}>
        {d('runSimulate')}
      </Button>
      {results !== undefined && results.length === 0 && <Empty />}
      {results?.map((result) => (
        <Card key={result.name} size="small" title={`${d('script')}: ${result.name}`} data-simulation={result.name}>
          {result.error !== undefined ? (
            <Alert type="error" showIcon title={result.error} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Descriptions
                size="small"
                column={2}
                bordered
                items={[
                  { key: 'current', label: d('currentVersion'), children: <RunOutcome outcome={result.current} /> },
                  { key: 'draft', label: d('draftVersion'), children: <RunOutcome outcome={result.draft} /> },
                ]}
              />
              <DifferenceTable result={result} />
            </Space>
          )}
        </Card>
      ))}
    </Space>
  );
}

function RunOutcome({ outcome }: { outcome: SimulationOutcome | undefined }) {
  const { d } = useDesignerI18n();
  if (outcome === undefined) return null;
  if (outcome.ok) return <Tag color="green">{d('ok')}</Tag>;
  return (
    <Typography.Text type="danger">
      {d('failedAt', { step: outcome.failedStep ?? '?', reason: outcome.reason ?? '' })}
    </Typography.Text>
  );
}

function DifferenceTable({ result }: { result: Simulation }) {
  const { d } = useDesignerI18n();
  const rows: DateRow[] = result.differences.flatMap((difference) => {
    const names = [...new Set([...Object.keys(difference.current ?? {}), ...Object.keys(difference.draft ?? {})])];
    return names
      .filter((name) => difference.current?.[name] !== difference.draft?.[name])
      .map((name) => ({
        key: `${difference.step}/${name}`,
        step: difference.step,
        action: difference.action,
        date: name,
        current: difference.current?.[name],
        draft: difference.draft?.[name],
      }));
  });
  if (rows.length === 0) return <Tag>{d('noDifferences')}</Tag>;
  return (
    <Table<DateRow>
      size="small"
      rowKey="key"
      pagination={false}
      title={() => d('differences')}
      dataSource={rows}
      columns={[
        { title: d('step'), dataIndex: 'step', width: 70 },
        { title: d('action'), dataIndex: 'action', ellipsis: true },
        { title: d('dateName'), dataIndex: 'date', width: 180, render: (name: string) => <code>{name}</code> },
        { title: d('currentVersion'), dataIndex: 'current', width: 130 },
        {
          title: d('draftVersion'),
          dataIndex: 'draft',
          width: 130,
          render: (value: string | undefined) => <Typography.Text mark>{value ?? '—'}</Typography.Text>,
        },
      ]}
    />
  );
}
