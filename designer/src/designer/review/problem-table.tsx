import { Space, Tag, Typography } from 'antd';
import { CardTable } from '../../card-table.js';
import { articleText } from '../../forms/article-text.js';
import type { Problem } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { locationText, problemArticle, problemText, type ProblemNames } from './problem-text.js';

interface Props {
  problems: readonly Problem[];
  /** Show where the problem is: the element on the diagram, the field of the form, the row of a table. */
  onLocate: (problem: Problem) => void;
  /** Names of elements, rules, indicators and forms, to say where a problem is in words. */
  names: ProblemNames;
}

/**
 * The validator's problems in the officer's words (the check's Chinese sentence, where it is by name,
 * the article), each one click away from where it is; the check id and the engine's English message in
 * small print, for developers. One rendering wherever problems are shown (校验, a refused 发布), so
 * that the same problem reads the same.
 */
export function ProblemTable({ problems, onLocate, names }: Props) {
  const { d, language } = useDesignerI18n();
  return (
    // A card a problem on a phone, each part under its column's name: as a table at 390 px the message
    // was squeezed to a word a line beside the fixed 位置 and 条款 columns.
    <CardTable<Problem & { index: number }>
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
                {language === 'zh' ? problemText(problem, names) : problem.message}
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
            <Typography.Link data-problem-where>{locationText(problem, names, language)}</Typography.Link>
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
  );
}
