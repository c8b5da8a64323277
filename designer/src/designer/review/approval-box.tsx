import { Alert, App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { PendingPublication } from '../designer-api.js';
import { chinaTime } from '../../workbench/format.js';
import { useDesignerI18n } from '../designer-i18n.js';
import { ExplainedButton } from './explained-button.js';
import { BasisDescriptions } from './basis-descriptions.js';
import type { StepRefusal } from './publish-panel.js';

interface Props {
  pending: PendingPublication;
  /** The draft's title: what the request is called. */
  title: string;
  me: string | undefined;
  running: boolean;
  /**
   * The draft was deleted since the page loaded it (said in the banner above the tabs, with its way
   * out): the request no longer exists, so nothing here can be done to it.
   */
  deleted: boolean;
  onApprove: () => void;
  onRefuse: (reason: string) => void;
  onWithdraw: () => void;
  /** Opens the comparison with the version in force. */
  onShowDiff: () => void;
  /** The approval, return or withdrawal refused (a request asked for again since the page loaded, say), beside its button. */
  refusal: StepRefusal | undefined;
  onReload: () => void;
}

/** 重新加载: reads the draft as it is now, after a step was refused because it changed since. */
export function ReloadButton({ onReload }: { onReload: () => void }) {
  const { d } = useDesignerI18n();
  return (
    <Button type="primary" size="small" data-testid="reload-draft" onClick={onReload}>
      {d('reload')}
    </Button>
  );
}

const REFUSED_TEST_ID = { approve: 'approval-refused', refuse: 'return-refused', withdraw: 'withdraw-refused' };

/** Why an approval, a return or a withdrawal was not done, beside its button; 重新加载 when the page is stale. */
function StepRefused({ refusal, onReload }: { refusal: StepRefusal; onReload: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={REFUSED_TEST_ID[refusal.step]}
      title={refusal.message}
      action={refusal.stale && <ReloadButton onReload={onReload} />}
    />
  );
}

/**
 * A publication waiting for a second person (four-eyes): what was asked for, on what basis, by whom,
 * and what it changes. The approver approves or sends it back with a reason; the requester may only
 * withdraw it (the server refuses their approval as well). Once the draft is known deleted, neither: the
 * box stays as what was asked for, without steps that could only be refused.
 */
export function ApprovalBox(props: Props) {
  const { pending, title, me, running, deleted, onApprove, onRefuse, onWithdraw, onShowDiff, refusal } = props;
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const [reason, setReason] = useState('');
  const at = chinaTime(pending.requestedAt);
  const own = me === pending.requestedBy;
  // Published at once and for good: asked first, as submitting and withdrawing are.
  const approve = () => {
    modal.confirm({
      title: d('approveConfirmTitle', { version: pending.version }),
      content: d('approveConfirmBody', { date: pending.effectiveFrom }),
      okText: d('confirm'),
      cancelText: d('cancel'),
      onOk: onApprove,
    });
  };
  const withdraw = () => {
    modal.confirm({
      title: d('withdrawConfirmTitle'),
      content: d('withdrawConfirmBody'),
      okText: d('confirm'),
      cancelText: d('cancel'),
      onOk: onWithdraw,
    });
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="pending-publication"
      title={d('pendingTitle', { version: pending.version, date: pending.effectiveFrom })}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong data-testid="pending-draft-title">
            {d('pendingDraft', { title })}
          </Typography.Text>
          <span>{d('pendingBy', { user: pending.requestedByName ?? pending.requestedBy, at })}</span>
          <BasisDescriptions basis={pending.revision} />
          <Button type="link" style={{ padding: 0 }} data-testid="pending-diff" onClick={onShowDiff}>
            {d('showDiff')}
          </Button>
          {!deleted &&
            (own ? (
              <>
                <Typography.Text type="secondary">{d('pendingOwn')}</Typography.Text>
                <Space wrap align="start">
                  <Button data-testid="withdraw-publication" loading={running} onClick={withdraw}>
                    {d('withdraw')}
                  </Button>
                  {refusal?.step === 'withdraw' && <StepRefused refusal={refusal} onReload={props.onReload} />}
                </Space>
              </>
            ) : (
              <>
                <Space wrap align="start">
                  <Button type="primary" data-testid="approve-publication" loading={running} onClick={approve}>
                    {d('approve')}
                  </Button>
                  {refusal?.step === 'approve' && <StepRefused refusal={refusal} onReload={props.onReload} />}
                </Space>
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
                  {refusal?.step === 'refuse' && <StepRefused refusal={refusal} onReload={props.onReload} />}
                </Space>
              </>
            ))}
        </Space>
      }
    />
  );
}
