import { Button, Result, Space, Typography } from 'antd';
import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from './i18n/i18n.js';

function PageFailed({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('pageFailed')}</h1>}
      subTitle={
        <Space orientation="vertical">
          {t('pageFailedHint')}
          <Typography.Text code>{error.message}</Typography.Text>
        </Space>
      }
      extra={
        <Button
          type="primary"
          onClick={() => {
            window.location.reload();
          }}
        >
          {t('reloadPage')}
        </Button>
      }
    />
  );
}

class Boundary extends Component<{ children: ReactNode }, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    return this.state.error === undefined ? this.props.children : <PageFailed error={this.state.error} />;
  }
}

/**
 * A page that fails while drawing says so under the app's header, which stays (menu, language, 退出):
 * the whole window went white (the designer on a phone). Another page starts afresh.
 */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <Boundary key={pathname}>{children}</Boundary>;
}
