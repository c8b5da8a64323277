import { Alert, App, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { isDate } from '../../forms/date-input.js';
import {
  designerApi,
  type DraftSummary,
  type Problem,
  type PublishedVersion,
  type RevisionBasis,
} from '../designer-api.js';
import { useDesignerI18n, type DesignerText } from '../designer-i18n.js';
import { firstOfNextMonth } from '../server-today.js';
import { useLoad } from '../use-load.js';
import { ApprovalBox, ReloadButton } from './approval-box.js';
import { BASIS_FIELDS } from './basis-descriptions.js';
import { ProblemTable } from './problem-table.js';
import type { ProblemNames } from './problem-text.js';
import { RequestForm, VERSION_NAME } from './request-form.js';

/** A step on a waiting request refused: `stale`, the request changed since the page loaded (409). */
export interface StepRefusal {
  step: 'approve' | 'refuse' | 'withdraw';
  message: string;
  stale: boolean;
}

export interface PublishOutcome {
  requested?: { version: string; effectiveFrom: string };
  published?: { version: string; effectiveFrom: string; problems: Problem[] };
  /** The request refused; `stale`: the draft changed since the page loaded (409), reloading helps. */
  refused?: { message: string; problems: Problem[]; stale: boolean };
  /** The approval, the return (退回) or the withdrawal (撤回) refused, said beside its button. */
  approvalRefused?: StepRefusal;
}

interface Props {
  today: string;
  draft: DraftSummary;
  /** The signed-in user (the requester may withdraw their request, not approve it). */
  me: string | undefined;
  outcome: PublishOutcome | undefined;
  running: boolean;
  /** Deleted since the page loaded it (the banner above says by whom): no step is offered. */
  deleted: boolean;
  onPublish: (version: string, effectiveFrom: string, revision: RevisionBasis) => void;
  onApprove: () => void;
  onRefuse: (reason: string) => void;
  onWithdraw: () => void;
  /** Reads the draft again (after a refusal because it changed since the page loaded). */
  onReload: () => void;
  onShowDiff: () => void;
  onLocate: (problem: Problem) => void;
  /** Names of elements, rules, indicators and forms: a refusal's problems are told as in 校验. */
  names: ProblemNames;
}

const EMPTY_BASIS: RevisionBasis = { title: '', documentNumber: '', issuedOn: '', url: '' };

/** What the request asks for: the version's name and effective date, and the revision's basis. */
interface Request {
  name: string;
  effectiveFrom: string;
  basis: RevisionBasis;
}

/**
 * Why the request cannot be sent yet, in the officer's words (undefined: it can). `versions` are the
 * process's published versions: a name taken is said here, not after the confirmation dialog.
 */
function whyNot(
  d: DesignerText,
  today: string,
  { name, effectiveFrom, basis }: Request,
  versions: ReadonlySet<string>,
): string | undefined {
  if (effectiveFrom === '') return d('whyNoDate');
  // The date fields keep text typed that is no date (2024-06-3x, 2024-02-30), for it to be said here.
  if (!isDate(effectiveFrom)) return d('whyNotADate', { field: d('effectiveFrom') });
  if (effectiveFrom < today) return d('whyPastDate', { today });
  if (name === '') return d('whyNoVersionName');
  if (!VERSION_NAME.test(name)) return d('whyVersionName');
  if (versions.has(name)) return d('whyVersionExists', { version: name });
  const missing = BASIS_FIELDS.filter(([field]) => basis[field].trim() === '').map(([, label]) => d(label));
  if (missing.length > 0) return d('whyBasis', { missing: missing.join('、') });
  if (!isDate(basis.issuedOn)) return d('whyNotADate', { field: d('revisionIssuedOn') });
  if (!/^https?:\/\/\S+$/.test(basis.url.trim())) return d('whyUrl');
  if (basis.issuedOn > effectiveFrom) return d('whyIssuedLate');
  return undefined;
}

/**
 * What a version published but not yet in force does to this one, said before it is asked for: one
 * taking effect after it takes its place on that day (cases started from then run on it, without this
 * draft's changes); one taking effect before it, not this draft's base, loses its own changes once this
 * takes effect. Each went unsaid: a version approved and waiting was undone by the next, quietly.
 */
function waitingVersions(
  published: readonly PublishedVersion[],
  draft: DraftSummary,
  today: string,
  effectiveFrom: string,
  d: DesignerText,
): string[] {
  return published
    .filter((other) => other.process === draft.process && other.effectiveFrom > today)
    .flatMap((other) => {
      const said = { version: other.version, date: other.effectiveFrom };
      if (isDate(effectiveFrom) && other.effectiveFrom > effectiveFrom) return [d('waitingAfter', said)];
      return other.version === draft.baseVersion ? [] : [d('waitingBefore', said)];
    });
}

/**
 * What the form starts from: a returned request (退回) as it was asked — its name (followed by the date
 * when it was the date, as the form's default is), date and basis — else the first of next month.
 */
function startingRequest(
  today: string,
  draft: DraftSummary,
): { version?: string; effectiveFrom: string; basis: RevisionBasis } {
  const asked = draft.pendingPublication === undefined ? draft.refusal : undefined;
  if (asked === undefined) return { effectiveFrom: firstOfNextMonth(today), basis: EMPTY_BASIS };
  // A refusal stored before the date and basis were kept has the name alone.
  const effectiveFrom = asked.effectiveFrom ?? firstOfNextMonth(today);
  return {
    ...(asked.version !== effectiveFrom && { version: asked.version }),
    effectiveFrom,
    basis: asked.revision ?? EMPTY_BASIS,
  };
}

/**
 * Publishing (issue 12, item 6): a name, an effective date (today or later) and the revision's basis
 * (title, 文号, date, address) are submitted; a second policy officer approves or refuses with a reason,
 * or the requester withdraws. While a request waits (or once published) the form is gone: the
 * approver reads the request, not an empty form they cannot fill.
 */
export function PublishPanel(props: Props) {
  const { today, draft, outcome, running, onPublish, onLocate } = props;
  const { d } = useDesignerI18n();
  const { modal } = App.useApp();
  const [first] = useState(() => startingRequest(today, draft));
  const [effectiveFrom, setEffectiveFrom] = useState(first.effectiveFrom);
  const [version, setVersion] = useState(first.version);
  const [basis, setBasis] = useState(first.basis);
  // A request returned while the page is open (read again, or returned from this page) comes back too.
  const returned = draft.pendingPublication === undefined ? draft.refusal?.refusedAt : undefined;
  const [shownReturn, setShownReturn] = useState(returned);
  if (returned !== shownReturn) {
    setShownReturn(returned);
    if (returned !== undefined) {
      const asked = startingRequest(today, draft);
      setEffectiveFrom(asked.effectiveFrom);
      setVersion(asked.version);
      setBasis(asked.basis);
    }
  }
  const name = version ?? effectiveFrom;
  const locked = draft.publishedAs !== undefined || draft.pendingPublication !== undefined;
  const published = useLoad(designerApi.versions, 'versions').data;
  const versions = useMemo(
    () => new Set(published?.filter((one) => one.process === draft.process).map((one) => one.version)),
    [published, draft.process],
  );
  const reason = props.deleted ? d('whyDraftDeleted') : whyNot(d, today, { name, effectiveFrom, basis }, versions);
  const waiting = useMemo(
    () => waitingVersions(published ?? [], draft, today, effectiveFrom, d),
    [published, draft, today, effectiveFrom, d],
  );

  const confirm = () => {
    modal.confirm({
      title: d('requestConfirmTitle', { version: name }),
      content: d('requestConfirmBody', { date: effectiveFrom }),
      okText: d('confirm'),
      cancelText: d('cancel'),
      onOk: () => {
        onPublish(name, effectiveFrom, {
          title: basis.title.trim(),
          documentNumber: basis.documentNumber.trim(),
          issuedOn: basis.issuedOn,
          url: basis.url.trim(),
        });
      },
    });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Paragraph type="secondary">{d('publishHint')}</Typography.Paragraph>
      {draft.publishedAs !== undefined && (
        <Alert type="info" showIcon title={d('alreadyPublished', { version: draft.publishedAs })} />
      )}
      {draft.refusal !== undefined && draft.pendingPublication === undefined && draft.publishedAs === undefined && (
        <Alert
          type="warning"
          showIcon
          data-testid="publish-refusal"
          title={d('refused', {
            reason: draft.refusal.reason,
            user: draft.refusal.refusedByName ?? draft.refusal.refusedBy,
          })}
        />
      )}
      {draft.pendingPublication !== undefined && (
        <ApprovalBox
          {...props}
          pending={draft.pendingPublication}
          title={draft.title ?? draft.id}
          refusal={outcome?.approvalRefused}
        />
      )}
      {!locked &&
        waiting.map((said) => <Alert key={said} type="warning" showIcon data-testid="waiting-version" title={said} />)}
      {!locked && (
        <RequestForm
          today={today}
          effectiveFrom={effectiveFrom}
          onEffectiveFrom={setEffectiveFrom}
          name={name}
          nameTaken={versions.has(name)}
          onName={setVersion}
          basis={basis}
          onBasis={setBasis}
          reason={reason}
          running={running}
          onRequest={confirm}
        />
      )}
      {outcome?.requested !== undefined && draft.pendingPublication !== undefined && (
        <Alert
          type="success"
          showIcon
          data-testid="publish-result"
          title={d('requested', { version: outcome.requested.version, date: outcome.requested.effectiveFrom })}
        />
      )}
      {outcome?.published !== undefined && (
        <Alert
          type="success"
          showIcon
          data-testid="publish-result"
          title={d('approvedAs', { version: outcome.published.version, date: outcome.published.effectiveFrom })}
          description={<Link to="/designer">{d('backToVersions')}</Link>}
        />
      )}
      {outcome?.refused !== undefined && (
        <Alert
          type="error"
          showIcon
          data-testid="publish-result"
          title={d('publishRefused', { message: outcome.refused.message })}
          action={outcome.refused.stale && <ReloadButton onReload={props.onReload} />}
          description={
            outcome.refused.problems.length > 0 && (
              <ProblemTable problems={outcome.refused.problems} onLocate={onLocate} names={props.names} />
            )
          }
        />
      )}
    </Space>
  );
}
