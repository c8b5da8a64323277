import { CheckCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import type { Problem } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { ExplainedButton } from './explained-button.js';
import { ProblemTable } from './problem-table.js';
import type { ProblemNames } from './problem-text.js';

interface Props {
  problems: Problem[] | undefined;
  running: boolean;
  /** Why 运行校验 cannot be used now (the draft was deleted); undefined: it can. */
  disabledReason?: string | undefined;
  onRun: () => void;
  /** Show where the problem is: the element on the diagram, the field of the form, the row of a table. */
  onLocate: (problem: Problem) => void;
  /** Names of elements, rules and indicators, to say where a problem is in words. */
  names: ProblemNames;
}

/** POST /api/drafts/:id/validate: the problems found, as ProblemTable tells them. */
export function ValidatePanel({ problems, running, disabledReason, onRun, onLocate, names }: Props) {
  const { d } = useDesignerI18n();
  const errors = problems?.filter((problem) => problem.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{d('validateHint')}</Typography.Paragraph>
      <Space wrap>
        <ExplainedButton
          testId="run-validate"
          type="primary"
          loading={running}
          disabledReason={disabledReason}
          onClick={onRun}
        >
          {d('runValidate')}
        </ExplainedButton>
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
        <ProblemTable problems={problems} onLocate={onLocate} names={names} />
      )}
    </Space>
  );
}
