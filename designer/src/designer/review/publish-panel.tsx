import { Alert, App, Button, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Problem } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { versionFileOf } from '../focus.js';
import { firstOfNextMonth } from '../server-today.js';

export interface PublishOutcome {
  published?: { version: string; effectiveFrom: string; problems: Problem[] };
  refused?: { message: string; problems: Problem[] };
}

interface Props {
  today: string;
  publishedAs: string | undefined;
  outcome: PublishOutcome | undefined;
  running: boolean;
  onPublish: (version: string, effectiveFrom: string) => void;
  onLocate: (problem: Problem) => void;
}

const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** POST /api/drafts/:id/publish: a name, an effective date (today or later), a confirmation. */
export function PublishPanel({ today, publishedAs, outcome, running, onPublish, onLocate }: Props) {
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const [effectiveFrom, setEffectiveFrom] = useState(() => firstOfNextMonth(today));
  const [version, setVersion] = useState<string | undefined>();
  const name = version ?? effectiveFrom;
  const valid = VERSION_NAME.test(name) && /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) && effectiveFrom >= today;

  const confirm = () => {
    modal.confirm({
      title: d('publishConfirmTitle', { version: name }),
      content: d('publishConfirmBody', { date: effectiveFrom }),
      okText: d('publish'),
      cancelText: d('cancel'),
      onOk: () => {
        onPublish(name, effectiveFrom);
      },
    });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">{d('publishHint')}</Typography.Paragraph>
      {publishedAs !== undefined && (
        <Alert type="info" showIcon title={d('alreadyPublished', { version: publishedAs })} />
      )}
      <Form layout="inline">
        <Form.Item label={d('effectiveFrom')}>
          <Input
            type="date"
            aria-label="effectiveFrom"
            min={today}
            value={effectiveFrom}
            disabled={publishedAs !== undefined}
            onChange={(event) => {
              setEffectiveFrom(event.target.value);
            }}
          />
        </Form.Item>
        <Form.Item label={d('versionName')}>
          <Input
            aria-label="versionName"
            value={name}
            disabled={publishedAs !== undefined}
            status={VERSION_NAME.test(name) ? '' : 'error'}
            onChange={(event) => {
              setVersion(event.target.value.trim());
            }}
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            danger
            loading={running}
            disabled={!valid || publishedAs !== undefined}
            onClick={confirm}
          >
            {d('publishButton')}
          </Button>
        </Form.Item>
      </Form>
      {outcome?.published !== undefined && (
        <Alert
          type="success"
          showIcon
          data-testid="publish-result"
          title={d('published', { version: outcome.published.version, date: outcome.published.effectiveFrom })}
          description={<Link to="/designer">{d('backToVersions')}</Link>}
        />
      )}
      {outcome?.refused !== undefined && (
        <Alert
          type="error"
          showIcon
          data-testid="publish-result"
          title={d('publishRefused', { message: outcome.refused.message })}
          description={
            <List
              size="small"
              dataSource={outcome.refused.problems.filter((problem) => problem.severity === 'error')}
              renderItem={(problem) => (
                <List.Item
                  onClick={() => {
                    onLocate(problem);
                  }}
                  style={{ cursor: 'pointer' }}
                >
                  <Space>
                    <Tag color="red">{problem.check}</Tag>
                    <span>{versionFileOf(problem.file)}</span>
                    <Typography.Link>{problem.element ?? problem.pointer}</Typography.Link>
                    <span>{problem.message}</span>
                    {problem.article !== undefined && <Tag>{problem.article}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      )}
    </Space>
  );
}
