import { Button, Checkbox, Drawer, Empty, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { FormSchema } from '../../../engine/definitions/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import type { MessageKey } from '../i18n/messages.js';
import type { CaseBundle } from './case-data.js';
import { loadForm, messageFormKey, provinceName } from './catalog.js';
import { chinaTime } from './format.js';
import { fill } from '../i18n/fill.js';
import { damagedFileOf } from './damage-words.js';
import { documentIndicators, OutcomeLines, useActorName } from './review-parts.js';
import { SubmissionDocument } from './submission-document.js';
import {
  loadSubmissionForm,
  messageNumber,
  outcomeOf,
  type NamedAuditEntry,
  type NamedSubmission,
  type Outcome,
} from './submissions.js';
import { useAsync } from './use-async.js';

type Details = Record<string, unknown>;
const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

/** What the timeline can open: a submitted form, shown read-only. */
interface Opened {
  title: string;
  process: string;
  version: string;
  formKey: string;
  data: unknown;
}

const TONE: Record<string, string> = {
  'case.started': 'blue',
  'task.completed': 'green',
  'message.received': 'purple',
  'timer.fired': 'orange',
  'status.changed': 'blue',
  'case.ended': 'gray',
  'case.migrated': 'cyan',
  'incident.raised': 'red',
  'incident.resolved': 'green',
  'due.rederived': 'orange',
  'task.opened': 'gray',
};

const EVENT_KEYS: Record<string, MessageKey> = {
  'case.started': 'eventCaseStarted',
  'task.opened': 'eventTaskOpened',
  'task.completed': 'eventTaskCompleted',
  'message.received': 'eventMessageReceived',
  'timer.fired': 'eventTimerFired',
  'status.changed': 'eventStatusChanged',
  'case.ended': 'eventCaseEnded',
  'case.migrated': 'eventMigrated',
  'incident.raised': 'eventIncident',
  'incident.resolved': 'eventIncidentResolved',
  'due.rederived': 'eventDueRederived',
};

/**
 * The schemas of the case's task submissions by seq, to read each review's decision by its title;
 * undefined while they load (a decision is never shown by its code, `reject`, in the meantime).
 */
function useTaskForms(bundle: CaseBundle): ReadonlyMap<number, FormSchema | undefined> | undefined {
  const tasks = bundle.submissions.filter((submission) => submission.kind === 'task');
  const forms = useAsync(
    () =>
      Promise.all(
        tasks.map(async (submission) => [submission.seq, await loadSubmissionForm(bundle, submission)] as const),
      ),
    // Keyed by the submissions, not only the case's time: on a simulated clock that stays put, a new
    // review would otherwise be shown by its decision's code until the page was reloaded.
    `${bundle.view.id}/${bundle.view.updatedAt}/${tasks.map((submission) => submission.seq).join(',')}/${bundle.language ?? ''}`,
  );
  return forms.data === undefined ? undefined : new Map(forms.data);
}

/**
 * The case's history from its audit trail, in Chinese, each entry with its time (China time) and who
 * acted, by organisation; completed reviews with their decision and comment; completed tasks and
 * received messages open what was sent, as a document.
 */
export function CaseTimeline({ bundle }: { bundle: CaseBundle }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState<Opened | undefined>();
  const [showOpened, setShowOpened] = useState(false);
  const forms = useTaskForms(bundle);
  const actorName = useActorName(bundle);
  // The reason an end records is the diagram's words (…本次申报办理终结): the trail keeps them as written.
  const definitionText = useDefinitionText();
  const { manifest, rules } = bundle.version;
  const statusTitle = (status: unknown) =>
    status === '' || status === undefined ? t('none') : (manifest.statuses[text(status)]?.title ?? text(status));
  const elementName = (details: Details) =>
    bundle.elements.get(text(details.element))?.name ?? text(details.taskId ?? details.element);
  const messageSeen = new Map<string, number>();
  // A task for one member of a group (a ministry's opinion) is named with the member.
  const member = (scope: unknown) =>
    Object.values(manifest.groups)
      .map((group) => group.members?.[text(scope)])
      .find((name) => name !== undefined);
  const withMember = (name: string, scope: unknown) => {
    const title = member(scope);
    return title === undefined ? name : `${name} · ${title}`;
  };

  const numberOf = (message: string, seq: number) => messageNumber(bundle.submissions, message, seq);

  const describe = (entry: NamedAuditEntry): { label: string; open?: Opened; outcome?: Outcome } => {
    const details = entry.details as Details;
    const template = t(EVENT_KEYS[entry.type] ?? 'eventOther');
    const [process = '', version = ''] = entry.version.split('@');
    switch (entry.type) {
      case 'case.started': {
        // Its details name the subject and region as the programme declares them (park, county; province, city).
        const { subject, region } = bundle.version.manifest;
        return {
          label: fill(template, {
            subjectTitle: subject.title,
            park: text(details[subject.name]),
            regionTitle: region.title,
            province: provinceName(text(details[region.name]), bundle.regions),
          }),
        };
      }
      case 'task.opened':
        return { label: fill(template, { task: withMember(elementName(details), details.scope) }) };
      case 'task.completed': {
        const submission = bundle.submissions.find((item) => item.kind === 'task' && item.ref === details.ref);
        const formKey = bundle.elements.get(text(details.element))?.formKey;
        // A review a message opened names the one it decided (复核异议 · 公示异议书 第 2 件): with two
        // objections on a case, two 办结任务：复核异议 did not say which was upheld.
        const origin = submission?.origin;
        const answered =
          origin === undefined
            ? ''
            : ` · ${fill(t('originNumber'), {
                title: bundle.messageTitles.get(origin.message) ?? origin.message,
                number: numberOf(origin.message, origin.submission),
              })}`;
        const label = `${fill(template, { task: withMember(elementName(details), details.scope) })}${answered}`;
        const outcome =
          submission === undefined || forms === undefined
            ? undefined
            : outcomeOf(forms.get(submission.seq), submission.data);
        const shown = { label, ...(outcome !== undefined && { outcome }) };
        return submission === undefined || formKey === undefined
          ? shown
          : { ...shown, open: { title: label, process, version, formKey, data: submission.data } };
      }
      case 'message.received': {
        const name = text(details.message);
        const nth = messageSeen.get(name) ?? 0;
        messageSeen.set(name, nth + 1);
        const submission = bundle.submissions.filter(
          (item: NamedSubmission) => item.kind === 'message' && item.name === name,
        )[nth];
        const title = bundle.messageTitles.get(name) ?? name;
        // Numbered when the case had several (公示异议书 第 2 件), as the reviews that answer them are.
        const several = bundle.submissions.filter((item) => item.kind === 'message' && item.name === name).length > 1;
        const label = fill(template, {
          message:
            several && submission !== undefined
              ? fill(t('originNumber'), { title, number: numberOf(name, submission.seq) })
              : title,
        });
        return submission === undefined
          ? { label }
          : { label, open: { title: label, process, version, formKey: messageFormKey(name), data: submission.data } };
      }
      case 'timer.fired':
        return {
          label: fill(template, {
            date:
              details.due === undefined
                ? elementName(details)
                : (manifest.dates[text(details.due)]?.title ?? text(details.due)),
            rule: details.rule === undefined ? '' : (rules[text(details.rule)]?.title ?? text(details.rule)),
          }),
        };
      case 'status.changed':
        return { label: fill(template, { from: statusTitle(details.from), to: statusTitle(details.to) }) };
      case 'case.ended':
        return {
          label: fill(template, {
            status: statusTitle(details.status),
            reason: definitionText(process)(text(details.reason)),
          }),
        };
      case 'case.migrated':
        return { label: fill(template, { from: text(details.from), to: text(details.to) }) };
      case 'incident.raised':
        return { label: fill(template, { message: text(details.message) }) };
      case 'incident.resolved':
        // A case set aside for a damaged file, back once the file was restored (重试): which file.
        if (details.kind === 'damaged')
          return {
            label: fill(t('eventDamageResolved'), {
              file: damagedFileOf(text(details.message)) ?? text(details.message),
            }),
          };
        // Resolved by a calendar year entered: which date it gave, and from which notice.
        return details.notice === undefined
          ? { label: fill(template, { element: elementName(details) }) }
          : {
              label: fill(t('eventIncidentResolvedByCalendar'), {
                date:
                  details.due === undefined
                    ? elementName(details)
                    : (manifest.dates[text(details.due)]?.title ?? text(details.due)),
                to: text(details.to ?? details.lastDay),
                notice: text(details.notice),
              }),
            };
      case 'due.rederived':
        return {
          label: fill(template, {
            date:
              details.due === undefined
                ? elementName(details)
                : (manifest.dates[text(details.due)]?.title ?? text(details.due)),
            from: text(details.from),
            to: text(details.to),
            notice: text(details.notice),
            revision: text(details.revision),
          }),
        };
      default:
        return { label: `${template}${t('colon')}${entry.type}` };
    }
  };

  if (bundle.audit.length === 0) return <Empty description={t('noHistory')} />;
  // Each entry is described in order: messages are matched to their submissions by count.
  const described = bundle.audit.map((entry) => ({ entry, ...describe(entry) }));
  const shown = described.filter(({ entry }) => showOpened || entry.type !== 'task.opened');
  // A task opened is the consequence of someone else's step: the line names who holds it, not who
  // acted (「国家知识产权局 · 任务开启：审核验收申请材料」 read as if the ministry had opened SAMR's task).
  const holders = (entry: NamedAuditEntry) => {
    const groups = bundle.elements.get(text((entry.details as Details).element))?.groups ?? [];
    return fill(t('eventTaskHolder'), {
      group: groups.map((group) => manifest.groups[group]?.title ?? group).join(t('listSeparator')),
    });
  };
  const items = shown.map(({ entry, label, open, outcome }) => {
    return {
      key: entry.seq,
      color: TONE[entry.type] ?? 'gray',
      content: (
        <div>
          <Typography.Text type="secondary">
            {chinaTime(entry.at)} ·{' '}
            <span data-actor>{entry.type === 'task.opened' ? holders(entry) : actorName(entry)}</span>
          </Typography.Text>
          <div>
            {label}
            {open !== undefined && (
              <Button
                type="link"
                size="small"
                // Named with its entry: four ministries' opinions were four buttons of one name.
                aria-label={`${t('viewSubmission')}${t('colon')}${label} · ${actorName(entry)} · ${chinaTime(entry.at)}`}
                onClick={() => {
                  setOpened(open);
                }}
              >
                {t('viewSubmission')}
              </Button>
            )}
          </div>
          {outcome !== undefined && <OutcomeLines outcome={outcome} />}
        </div>
      ),
    };
  });
  return (
    <>
      {/* A check box with its words as its label: the whole label takes the tap (a small switch was 16 px tall). */}
      <Checkbox
        checked={showOpened}
        onChange={(event) => {
          setShowOpened(event.target.checked);
        }}
        style={{ marginBottom: 16 }}
      >
        {t('showOpened')}
      </Checkbox>
      <Timeline items={items.reverse()} />
      <Drawer
        open={opened !== undefined}
        title={opened?.title}
        size="large"
        onClose={() => {
          setOpened(undefined);
        }}
        destroyOnHidden
      >
        {opened !== undefined && <SubmittedForm opened={opened} bundle={bundle} />}
      </Drawer>
    </>
  );
}

function SubmittedForm({ opened, bundle }: { opened: Opened; bundle: CaseBundle }) {
  const { process, version, formKey } = opened;
  const form = useAsync(
    () => loadForm(process, version, formKey, bundle.language),
    `${process}@${version}/${formKey}/${bundle.language ?? ''}`,
  );
  if (form.error !== undefined) return <Typography.Text type="danger">{form.error.message}</Typography.Text>;
  if (form.data === undefined) return <Spin />;
  return <SubmissionDocument schema={form.data} data={opened.data} indicators={documentIndicators(bundle)} />;
}
