import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from './i18n/i18n.js';

/** What a signed-in person sees on a page that is not for their role (an address typed or kept). */
export function NotForRole() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="warning"
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('notForRole')}</h1>}
      subTitle={t('notForRoleHint')}
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
