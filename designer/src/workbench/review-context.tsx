import { Alert, Button, Card, Col, Grid, Row, Spin, Typography } from 'antd';
import { useRef, type ReactNode } from 'react';
import { canonicalJson } from '../../../engine/audit/canonical-json.js';
import type { TaskView } from '../../../engine/cases/case-view.js';
import type { FormSchema } from '../../../engine/definitions/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { CaseBundle } from './case-data.js';
import { EarlierOpinions } from './earlier-opinions.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { documentIndicators, useActorName } from './review-parts.js';
import { SubmissionDocument } from './submission-document.js';
import {
  decisionDetails,
  loadSubmissionForm,
  numberedName,
  outcomeOf,
  returnedTask,
  returnNotes,
  reviewsApplication,
  underReview,
  type NamedSubmission,
} from './submissions.js';
import { useAsync } from './use-async.js';

/** A titled piece of someone's free text (a comment, a return note, a decision's grounds), its line breaks kept. */
function TitledText({ title, text, gap }: { title: string; text: string; gap: number }) {
  const { t } = useI18n();
  return (
    <>
      <div>
        {title}
        {t('colon')}
      </div>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: gap }}>{text}</Typography.Paragraph>
    </>
  );
}

/**
 * On a task sent back for changes: who returned it, when, their decision and their full comment
 * (Art. 17, 20, 28: 退回修改). Undefined (nothing shown) when the task was not returned.
 */
export function ReturnBanner({ review, bundle }: { review: NamedSubmission | undefined; bundle: CaseBundle }) {
  const { t } = useI18n();
  const actorName = useActorName(bundle);
  const schema = useAsync(
    () => (review === undefined ? Promise.resolve(undefined) : loadSubmissionForm(bundle, review)),
    `${bundle.view.id}/${String(review?.seq)}/${bundle.language ?? ''}`,
  );
  if (review === undefined || schema.loading) return null;
  const outcome = outcomeOf(schema.data, review.data);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-returned-by={review.seq}
      style={{ marginBottom: 16 }}
      title={fill(t('returnedTitle'), {
        who: actorName(review),
        at: chinaTime(review.at),
        decision: outcome?.title ?? t('none'),
      })}
      description={
        <>
          <TitledText title={t('returnComment')} text={outcome?.comment ?? '—'} gap={8} />
          {returnNotes(schema.data, review.data).map((note) => (
            <div key={note.title} data-return-note>
              <TitledText title={note.title} text={note.text} gap={8} />
            </div>
          ))}
          <Typography.Text type="secondary">{t('prefilledFromLast')}</Typography.Text>
        </>
      }
    />
  );
}

/** The named end event a case's last status change reached, and when: undefined when it has no name. */
function endReached(bundle: CaseBundle): { name: string; at: string } | undefined {
  const { view } = bundle;
  const entry = bundle.audit.findLast((item) => item.type === 'status.changed' && item.at === view.endedAt);
  const element = (entry?.details as { element?: unknown } | undefined)?.element;
  const info = typeof element === 'string' ? bundle.elements.get(element) : undefined;
  const name = info?.type === 'endEvent' ? info.name?.trim() : undefined;
  return name === undefined || name === '' || entry === undefined ? undefined : { name, at: entry.at };
}

/**
 * On a case that has ended: how (its final status), and — when a submission ended it (a rejection,
 * a withdrawal) — who sent it, when, their decision, their full comment and what else the decision
 * stated (the grounds and findings of a revocation, Art. 27), or, when the process ran
 * to its end by itself, that end's name; at the top of the page rather than only in the history.
 */
export function EndedBanner({ bundle }: { bundle: CaseBundle }) {
  const { t } = useI18n();
  const actorName = useActorName(bundle);
  const { view } = bundle;
  const last = bundle.submissions.at(-1);
  const decisive = view.final && last !== undefined && last.at === view.endedAt ? last : undefined;
  const schema = useAsync(
    () => (decisive === undefined ? Promise.resolve(undefined) : loadSubmissionForm(bundle, decisive)),
    `${view.id}/${String(decisive?.seq)}/${bundle.language ?? ''}`,
  );
  if (!view.final || schema.loading) return null;
  const outcome = decisive === undefined ? undefined : outcomeOf(schema.data, decisive.data);
  // Ended by a timer, not a submission (a notice over with an objection upheld: 异议成立，不予认定, Art.
  // 22; a period run out): where the process ended, by the end event's name, and when. The banner
  // said only 本案已办结：未予认定, the reason left to be pieced together from the history.
  const endedAt = decisive === undefined ? endReached(bundle) : undefined;
  return (
    <Alert
      type="info"
      showIcon
      data-ended
      style={{ marginBottom: 16 }}
      title={fill(t('endedTitle'), { status: view.statusTitle ?? view.status })}
      description={
        decisive === undefined ? (
          endedAt === undefined ? undefined : (
            <div>{fill(t('endedReached'), { at: chinaTime(endedAt.at), what: endedAt.name })}</div>
          )
        ) : (
          <>
            <div>
              {/* A decision (不予通过) is made, not 提交ed; a withdrawal is sent. */}
              {fill(t(outcome?.title === undefined ? 'endedBy' : 'endedDecided'), {
                who: actorName(decisive),
                at: chinaTime(decisive.at),
                what: outcome?.title ?? schema.data?.title ?? decisive.name,
              })}
            </div>
            {outcome?.comment !== undefined && <TitledText title={t('returnComment')} text={outcome.comment} gap={0} />}
            {outcome !== undefined &&
              decisionDetails(schema.data, decisive.data).map((detail) => (
                <div key={detail.title} data-decision-detail>
                  <TitledText title={detail.title} text={detail.text} gap={0} />
                </div>
              ))}
          </>
        )
      }
    />
  );
}

/** The task's previous submission and the review that returned it, if it was returned. */
export function returnOf(bundle: CaseBundle, task: TaskView) {
  const found = returnedTask(bundle.submissions, task.taskId, task.scope);
  return found?.review === undefined ? undefined : { previous: found.previous, review: found.review };
}

/** The top-level fields whose values differ between two submissions of one form, in the form's order. */
export function changedFields(before: unknown, after: unknown, schema: FormSchema | undefined): string[] {
  const record = (data: unknown): Record<string, unknown> =>
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const [was, is] = [record(before), record(after)];
  const order = [...Object.keys(schema?.properties ?? {}), ...Object.keys(was), ...Object.keys(is)];
  // Compared as canonical JSON: the form may write the same answer with its keys in another order.
  return [...new Set(order)].filter((key) => canonicalJson(was[key] ?? null) !== canonicalJson(is[key] ?? null));
}

/**
 * Over a resubmitted document (a return sent it back, Art. 17): which time it is, and what changed
 * since the last one — the reviewer need not read it all again to find the revision. A task's only:
 * each message (an objection) is one of its own, perhaps from someone else, never a revision.
 */
function ChangedSince({
  submission,
  bundle,
  schema,
}: {
  submission: NamedSubmission;
  bundle: CaseBundle;
  schema: FormSchema | undefined;
}) {
  const { t } = useI18n();
  const earlier = bundle.submissions.filter(
    (other) =>
      submission.kind === 'task' &&
      other.kind === submission.kind &&
      other.name === submission.name &&
      other.scope === submission.scope &&
      other.seq < submission.seq,
  );
  const previous = earlier.at(-1);
  if (previous === undefined || schema === undefined) return null;
  const changed = changedFields(previous.data, submission.data, schema).map(
    (key) => schema.properties?.[key]?.title ?? key,
  );
  const values = { count: earlier.length + 1, time: chinaTime(previous.at) };
  return (
    <Alert
      type="info"
      showIcon
      data-changed-since={previous.seq}
      style={{ marginBottom: 12 }}
      title={
        changed.length === 0
          ? fill(t('resubmittedSame'), values)
          : fill(t('resubmittedChanged'), { ...values, fields: changed.join(t('listSeparator')) })
      }
    />
  );
}

function ReviewedDocument({
  submission,
  bundle,
  title,
}: {
  submission: NamedSubmission;
  bundle: CaseBundle;
  title: string;
}) {
  const { t } = useI18n();
  const actorName = useActorName(bundle);
  const schema = useAsync(
    () => loadSubmissionForm(bundle, submission),
    `${bundle.view.id}/${submission.seq}/${bundle.language ?? ''}`,
  );
  return (
    <Card
      size="small"
      className="qbz-reviewed-card"
      data-under-review={submission.name}
      title={<h4 style={{ fontSize: 15, margin: 0 }}>{title}</h4>}
      extra={
        <Typography.Text type="secondary">
          {actorName(submission)} · {chinaTime(submission.at)}
        </Typography.Text>
      }
    >
      <ChangedSince submission={submission} bundle={bundle} schema={schema.data} />
      {schema.data === undefined ? (
        schema.loading ? (
          <Spin />
        ) : (
          <Typography.Text type="secondary">{t('none')}</Typography.Text>
        )
      ) : (
        <SubmissionDocument schema={schema.data} data={submission.data} indicators={documentIndicators(bundle)} />
      )}
    </Card>
  );
}

/**
 * A review task's form beside what it reviews (the application, or the objection it answers), read as
 * a document; any other task's form alone. Side by side on wide screens, the document first otherwise.
 */
export function BesideReview(props: {
  task: TaskView;
  bundle: CaseBundle;
  schema: FormSchema | undefined;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { task, bundle, schema, children } = props;
  // Narrower than xl the form comes after the whole document (4,600 px down on a phone): a link at the
  // top takes a person, and the keyboard, to it.
  const stacked = Grid.useBreakpoint().xl !== true;
  const formColumn = useRef<HTMLDivElement>(null);
  const submission =
    schema === undefined || (task.origin === undefined && !reviewsApplication(task.taskId, schema))
      ? undefined
      : underReview(bundle.submissions, task.origin);
  if (submission === undefined) return <>{children}</>;
  const numbered = (name: string, number: number) => fill(t('originNumber'), { title: name, number });
  const title = `${t(task.origin === undefined ? 'underReview' : 'answers')}${t('colon')}${numberedName(bundle, submission, numbered)}`;
  return (
    <Row gutter={[24, 16]}>
      {stacked && (
        <Col xs={24}>
          <Button
            type="link"
            style={{ paddingInline: 0 }}
            onClick={() => {
              formColumn.current?.focus();
              formColumn.current?.scrollIntoView({ block: 'start' });
            }}
          >
            {t('toTaskForm')}
          </Button>
        </Col>
      )}
      <Col xs={24} xl={12}>
        <ReviewedDocument submission={submission} bundle={bundle} title={title} />
        <EarlierOpinions
          bundle={bundle}
          since={underReview(bundle.submissions, undefined) ?? submission}
          except={submission}
        />
      </Col>
      <Col xs={24} xl={12} ref={formColumn} tabIndex={-1} data-task-form-column>
        {children}
      </Col>
    </Row>
  );
}
