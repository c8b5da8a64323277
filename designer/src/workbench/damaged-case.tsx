import { Alert, Button, Result, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useSession } from '../auth/session.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { damagedFileOf } from './damage-words.js';

/**
 * A case set aside for a damaged file, as an admin opens it: the file, what to do, and 重试 once the
 * file is restored. The page said only to restart the server, while the clock page's incidents sent
 * the admin to 「在案件页面点击重试」, which this page did not have.
 */
export function DamagedCase({ message, loading, reload }: { message: string; loading: boolean; reload: () => void }) {
  const { t } = useI18n();
  const { hasGroup } = useSession();
  const navigate = useNavigate();
  const [retry, setRetry] = useState<'none' | 'running' | 'done'>('none');
  // The engine names the file in Chinese; the heading says it in the reader's language.
  const file = damagedFileOf(message);
  const retried = () => {
    setRetry('done');
    reload();
  };
  return (
    <Result
      status="error"
      title={
        <h1 style={{ fontSize: 20, margin: 0 }}>
          {file === undefined ? message : fill(t('caseDamagedTitle'), { file })}
        </h1>
      }
      subTitle={
        <Space orientation="vertical">
          {t('caseDamagedHelp')}
          {retry === 'done' && !loading && <Alert type="error" showIcon role="alert" title={t('caseDamagedStill')} />}
        </Space>
      }
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          {hasGroup('admin') && (
            <Button
              type="primary"
              loading={retry === 'running' || (retry === 'done' && loading)}
              onClick={() => {
                setRetry('running');
                void api('POST', '/api/admin/incidents/retry').then(retried, retried);
              }}
            >
              {t('retryIncidents')}
            </Button>
          )}
          <Button
            onClick={() => {
              void navigate('/');
            }}
          >
            {t('backToInbox')}
          </Button>
        </Space>
      }
    />
  );
}
