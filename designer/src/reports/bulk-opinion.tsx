import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, List, Modal, Space, Spin, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { CaseView } from '../../../engine/cases/case-view.js';
import type { FormSchema } from '../../../engine/definitions/types.js';
import { SchemaForm } from '../forms/index.js';
import { loadForm } from '../workbench/catalog.js';
import type { Language } from '../i18n/messages.js';
import type { TaskRow } from '../workbench/inbox-data.js';
import { SubmissionDocument } from '../workbench/submission-document.js';
import { useAsync } from '../workbench/use-async.js';
import { useFocusReturn } from '../focus-return.js';
import { useReportI18n } from './report-i18n.js';

/**
 * Tasks one opinion may answer on several cases at once. A ministry's opinion (Art. 17, 21, 28) is
 * advice to SAMR, not a decision on the case; decisions (approve, return, reject) are never bulked.
 */
const BULK_TASKS = new Set(['departmentOpinion']);

interface Outcome {
  ref: string;
  state: 'pending' | 'done' | 'failed';
  message?: string;
}

/**
 * A case as the dialog lists it, with the step its opinion is for: one ministry may be asked about one
 * park's creation (Art. 17) and another's acceptance (Art. 21) at once, and the same opinion is sent
 * to every case chosen.
 */
const caseLabel = (task: TaskRow) =>
  `${task.parkName ?? task.park} · ${task.taskName} · ${task.provinceName} · ${task.id}`;

/** The form of the selected tasks (they share task and version, so one form), read via a case. */
async function loadTaskForm(task: TaskRow, language: Language): Promise<FormSchema> {
  const view = await api<CaseView>('GET', `/api/cases/${encodeURIComponent(task.id)}`);
  const open = view.openTasks.find((each) => each.ref === task.ref);
  return loadForm(view.process, view.version, open?.formKey ?? '', language);
}

function Outcomes({ tasks, outcomes }: { tasks: readonly TaskRow[]; outcomes: readonly Outcome[] }) {
  const { r, t } = useReportI18n();
  return (
    <List
      size="small"
      dataSource={tasks}
      renderItem={(task) => {
        const outcome = outcomes.find((each) => each.ref === task.ref);
        const icon =
          outcome?.state === 'done' ? (
            <CheckCircleFilled style={{ color: '#389e0d' }} />
          ) : outcome?.state === 'failed' ? (
            <CloseCircleFilled style={{ color: '#b7202e' }} />
          ) : (
            <LoadingOutlined />
          );
        const state =
          outcome?.state === 'done' ? r('bulkDone') : outcome?.state === 'failed' ? r('bulkFailed') : r('bulkPending');
        return (
          <List.Item data-outcome={outcome?.state ?? 'pending'}>
            <Space>
              {icon}
              <span>{caseLabel(task)}</span>
              <Typography.Text type={outcome?.state === 'failed' ? 'danger' : 'secondary'}>
                {state}
                {outcome?.message === undefined ? '' : `${t('colon')}${outcome.message}`}
              </Typography.Text>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

/** What a step's content gives the focus: its first control, or (confirm, result) its text, which takes it from a script. */
const STEP_START = 'input:not([disabled]), textarea:not([disabled]), button:not([disabled]), [data-step-start]';

function Dialog({ tasks, today, onClose }: { tasks: readonly TaskRow[]; today?: string; onClose: () => void }) {
  const { r, t, language } = useReportI18n();
  const [step, setStep] = useState(0);
  // Each step replaces the last one's content and the button pressed to get there (下一步, 逐件提交):
  // the focus fell to the page, and a keyboard user started again from the top of the page behind the
  // dialog. The new step's start takes it, once drawn (the opinion form's renderer loads first).
  const body = useRef<HTMLDivElement>(null);
  const opening = useRef(true);
  useEffect(() => {
    const container = body.current;
    // On opening, the dialog's own focus stays (on its close button).
    if (opening.current || container === null) {
      opening.current = false;
      return;
    }
    const place = (): boolean => {
      const start = container.querySelector<HTMLElement>(STEP_START);
      start?.focus();
      return start !== null;
    };
    if (place()) return;
    const watch = new MutationObserver(() => {
      if (place()) stop();
    });
    const timer = setTimeout(() => {
      stop();
    }, 10_000);
    const stop = () => {
      watch.disconnect();
      clearTimeout(timer);
    };
    watch.observe(container, { childList: true, subtree: true });
    return stop;
  }, [step]);
  const [chosen, setChosen] = useState<string[]>(tasks.map((task) => task.ref));
  const [data, setData] = useState<unknown>(undefined);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const selected = tasks.filter((task) => chosen.includes(task.ref));
  const first = selected[0] ?? tasks[0];
  const form = useAsync(
    () => (first === undefined ? Promise.reject(new Error('')) : loadTaskForm(first, language)),
    `${first?.ref ?? ''}/${language}`,
  );

  // Each case separately through the normal route, one after another; a failure is noted and the
  // next case goes on.
  const submitAll = async () => {
    setStep(3);
    setOutcomes(selected.map((task) => ({ ref: task.ref, state: 'pending' })));
    for (const task of selected) {
      const outcome: Outcome = await api('POST', `/api/tasks/${encodeURIComponent(task.ref)}/complete`, { data }).then(
        () => ({ ref: task.ref, state: 'done' }),
        (error: unknown) => ({
          ref: task.ref,
          state: 'failed',
          // Done meanwhile (another window, a colleague): said as the case page says it, not by its ref.
          message: !(error instanceof ApiError)
            ? String(error)
            : error.code === 'not-open'
              ? t('taskDoneElsewhere')
              : error.message,
        }),
      );
      setOutcomes((before) => before.map((each) => (each.ref === task.ref ? outcome : each)));
    }
  };

  const footer = [
    ...(step === 1 || step === 2
      ? [
          <Button
            key="back"
            onClick={() => {
              setStep(step - 1);
            }}
          >
            {r('bulkBack')}
          </Button>,
        ]
      : []),
    ...(step === 0
      ? [
          <Button
            key="next"
            type="primary"
            disabled={selected.length === 0}
            onClick={() => {
              setStep(1);
            }}
          >
            {r('bulkNext')}
          </Button>,
        ]
      : []),
    ...(step === 2
      ? [
          <Button key="submit" type="primary" onClick={() => void submitAll()}>
            {r('bulkSubmitAll', { count: selected.length })}
          </Button>,
        ]
      : []),
    ...(step === 3
      ? [
          <Button key="close" disabled={outcomes.some((each) => each.state === 'pending')} onClick={onClose}>
            {r('bulkClose')}
          </Button>,
        ]
      : []),
  ];
  return (
    <Modal
      open
      title={r('bulkOpinion')}
      width={760}
      onCancel={onClose}
      closable={!outcomes.some((each) => each.state === 'pending')}
      footer={footer}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: r('bulkSelect') },
          { title: r('bulkFill') },
          { title: r('bulkConfirm') },
          { title: r('bulkResult') },
        ]}
      />
      <div ref={body}>
        {step === 0 && (
          <>
            <Typography.Paragraph type="secondary">{r('bulkHint')}</Typography.Paragraph>
            <Checkbox.Group
              value={chosen}
              onChange={(values) => {
                setChosen(values);
              }}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              options={tasks.map((task) => ({ value: task.ref, label: caseLabel(task) }))}
            />
          </>
        )}
        {step === 1 &&
          (form.data === undefined ? (
            form.error === undefined ? (
              <Spin />
            ) : (
              <Alert type="error" showIcon title={form.error.message} />
            )
          ) : (
            <SchemaForm
              schema={form.data}
              formData={data}
              onSubmit={(value) => {
                setData(value);
                setStep(2);
              }}
              idPrefix="bulk"
              {...(today !== undefined && { today })}
              submitLabel={r('bulkNext')}
              confirmDecision={false}
            />
          ))}
        {step === 2 && (
          <>
            <Typography.Paragraph strong data-step-start tabIndex={-1}>
              {r('bulkConfirmText', { count: selected.length })}
            </Typography.Paragraph>
            <ol data-confirm-list>
              {selected.map((task) => (
                <li key={task.ref}>{caseLabel(task)}</li>
              ))}
            </ol>
            {/* What each case is sent, read back as its case page will show it. */}
            {form.data !== undefined && data !== undefined && <SubmissionDocument schema={form.data} data={data} />}
          </>
        )}
        {step === 3 && (
          // Said as each case's result comes in.
          <div data-step-start tabIndex={-1} role="group" aria-label={r('bulkResult')} aria-live="polite">
            <Outcomes tasks={selected} outcomes={outcomes} />
          </div>
        )}
      </div>
    </Modal>
  );
}

/**
 * "Opinion on several cases": for a ministry with two or more open opinion tasks (of one version),
 * choose cases, fill the form once, confirm the list, and each case is completed on its own with its
 * own result. Placed in the inbox beside the task list.
 */
export function BulkOpinion({
  tasks,
  today,
  onDone,
}: {
  tasks: readonly TaskRow[];
  /** Today as the server has it (date pickers open on it). */
  today?: string;
  onDone: () => void;
}) {
  const { r } = useReportI18n();
  const [open, setOpen] = useState(false);
  const opener = useFocusReturn();
  // One form for all: the tasks of the first one's kind and version.
  const kind = (task: TaskRow) => `${task.taskId}@${task.version}`;
  const bulkable = tasks.filter((task) => BULK_TASKS.has(task.taskId));
  const eligible = bulkable.filter((task) => bulkable[0] !== undefined && kind(task) === kind(bulkable[0]));
  if (eligible.length < 2) return null;
  return (
    <>
      <Button
        icon={<TeamOutlined />}
        onClick={() => {
          opener.remember();
          setOpen(true);
        }}
      >
        {r('bulkOpinion')}
      </Button>
      {open && (
        <Dialog
          tasks={eligible}
          {...(today !== undefined && { today })}
          onClose={() => {
            setOpen(false);
            opener.restore();
            onDone();
          }}
        />
      )}
    </>
  );
}
