import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.js';
import type { CaseView } from '../../../engine/cases/case-view.js';
import { useSession } from '../auth/session.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import type { Startable } from './vocabulary.js';

interface Props {
  open: boolean;
  /** The programmes in force the user starts cases of, with the subjects (parks, counties) without one. */
  starts: readonly Startable[];
  onClose: () => void;
}

interface Values {
  process: string;
  park: string;
  province: string;
}

/**
 * A subject (a park, a county) starts its application (CONTRACT §6 `POST /api/cases`): which programme
 * when it may start several, which subject when it acts for several, and its region — titled as the
 * programme's manifest titles them, the region named from its directory, sent under the names it declares.
 */
export function StartCaseDialog({ open, starts, onClose }: Props) {
  const { t } = useI18n();
  // The account names the subject's region; the server refuses any other (403), so it is fixed.
  const region = useSession().me?.province;
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  // Unset until the form has rendered its field (and never with one programme to start): the first.
  const chosen: string | undefined = Form.useWatch('process', form);
  const start = starts.find((item) => item.programme.process === chosen) ?? starts[0];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (start === undefined) return null;
  const { manifest, regions } = start.programme;
  const subjectTitle = manifest.subject.title;
  const regionTitle = manifest.region.title;
  // As the programme calls its first step (manifest `startTitle`), else the workbench's 发起创建申请.
  const startTitle = manifest.startTitle ?? t('startCase');

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const view = await api<CaseView>('POST', '/api/cases', {
        process: start.programme.process,
        [manifest.subject.name]: values.park,
        [manifest.region.name]: values.province,
      });
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
      title={startTitle}
      okText={startTitle}
      cancelText={t('cancel')}
      // Not `confirmLoading`: antd's spinner could stay after its leave motion and rename the button
      // (「loading 保存」) for screen readers, and for a test looking for 保存 (one CI run). Not disabled
      // while the request is on its way either: the button has the keyboard, and a disabled one dropped
      // it to the page, where a refusal (已有办理中的案件) left it. A second press waits.
      okButtonProps={{
        disabled: region === undefined,
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
      {region === undefined && (
        // The server refuses an account without its region whatever is chosen here (403).
        <Alert
          type="warning"
          showIcon
          title={
            manifest.startTitle === undefined
              ? fill(t('noProvinceOnAccount'), { region: regionTitle })
              : fill(t('noRegionToStart'), { region: regionTitle, start: manifest.startTitle })
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ process: start.programme.process, park: start.subjects[0], province: region }}
        onFinish={(values) => void submit(values)}
      >
        {starts.length > 1 && (
          <Form.Item label={t('startProgramme')} name="process">
            <Select
              options={starts.map((item) => ({ value: item.programme.process, label: item.programme.manifest.title }))}
              onChange={(process: string) => {
                const subjects = starts.find((item) => item.programme.process === process)?.subjects ?? [];
                form.setFieldValue('park', subjects[0]);
              }}
            />
          </Form.Item>
        )}
        <Form.Item label={subjectTitle} name="park" rules={[{ required: true, message: t('required') }]}>
          <Select
            options={start.subjects.map((subject) => ({ value: subject, label: subject }))}
            disabled={start.subjects.length < 2}
          />
        </Form.Item>
        {region !== undefined && (
          <Form.Item label={regionTitle} name="province" extra={fill(t('provinceHint'), { region: regionTitle })}>
            {/* The account's own: the server refuses any other (403). */}
            <Select
              disabled
              options={[
                ...regions.entries,
                // A code the programme's directory does not list is shown as it is (the server decides).
                ...(regions.entries.some((entry) => entry.code === region) ? [] : [{ code: region, name: region }]),
              ].map((entry) => ({
                value: entry.code,
                label:
                  entry.name === entry.code ? entry.code : `${entry.name}${fill(t('aside'), { text: entry.code })}`,
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
