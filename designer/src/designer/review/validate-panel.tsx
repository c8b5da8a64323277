import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { Problem } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { versionFileOf } from '../focus.js';

interface Props {
  problems: Problem[] | undefined;
  running: boolean;
  onRun: () => void;
  /** Show where the problem is: the element on the diagram, the field of the form, the row of a table. */
  onLocate: (problem: Problem) => void;
}

/** POST /api/drafts/:id/validate: the problems, each one click away from where it is. */
export function ValidatePanel({ problems, running, onRun, onLocate }: Props) {
  const { d } = useDesignerI18n();
  const errors = problems?.filter((problem) => problem.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{d('validateHint')}</Typography.Paragraph>
      <Space>
        <Button type="primary" loading={running} onClick={onRun}>
          {d('runValidate')}
        </Button>
        {problems !== undefined &&
          (problems.length === 0 ? (
            <Tag icon={<CheckCircleOutlined />} color="success" data-testid="validation-result">
              {d('noProblems')}
            </Tag>
          ) : (
            <Tag color={errors > 0 ? 'error' : 'warning'} data-testid="validation-result">
              {d('problemsCount', { errors, warnings })}
            </Tag>
          ))}
      </Space>
      {problems !== undefined && problems.length > 0 && (
        <Table<Problem & { index: number }>
          size="small"
          rowKey="index"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={problems.map((problem, index) => ({ ...problem, index }))}
          onRow={(problem) => ({
            onClick: () => {
              onLocate(problem);
            },
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              title: d('severity'),
              dataIndex: 'severity',
              width: 70,
              render: (severity: Problem['severity']) => (
                <Tag color={severity === 'error' ? 'red' : 'gold'}>{d(severity)}</Tag>
              ),
            },
            { title: d('check'), dataIndex: 'check', width: 190, render: (check: string) => <code>{check}</code> },
            { title: d('file'), dataIndex: 'file', width: 240, render: (file: string) => versionFileOf(file) },
            {
              title: d('location'),
              key: 'where',
              width: 240,
              render: (_, problem) => <Typography.Link>{problem.element ?? problem.pointer ?? ''}</Typography.Link>,
            },
            { title: d('article'), dataIndex: 'article', width: 80 },
            { title: d('message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
