import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from './i18n/i18n.js';

function Unavailable({ title, hint }: { title: string; hint?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="warning"
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{title}</h1>}
      subTitle={hint}
      extra={
        <Button
          type="primary"
          onClick={() => {
            void navigate('/');
          }}
        >
          {t('backToInbox')}
        </Button>
      }
    />
  );
}

/** What a signed-in person sees on a page that is not for their role (an address typed or kept). */
export function NotForRole() {
  const { t } = useI18n();
  return <Unavailable title={t('notForRole')} hint={t('notForRoleHint')} />;
}

/** An address that is no page of the app (mistyped, or from an older version). */
export function NoSuchPage() {
  const { t } = useI18n();
  return <Unavailable title={t('notFound')} />;
}
