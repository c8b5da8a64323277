import { Alert, App, Card, Collapse, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
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
import { reviewsApplication, taskName } from './submissions.js';
import { TaskDue } from './task-due.js';
import { originOf } from './inbox-data.js';
import { useOriginLabel } from './task-origin.js';
import { useAsync } from './use-async.js';
import { useUnsentWork } from './unsent-work.js';
import { UnsentNotice } from './unsent-notice.js';

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
}

/** Posts a form and keeps what the server said: field errors at their fields, anything else above. */
function useSubmit(post: (data: unknown) => Promise<unknown>, onDone: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [state, setState] = useState<SubmitState>({ busy: false });
  const fail = (caught: unknown) => {
    // Field errors stand at their fields (and in the form's list); the summary would repeat them.
    if (caught instanceof ApiError && caught.errors.length > 0) setState({ busy: false, errors: caught.errors });
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

function Failure({ text }: { text: string | undefined }) {
  return text === undefined ? null : (
    <Alert type="error" showIcon title={text} role="alert" style={{ marginBottom: 16 }} />
  );
}

function groupTitle(manifest: Manifest, task: TaskView): string {
  const group = manifest.groups[task.group];
  const member = task.scope === undefined ? undefined : group?.members?.[task.scope];
  return [group?.title ?? task.group, member].filter((part) => part !== undefined).join(' · ');
}

/** Says that unsent work was restored, when, and offers to start afresh. */
/**
 * A form's starting data — what this user left unsent here if anything, else `given` — kept while
 * they type, and forgotten once sent or discarded.
 */
function useFormStart(form: string, given: unknown) {
  const { me } = useSession();
  const unsent = useUnsentWork(me?.username, form);
  const [start, setStart] = useState<{ data: unknown; restoredAt?: string }>(() =>
    unsent.restored === undefined
      ? { data: given }
      : { data: unsent.restored.data, restoredAt: unsent.restored.savedAt },
  );
  return {
    data: start.data,
    restoredAt: start.restoredAt,
    save: unsent.save,
    sent: unsent.clear,
    discard: () => {
      unsent.clear();
      setStart({ data: given });
    },
  };
}

function TaskForm({ task, bundle, onDone }: { task: TaskView; bundle: CaseBundle; onDone: () => void }) {
  const { t } = useI18n();
  const { view, version } = bundle;
  const form = useAsync(() => loadForm(view.process, view.version, task.formKey), `${view.version}/${task.formKey}`);
  const { busy, errors, failure, submit, fail } = useSubmit(
    (data) => api('POST', `/api/tasks/${encodeURIComponent(task.ref)}/complete`, { data }),
    onDone,
  );
  const schema = form.data;
  const indicators = schema === undefined ? undefined : indicatorChoices(schema, bundle);
  // A returned task starts from what was sent last time (Art. 17: 退回修改 means change, not redo).
  const returned = returnOf(bundle, task);
  const start = useFormStart(`task.${task.ref}`, returned?.previous.data);
  // One review per objection: which one this is (the same words as the inbox).
  const originLabel = useOriginLabel();
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
        </h3>
      }
      extra={
        <Space wrap>
          <TaskDue task={task} bundle={bundle} />
          <Tag color="volcano">{groupTitle(version.manifest, task)}</Tag>
        </Space>
      }
      data-task={task.taskId}
    >
      <Failure text={form.error?.message ?? failure} />
      <ReturnBanner review={returned?.review} bundle={bundle} />
      <UnsentNotice savedAt={start.restoredAt} onDiscard={start.discard} />
      {schema === undefined ? (
        <Spin />
      ) : (
        <BesideReview task={task} bundle={bundle} schema={schema}>
          <SchemaForm
            schema={schema}
            {...(start.data !== undefined && { formData: start.data })}
            onEdit={start.save}
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
            confirmSending={reviewsApplication(task.taskId, schema)}
            outcomeOf={(data) => api<Outcome>('POST', `/api/tasks/${encodeURIComponent(task.ref)}/preview`, { data })}
            onPreviewFailed={fail}
          />
        </BesideReview>
      )}
      <Typography.Text type="secondary">{t('serverChecks')}</Typography.Text>
    </Card>
  );
}

/** Whether the user has a role of one of the groups, in the scope the manifest gives it on this case. */
function mayAct(roles: readonly string[], groups: readonly string[], view: CaseView, manifest: Manifest): boolean {
  return groups.some((group) => {
    const scope = manifest.groups[group]?.scope;
    const wanted = scope === 'park' ? view.park : scope === 'province' ? view.province : undefined;
    return roles.some((role) => {
      const [name, value] = role.split(':');
      return name === group && (wanted === undefined || value === wanted);
    });
  });
}

function MessageForm({ name, bundle, onDone }: { name: string; bundle: CaseBundle; onDone: () => void }) {
  const { view } = bundle;
  const form = useAsync(() => loadForm(view.process, view.version, messageFormKey(name)), `${view.version}/${name}`);
  const message = `/api/cases/${encodeURIComponent(view.id)}/messages/${encodeURIComponent(name)}`;
  const { busy, errors, failure, submit, fail } = useSubmit((data) => api('POST', message, { data }), onDone);
  const start = useFormStart(`message.${view.id}.${name}`, undefined);
  if (form.data === undefined) return <Failure text={form.error?.message} />;
  return (
    <>
      <Failure text={failure} />
      <UnsentNotice savedAt={start.restoredAt} onDiscard={start.discard} />
      <SchemaForm
        schema={form.data}
        {...(start.data !== undefined && { formData: start.data })}
        onEdit={start.save}
        onSubmit={async (data) => {
          await submit(data);
          start.sent();
        }}
        {...(errors !== undefined && { extraErrors: errors })}
        busy={busy}
        showExample
        today={bundle.today}
        idPrefix={`message-${name}`}
        // A message may end the case (a withdrawal, Art. 3): asked first, as a task's submission is.
        outcomeOf={(data) => api<Outcome>('POST', `${message}/preview`, { data })}
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
    return <Typography.Text type="secondary">{t('noTasksHere')}</Typography.Text>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {bundle.tasks.map((task) => (
        <TaskForm key={task.ref} task={task} bundle={bundle} onDone={onDone} />
      ))}
      {bundle.tasks.length === 0 && <Typography.Text type="secondary">{t('noTasksHere')}</Typography.Text>}
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
