import { Alert, Input, Space } from 'antd';
import { useState } from 'react';
import type { PendingPublication } from '../designer-api.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { ExplainedButton } from './explained-button.js';
import { BasisDescriptions } from './basis-descriptions.js';

interface Props {
  pending: PendingPublication;
  me: string | undefined;
  running: boolean;
  onApprove: () => void;
  onRefuse: (reason: string) => void;
}

/**
 * A publication waiting for a second person (four-eyes): what was asked for, on what basis, by whom;
 * approve (not the requester) or refuse with a reason.
 */
export function ApprovalBox({ pending, me, running, onApprove, onRefuse }: Props) {
  const { d, language } = useDesignerI18n();
  const [reason, setReason] = useState('');
  const at = new Date(pending.requestedAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
  });
  const own = me === pending.requestedBy;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="pending-publication"
      title={d('pendingTitle', { version: pending.version, date: pending.effectiveFrom })}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{d('pendingBy', { user: pending.requestedBy, at })}</span>
          <BasisDescriptions basis={pending.revision} />
          <ExplainedButton
            type="primary"
            testId="approve-publication"
            loading={running}
            disabledReason={own ? d('whySelfApprove') : undefined}
            onClick={onApprove}
          >
            {d('approve')}
          </ExplainedButton>
          <Space wrap align="start">
            <Input
              aria-label={d('refuseReason')}
              placeholder={d('refuseReason')}
              value={reason}
              style={{ width: 360 }}
              onChange={(event) => {
                setReason(event.target.value);
              }}
            />
            <ExplainedButton
              danger
              testId="refuse-publication"
              disabledReason={reason.trim() === '' ? d('whyNoReason') : undefined}
              onClick={() => {
                onRefuse(reason.trim());
              }}
            >
              {d('refuse')}
            </ExplainedButton>
          </Space>
        </Space>
      }
    />
  );
}
