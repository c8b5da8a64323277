import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { articleText } from '../../forms/article-text.js';
import type { Problem } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { locationText, problemArticle, problemText, type ProblemNames } from './problem-text.js';

interface Props {
  problems: Problem[] | undefined;
  running: boolean;
  onRun: () => void;
  /** Show where the problem is: the element on the diagram, the field of the form, the row of a table. */
  onLocate: (problem: Problem) => void;
  /** Names of elements, rules and indicators, to say where a problem is in words. */
  names: ProblemNames;
}

/**
 * POST /api/drafts/:id/validate: each problem in the officer's words (the check's Chinese sentence,
 * where it is by name, the article), one click away from where it is. The check id and the engine's
 * English message stay in small print, for developers.
 */
export function ValidatePanel({ problems, running, onRun, onLocate, names }: Props) {
  const { d, language } = useDesignerI18n();
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
          onRow={(problem) =>
            ({
              onClick: () => {
                onLocate(problem);
              },
              style: { cursor: 'pointer' },
              'data-problem': problem.check,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: d('severity'),
              dataIndex: 'severity',
              width: 70,
              render: (severity: Problem['severity']) => (
                <Tag color={severity === 'error' ? 'red' : 'gold'}>{d(severity)}</Tag>
              ),
            },
            {
              title: d('message'),
              key: 'message',
              render: (_, problem) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text data-problem-text>
                    {language === 'zh' ? problemText(problem) : problem.message}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }} data-problem-detail>
                    <code>{problem.check}</code>
                    {language === 'zh' ? ` ${problem.message}` : ''}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: d('location'),
              key: 'where',
              width: 280,
              render: (_, problem) => (
                <Typography.Link data-problem-where>{locationText(problem, names)}</Typography.Link>
              ),
            },
            {
              title: d('article'),
              key: 'article',
              width: 100,
              render: (_, problem) => articleText(problemArticle(problem, names), language),
            },
          ]}
        />
      )}
    </Space>
  );
}
