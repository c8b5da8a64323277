import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { focusMainHeading } from './focus-after-login.js';
import { useSession } from './session.js';

/**
 * Why a login failed: the server's own refusal, which comes in the page's language (the client asks
 * for it) and says how long to wait where there is a wait. The English page once put catalogue
 * sentences in its place, and a throttled login lost its wait (「please try again later」).
 */
function loginErrorText(caught: unknown): string {
  return caught instanceof ApiError ? caught.message : String(caught);
}

export function LoginPage() {
  const { t } = useI18n();
  const { login, ended } = useSession();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <Card
      title={
        <h1 ref={heading} style={{ fontSize: 16, margin: 0 }}>
          {t('login')}
        </h1>
      }
      style={{ maxWidth: 400, margin: '64px auto' }}
    >
      {error !== undefined && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
      {ended !== undefined && error === undefined && (
        <Alert
          type="warning"
          role="alert"
          title={t(ended === 'elsewhere' ? 'sessionEndedElsewhere' : 'sessionExpired')}
          style={{ marginBottom: 16 }}
          showIcon
        />
      )}
      <Form
        layout="vertical"
        onFinish={(values: { username: string; password: string }) => {
          setBusy(true);
          setError(undefined);
          const own = heading.current;
          login(values.username, values.password)
            .then(() => {
              focusMainHeading(own);
            })
            .catch((caught: unknown) => {
              setError(loginErrorText(caught));
            })
            .finally(() => {
              setBusy(false);
            });
        }}
      >
        <Form.Item label={t('username')} name="username" rules={[{ required: true }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('password')} name="password" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('login')}
        </Button>
      </Form>
      {/* A member of the public comes here first: on a phone the notices are otherwise only behind ☰ (Art. 22). */}
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('noticesWithoutLogin')}
        <Link to="/notices">{t('openNotices')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
