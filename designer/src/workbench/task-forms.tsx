import { LoadingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { CaseView, TaskView } from '../../../engine/cases/case-view.js';
import type { FormSchema, Manifest } from '../../../engine/definitions/types.js';
import { useSession } from '../auth/session.js';
import { SchemaForm, type FieldError, type IndicatorChoices, type Outcome } from '../forms/index.js';
import { headingWhenLost } from '../focus-return.js';
import { useI18n } from '../i18n/i18n.js';
import { latestField, type CaseBundle } from './case-data.js';
import { loadForm, messageFormKey, type VersionInfo } from './catalog.js';
import { BesideReview, returnOf, ReturnBanner } from './review-context.js';
import { taskName } from './submissions.js';
import { TaskDue } from './task-due.js';
import { usePeriodLabel } from './task-period.js';
import { OthersTasks } from './others-tasks.js';
import { originOf } from './inbox-data.js';
import { useOriginLabel } from './task-origin.js';
import { useAsync } from './use-async.js';
import { useUnsentWork } from './unsent-work.js';
import { UnsentNotice, type Restored } from './unsent-notice.js';
import { loadSavedDraft, useSavedDraft, type SavedDraft } from './saved-draft.js';
import { asked } from '../forms/submit-guard.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { useDefinitionSchema, useDefinitionText } from '../i18n/use-definition-text.js';
import { ForetoldBanner } from './foretold-banner.js';
import './task-card.css';

/** The indicator variant of the case (its park type) for a form that scores indicators, if known. */
function indicatorChoices(schema: FormSchema, bundle: CaseBundle): IndicatorChoices | undefined {
  const scored = Object.values(schema.properties ?? {}).some((field) => field['x-indicators'] !== undefined);
  if (!scored) return undefined;
  const { indicators } = bundle.version;
  const variant = latestField(bundle.submissions, indicators.variantField);
  const items = typeof variant === 'string' ? indicators.variants[variant] : undefined;
  if (items === undefined) return undefined;
  return {
    items,
    dimensions: indicators.dimensions ?? [],
    vetoes: indicators.vetoes,
    passScore: indicators.passScore,
    illustrative: indicators.illustrative,
  };
}

interface SubmitState {
  busy: boolean;
  errors?: FieldError[];
  failure?: string;
  /** The task was done meanwhile (another tab, computer or colleague): the case is to be refreshed. */
  gone?: true;
}

/**
 * A task refused as no longer open: done in another window, on another computer or by a colleague
 * of the same group. The server's words name the task by its internal reference (任务 t_… 不存在或已办结).
 */
const taskGone = (caught: unknown): boolean => caught instanceof ApiError && caught.code === 'not-open';

/**
 * Posts a form and keeps what the server said: field errors at their fields, anything else above.
 * `isTask`: a refusal because the task is no longer open is said in words a person can act on.
 */
function useSubmit(post: (data: unknown) => Promise<unknown>, onDone: () => void, isTask = false) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [state, setState] = useState<SubmitState>({ busy: false });
  const fail = (caught: unknown) => {
    // Field errors stand at their fields (and in the form's list); the summary would repeat them.
    if (caught instanceof ApiError && caught.errors.length > 0) setState({ busy: false, errors: caught.errors });
    else if (isTask && taskGone(caught)) setState({ busy: false, failure: t('taskDoneElsewhere'), gone: true });
    else if (caught instanceof ApiError) setState({ busy: false, failure: caught.message });
    else setState({ busy: false, failure: String(caught) });
  };
  const submit = async (data: unknown) => {
    setState({ busy: true });
    try {
      await post(data);
      void message.success(t('submittedOk'));
      setState({ busy: false });
      // The sent form goes when the case reloads, and the focus with it.
      headingWhenLost();
      onDone();
    } catch (caught) {
      fail(caught);
      throw caught;
    }
  };
  return { ...state, submit, fail };
}

function Failure({ text, onRefresh }: { text: string | undefined; onRefresh?: (() => void) | undefined }) {
  const { t } = useI18n();
  return text === undefined ? null : (
    <Alert
      type="error"
      showIcon
      title={text}
      role="alert"
      style={{ marginBottom: 16 }}
      {...(onRefresh !== undefined && {
        action: (
          <Button size="small" onClick={onRefresh}>
            {t('reload')}
          </Button>
        ),
      })}
    />
  );
}

function groupTitle(manifest: Manifest, task: TaskView): string {
  const group = manifest.groups[task.group];
  const member = task.scope === undefined ? undefined : group?.members?.[task.scope];
  return [group?.title ?? task.group, member].filter((part) => part !== undefined).join(' · ');
}

interface FormStart {
  data: unknown;
  restored?: Restored;
}

/**
 * A form's starting data — what this user left unsent in this tab if anything, else the draft they
 * saved on the server (`saved`), else `given` — kept while they type, and forgotten once sent or
 * discarded (discarding unsent work goes back to the newest draft this page knows; discarding the
 * draft, to `given`). `basis`: the draft revision the starting data was typed on top of.
 */
function useFormStart(form: string, given: unknown, saved: SavedDraft | null = null) {
  const { me } = useSession();
  const unsent = useUnsentWork(me?.username, form);
  // The newest draft this page knows the server holds: the one loaded with the form, then each save's.
  const known = useRef(saved);
  const fromDraft = (draft: SavedDraft | null): FormStart =>
    draft === null ? { data: given } : { data: draft.data, restored: { kind: 'draft', at: draft.savedAt } };
  const [start, setStart] = useState<FormStart>(() =>
    unsent.restored === undefined
      ? fromDraft(saved)
      : { data: unsent.restored.data, restored: { kind: 'unsent', at: unsent.restored.savedAt } },
  );
  const restoredBasis = unsent.restored?.basis;
  return {
    data: start.data,
    restored: start.restored,
    basis:
      unsent.restored === undefined
        ? (saved?.revision ?? null)
        : typeof restoredBasis === 'number'
          ? restoredBasis
          : null,
    save: unsent.save,
    /** Sent: nothing left unsent in this tab. */
    sent: unsent.clear,
    /** Saved as `draft`: the form goes on as it is, unsent no more unless typed in since (`typedSince`). */
    savedAs: (draft: SavedDraft, typedSince: boolean) => {
      known.current = draft;
      if (!typedSince) unsent.clear();
      setStart((before) => ({ data: before.data, restored: { kind: 'draft', at: draft.savedAt, saved: true } }));
    },
    /** Starts afresh from `draft` (the newest, after a save refused as stale), or `given` when there is none. */
    startFrom: (draft: SavedDraft | null) => {
      known.current = draft;
      unsent.clear();
      setStart(fromDraft(draft));
    },
    /** Starts afresh (see above); the draft the form now shows, if any, which later saves build on. */
    discard: (): SavedDraft | null => {
      unsent.clear();
      if (start.restored?.kind !== 'unsent') known.current = null;
      setStart(fromDraft(known.current));
      return known.current;
    },
  };
}

function TaskForm({ task, bundle, onDone }: { task: TaskView; bundle: CaseBundle; onDone: () => void }) {
  const { t } = useI18n();
  const { view } = bundle;
  const form = useAsync(() => loadForm(view.process, view.version, task.formKey), `${view.version}/${task.formKey}`);
  const saved = useAsync(() => loadSavedDraft(task.ref), task.ref);
  const submitting = useSubmit(
    (data) => api('POST', `/api/tasks/${encodeURIComponent(task.ref)}/complete`, { data }),
    onDone,
    true,
  );
  const schema = useDefinitionSchema(view.process, form.data);
  // One review per objection: which one this is (the same words as the inbox).
  const originLabel = useOriginLabel();
  const periodLabel = usePeriodLabel();
  const origin = originOf(task, task.origin === undefined ? undefined : bundle.messageTitles.get(task.origin.message));
  return (
    <Card
      title={
        <h3 style={{ fontSize: 16, margin: 0 }}>
          {t('taskLabel')}
          {t('colon')}
          {task.name ?? taskName(bundle, task.taskId) ?? schema?.title ?? task.taskId}
          {origin !== undefined && (
            <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
              {' · '}
              {originLabel(origin)}
            </Typography.Text>
          )}
          {task.period !== undefined && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 14, fontWeight: 'normal' }}
              data-task-period={task.period.number}
            >
              {' · '}
              {periodLabel(task.period)}
            </Typography.Text>
          )}
        </h3>
      }
      extra={
        <Space wrap>
          <TaskDue task={task} bundle={bundle} />
          <Tag color="volcano">{groupTitle(bundle.version.manifest, task)}</Tag>
        </Space>
      }
      className="qbz-task-card"
      data-task={task.taskId}
    >
      <Failure
        text={form.error?.message ?? submitting.failure}
        onRefresh={form.error === undefined && submitting.gone === true ? onDone : undefined}
      />
      <ForetoldBanner task={task} bundle={bundle} />
      <ReturnBanner review={returnOf(bundle, task)?.review} bundle={bundle} />
      {schema === undefined || saved.loading ? (
        <Spin />
      ) : (
        <>
          {(saved.error !== undefined || saved.data?.damaged === true) && (
            <Alert
              type="warning"
              showIcon
              title={
                saved.error === undefined
                  ? t('draftDamaged')
                  : fill(t('draftLoadFailed'), { reason: saved.error.message })
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <TaskFormBody
            task={task}
            bundle={bundle}
            schema={schema}
            saved={saved.data?.draft ?? null}
            submitting={submitting}
            onRefresh={onDone}
          />
        </>
      )}
      <Typography.Text type="secondary">{t('serverChecks')}</Typography.Text>
    </Card>
  );
}

/** A task's form once its schema and the user's saved draft are in: what they type, send, or save to finish later. */
function TaskFormBody(props: {
  task: TaskView;
  bundle: CaseBundle;
  schema: FormSchema;
  saved: SavedDraft | null;
  submitting: ReturnType<typeof useSubmit>;
  /** Reloads the case (after the task was done elsewhere). */
  onRefresh: () => void;
}) {
  const { task, bundle, schema, submitting } = props;
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const { busy, errors, submit, fail, failure, gone } = submitting;
  const indicators = indicatorChoices(schema, bundle);
  const preview = usePreview(bundle.view.process, `/api/tasks/${encodeURIComponent(task.ref)}/preview`);
  // A returned task starts from what was sent last time (Art. 17: 退回修改 means change, not redo).
  const start = useFormStart(`task.${task.ref}`, returnOf(bundle, task)?.previous.data, props.saved);
  const draft = useSavedDraft(task.ref, start.basis);
  // What the form holds now, for 保存草稿 (the form owns its data; edits report it): what it started
  // from until an edit, and again when it starts afresh (a draft discarded).
  const latest = useRef({ start: start.data, data: start.data });
  if (latest.current.start !== start.data) latest.current = { start: start.data, data: start.data };
  // A refused save is said beside its button (the form's failure line is at the top of a long form);
  // field errors (a file no longer there) stand at their fields, as a refused submission's do. One
  // refused because another tab or computer saved since offers to go on from that draft.
  const [draftFailure, setDraftFailure] = useState<{ text: string; stale: boolean; gone?: true }>();
  const saveDraft = async () => {
    if (draft.saving) return;
    setDraftFailure(undefined);
    const sent = latest.current.data;
    try {
      const saved = await draft.save(sent);
      // Typed in while it was being saved: that stays unsent (kept in the tab, asked about on leaving).
      start.savedAs(saved, latest.current.data !== sent);
      void message.success(t('draftSaved'));
    } catch (caught) {
      if (caught instanceof ApiError && caught.errors.length > 0) fail(caught);
      else if (taskGone(caught)) setDraftFailure({ text: t('taskDoneElsewhere'), stale: false, gone: true });
      else
        setDraftFailure({
          text: caught instanceof Error ? caught.message : String(caught),
          stale: caught instanceof ApiError && caught.code === 'conflict',
        });
    }
  };
  const loadLatest = async () => {
    const sure = await asked(modal, {
      title: t('loadLatestDraftTitle'),
      content: t('loadLatestDraftContent'),
      okText: t('loadLatestDraft'),
      cancelText: t('keepUnsent'),
    });
    if (!sure) return;
    try {
      const newest = await draft.latest();
      start.startFrom(newest);
      setDraftFailure(undefined);
      void message.info(newest === null ? t('draftGoneElsewhere') : t('latestDraftLoaded'));
    } catch (caught) {
      setDraftFailure({ text: caught instanceof Error ? caught.message : String(caught), stale: false });
    }
  };
  return (
    <>
      <UnsentNotice
        restored={start.restored}
        onDiscard={async () => {
          if (start.restored?.kind === 'draft') await draft.discard();
          // Unsent work given up shows the newest draft known: saves go on from that one.
          draft.rebase(start.discard()?.revision ?? null);
        }}
      />
      <BesideReview task={task} bundle={bundle} schema={schema}>
        <SchemaForm
          schema={schema}
          {...(start.data !== undefined && { formData: start.data })}
          onEdit={(data) => {
            latest.current.data = data;
            start.save(data, draft.basis());
          }}
          onSubmit={async (data) => {
            await submit(data);
            start.sent();
          }}
          {...(errors !== undefined && { extraErrors: errors })}
          {...(indicators !== undefined && { indicators })}
          busy={busy}
          showExample
          today={bundle.today}
          idPrefix={`task-${task.ref}`}
          submitLabel={t('submit')}
          confirmSending
          outcomeOf={preview}
          onPreviewFailed={fail}
          extraActions={
            <>
              {/* Not disabled while saving (the keyboard would lose its place): a second press waits. */}
              <Button
                onClick={() => void saveDraft()}
                onMouseDown={(event) => {
                  event.preventDefault();
                }}
                disabled={busy}
                aria-busy={draft.saving}
                icon={draft.saving ? <LoadingOutlined /> : undefined}
              >
                {t('saveDraft')}
              </Button>
              {draftFailure !== undefined && (
                <Typography.Text type="danger" role="alert" data-draft-failure>
                  {draftFailure.text}
                </Typography.Text>
              )}
              {draftFailure?.stale === true && (
                <Button size="small" onClick={() => void loadLatest()}>
                  {t('loadLatestDraft')}
                </Button>
              )}
              {draftFailure?.gone === true && (
                <Button size="small" onClick={props.onRefresh}>
                  {t('reload')}
                </Button>
              )}
              {/* A refused submission is said here too, where 提交 was pressed: above, at the top of the
                card, it stood 6,700 px up the expert's score sheet, out of sight, and nothing seemed to
                happen. Not an alert: the one above is read out. */}
              {draftFailure === undefined && failure !== undefined && (
                <Typography.Text type="danger" data-submit-failure>
                  {failure}
                </Typography.Text>
              )}
              {draftFailure === undefined && gone === true && (
                <Button size="small" onClick={props.onRefresh}>
                  {t('reload')}
                </Button>
              )}
              {draftFailure === undefined && start.restored?.kind === 'draft' && (
                <Typography.Text type="secondary" data-draft-saved-at>
                  {fill(t('draftSavedAt'), { at: chinaTime(start.restored.at) })}
                </Typography.Text>
              )}
            </>
          }
        />
      </BesideReview>
    </>
  );
}

/**
 * What sending would do (the server's preview), the status it would end the case in and the reason
 * the diagram gives named in the reader's language: they come in the definitions' Chinese, and an
 * English dialog read 「This ends the case: 已撤销认定」, then the reason in Chinese.
 */
function usePreview(process: string, path: string): (data: unknown) => Promise<Outcome> {
  const text = useDefinitionText()(process);
  return async (data) => {
    const outcome = await api<Outcome>('POST', path, { data });
    return {
      ...outcome,
      ...(outcome.statusTitle !== undefined && { statusTitle: text(outcome.statusTitle) }),
      ...(outcome.reason !== undefined && { reason: text(outcome.reason) }),
    };
  };
}

/** Whether the user has a role of one of the groups, in the scope the manifest gives it on this case. */
function mayAct(roles: readonly string[], groups: readonly string[], view: CaseView, manifest: Manifest): boolean {
  return groups.some((group) => {
    const scope = manifest.groups[group]?.scope;
    // A group scoped by the subject or the region acts on this case's own (the view keeps them under those names).
    const wanted =
      scope !== undefined && (scope === manifest.subject.name || scope === manifest.region.name)
        ? String(view[scope])
        : undefined;
    return roles.some((role) => {
      const [name, value] = role.split(':');
      return name === group && (wanted === undefined || value === wanted);
    });
  });
}

function MessageForm({ name, bundle, onDone }: { name: string; bundle: CaseBundle; onDone: () => void }) {
  const { t } = useI18n();
  const { view } = bundle;
  const form = useAsync(() => loadForm(view.process, view.version, messageFormKey(name)), `${view.version}/${name}`);
  const schema = useDefinitionSchema(view.process, form.data);
  const message = `/api/cases/${encodeURIComponent(view.id)}/messages/${encodeURIComponent(name)}`;
  const { busy, errors, failure, submit, fail } = useSubmit((data) => api('POST', message, { data }), onDone);
  const start = useFormStart(`message.${view.id}.${name}`, undefined);
  // A message may be sent again (a second major event): once sent, its form starts empty — it kept
  // what was sent, and a second press of 提交 sent the same report twice.
  const [sentCount, setSentCount] = useState(0);
  const preview = usePreview(view.process, `${message}/preview`);
  if (schema === undefined) return <Failure text={form.error?.message} />;
  return (
    <>
      <Failure text={failure} />
      <UnsentNotice
        restored={start.restored}
        onDiscard={() => {
          start.discard();
        }}
      />
      <SchemaForm
        key={sentCount}
        schema={schema}
        {...(start.data !== undefined && sentCount === 0 && { formData: start.data })}
        onEdit={start.save}
        onSubmit={async (data) => {
          await submit(data);
          start.sent();
          setSentCount((count) => count + 1);
        }}
        {...(errors !== undefined && { extraErrors: errors })}
        busy={busy}
        showExample
        today={bundle.today}
        idPrefix={`message-${name}`}
        // A message may end the case (a withdrawal, Art. 3): asked first, naming how it ends. Any other
        // (a major event, a proposal to revoke, Art. 27) cannot be taken back either: asked by its title.
        confirmSending
        sendingConsequence={t('messageFinal')}
        outcomeOf={preview}
        onPreviewFailed={fail}
      />
    </>
  );
}

/**
 * What the user may do on this case now: its open tasks for the user's groups, each as its form,
 * and the messages the user may send (a major event, a withdrawal…) behind a fold.
 */
export function TaskForms({ bundle, onDone }: { bundle: CaseBundle; onDone: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { view, version } = bundle;
  const messages = view.openMessages.filter(
    (message) => !message.groups.includes('public') && mayAct(me?.roles ?? [], message.groups, view, version.manifest),
  );
  if (bundle.tasks.length === 0 && messages.length === 0)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('noTasksHere')}</Typography.Text>
        <OthersTasks bundle={bundle} />
      </Space>
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {bundle.tasks.map((task) => (
        <TaskForm key={task.ref} task={task} bundle={bundle} onDone={onDone} />
      ))}
      {bundle.tasks.length === 0 && <Typography.Text type="secondary">{t('noTasksHere')}</Typography.Text>}
      <OthersTasks bundle={bundle} />
      {messages.length > 0 && (
        <MessageFolds
          names={messages.map((message) => message.name)}
          bundle={bundle}
          onDone={onDone}
          version={version}
        />
      )}
    </Space>
  );
}

function MessageFolds(props: { names: string[]; bundle: CaseBundle; onDone: () => void; version: VersionInfo }) {
  const { t } = useI18n();
  return (
    <Card title={<h3 style={{ fontSize: 16, margin: 0 }}>{t('otherActions')}</h3>} size="small">
      <Collapse
        items={props.names.map((name) => ({
          key: name,
          label: props.bundle.messageTitles.get(name) ?? name,
          children: <MessageForm name={name} bundle={props.bundle} onDone={props.onDone} />,
        }))}
      />
    </Card>
  );
}
