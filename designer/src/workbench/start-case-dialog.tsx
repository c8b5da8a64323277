import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.js';
import type { CaseView } from '../../../engine/cases/case-view.js';
import { useSession } from '../auth/session.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { PROVINCES } from './catalog.js';

/** The process a park starts (CONTRACT §6 `POST /api/cases`). */
export const PROCESS = 'quality-brand-zone';

interface Props {
  open: boolean;
  /** The parks the user acts for (`park:<id>` roles). */
  parks: readonly string[];
  onClose: () => void;
}

/** A park starts its creation application: which park (when it acts for several) and its province. */
export function StartCaseDialog({ open, parks, onClose }: Props) {
  const { t } = useI18n();
  // The account names the park's province; the server refuses any other (403), so it is fixed.
  const province = useSession().me?.province;
  const navigate = useNavigate();
  const [form] = Form.useForm<{ park: string; province: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (values: { park: string; province: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const view = await api<CaseView>('POST', '/api/cases', { process: PROCESS, ...values });
      onClose();
      void navigate(`/cases/${encodeURIComponent(view.id)}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('startCase')}
      okText={t('startCase')}
      cancelText={t('cancel')}
      // Not `confirmLoading`: antd's spinner could stay after its leave motion and rename the button
      // (「loading 保存」) for screen readers, and for a test looking for 保存 (one CI run). Not disabled
      // while the request is on its way either: the button has the keyboard, and a disabled one dropped
      // it to the page, where a refusal (已有办理中的案件) left it. A second press waits.
      okButtonProps={{
        disabled: province === undefined,
        'aria-disabled': busy || undefined,
        icon: busy ? <LoadingOutlined /> : undefined,
      }}
      onCancel={onClose}
      onOk={() => {
        if (!busy) form.submit();
      }}
      destroyOnHidden
    >
      {error !== undefined && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {province === undefined && (
        // The server refuses an account without its province whatever is chosen here (403).
        <Alert type="warning" showIcon title={t('noProvinceOnAccount')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ park: parks[0], province }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item label={t('park')} name="park" rules={[{ required: true, message: t('required') }]}>
          <Select options={parks.map((park) => ({ value: park, label: park }))} disabled={parks.length < 2} />
        </Form.Item>
        {province !== undefined && (
          <Form.Item label={t('province')} name="province" extra={t('provinceHint')}>
            {/* The account's own: the server refuses any other (403). */}
            <Select
              disabled
              options={PROVINCES.entries.map((entry) => ({
                value: entry.code,
                label: `${entry.name}${fill(t('aside'), { text: entry.code })}`,
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
