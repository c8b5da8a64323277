import type { AuditEntry } from '../../../engine/audit/audit-chain.js';
import type { Submission } from '../../../engine/cases/case-record.js';
import type { FormSchema } from '../../../engine/definitions/types.js';
import { decimalSum } from '../../../engine/feel/decimal-sum.js';
import type { ActorNaming } from '../../../server/actor-names.js';
import type { CaseBundle } from './case-data.js';
import { loadForm, messageFormKey } from './catalog.js';
import { isLongText } from '../forms/ui-schema.js';

/**
 * The server names who acted by organisation (江苏省市场监督管理局), never a login name; in Chinese,
 * with the parts a page in another language names them from (server/actor-names.ts).
 */
export type NamedSubmission = Submission & Partial<ActorNaming>;
export type NamedAuditEntry = AuditEntry & Partial<ActorNaming>;

/** What a review decided and why: the decision's Chinese title (退回修改) and the full comment. */
export interface Outcome {
  decision: string;
  title: string;
  comment?: string;
}

/** Review forms decide in `decision` (ministries give an `opinion`), and explain in `comments`. */
const DECISION_FIELDS = ['decision', 'opinion'] as const;

const record = (data: unknown): Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};

/** The title a schema gives a value (`oneOf: [{ const, title }]`), or the value itself. */
export function choiceTitle(field: FormSchema | undefined, value: unknown): string | undefined {
  const options = Array.isArray(field?.oneOf) ? (field.oneOf as { const?: unknown; title?: unknown }[]) : [];
  const title = options.find((option) => option.const === value)?.title;
  return typeof title === 'string' ? title : undefined;
}

/** The decision and comment of a review's data, when its form has a decision. */
export function outcomeOf(schema: FormSchema | undefined, data: unknown): Outcome | undefined {
  const values = record(data);
  for (const field of DECISION_FIELDS) {
    const decision = values[field];
    if (typeof decision !== 'string') continue;
    const comment = values.comments;
    return {
      decision,
      title: choiceTitle(schema?.properties?.[field], decision) ?? decision,
      ...(typeof comment === 'string' && comment !== '' && { comment }),
    };
  }
  return undefined;
}

/**
 * What else a review wrote to the one it returns to, beyond its comment: the long texts its form does
 * not always ask for (SAMR's 改进意见, due with a return, Art. 21), by their titles, as written.
 */
export function returnNotes(schema: FormSchema | undefined, data: unknown): { title: string; text: string }[] {
  const values = record(data);
  const always = new Set(Array.isArray(schema?.required) ? (schema.required as unknown[]) : []);
  return Object.entries(schema?.properties ?? {}).flatMap(([name, field]) => {
    const text = values[name];
    const skipped = name === 'comments' || always.has(name) || (DECISION_FIELDS as readonly string[]).includes(name);
    if (skipped || !isLongText(field) || typeof text !== 'string' || text.trim() === '') return [];
    return [{ title: typeof field.title === 'string' ? field.title : name, text }];
  });
}

/**
 * What else a decision that ended a case stated, by title, in its form's order: its other choices by
 * their titles and its texts as written (SAMR's revocation: 撤销事由, 核查情况, 决定文号, Art. 27) —
 * not the decision and comment said before them, nor dates, files or nested parts.
 */
export function decisionDetails(schema: FormSchema | undefined, data: unknown): { title: string; text: string }[] {
  const values = record(data);
  return Object.entries(schema?.properties ?? {}).flatMap(([name, field]) => {
    const value = values[name];
    const skipped = name === 'comments' || (DECISION_FIELDS as readonly string[]).includes(name);
    if (skipped || field.type !== 'string' || field.format !== undefined) return [];
    if (typeof value !== 'string' || value.trim() === '') return [];
    return [{ title: typeof field.title === 'string' ? field.title : name, text: choiceTitle(field, value) ?? value }];
  });
}

/** What a scoring (an expert evaluation, a self-assessment) came to: its total and its vetoes. */
export interface ScoreSummary {
  total: number;
  vetoes: number;
}

/** The total of a submission's `x-indicators: scores` field and how many vetoes it names, if it has one. */
export function scoreSummaryOf(schema: FormSchema | undefined, data: unknown): ScoreSummary | undefined {
  const fields = Object.entries(schema?.properties ?? {});
  const field = (kind: string) => fields.find(([, declared]) => declared['x-indicators'] === kind)?.[0];
  const scoresField = field('scores');
  if (scoresField === undefined) return undefined;
  const values = record(data);
  // As the diagram's condition adds them (scores in tenths totalling 80 read 79.99999999999999 / 80).
  const total = decimalSum(
    Object.values(record(values[scoresField])).filter((score): score is number => typeof score === 'number'),
  );
  const vetoesField = field('vetoes');
  const vetoes = vetoesField === undefined ? undefined : values[vetoesField];
  return { total, vetoes: Array.isArray(vetoes) ? vetoes.length : 0 };
}

/** Whether a form decides (a review) rather than applies. */
function isReviewForm(schema: FormSchema): boolean {
  return DECISION_FIELDS.some((field) => schema.properties?.[field] !== undefined) || schema['x-review'] === true;
}

/** The applicant's own tasks are named `submit…`, as CONTRACT §2's are. */
const isApplicantTask = (taskId: string): boolean => taskId.startsWith('submit');

/**
 * Whether a task reviews the application: its form decides, or it scores the indicator system on a
 * task not the applicant's own — the experts' evaluation (Art. 21), read beside the park's self-assessment.
 */
export function reviewsApplication(taskId: string, schema: FormSchema): boolean {
  const scores = Object.values(schema.properties ?? {}).some((field) => field['x-indicators'] !== undefined);
  return isReviewForm(schema) || (scores && !isApplicantTask(taskId));
}

/** A task's name in the diagram (its element, or the first `<taskId>_<suffix>` element). */
export function taskName(bundle: CaseBundle, taskId: string): string | undefined {
  for (const [id, element] of bundle.elements)
    if ((id === taskId || id.startsWith(`${taskId}_`)) && element.name !== undefined) return element.name;
  return undefined;
}

/**
 * What a submission is called as people read the case: a message by its form's title, a task by its
 * element's name in the diagram — the element of the very task sent (`ref`, from the audit), since a
 * step may be drawn more than once (相关部门意见（创建） and …（验收） are both `departmentOpinion`).
 */
export function submissionName(bundle: CaseBundle, submission: Pick<Submission, 'kind' | 'name' | 'ref'>): string {
  if (submission.kind === 'message') return bundle.messageTitles.get(submission.name) ?? submission.name;
  const completed =
    submission.ref === undefined
      ? undefined
      : bundle.audit.find((entry) => entry.type === 'task.completed' && entry.details.ref === submission.ref);
  const element = completed?.details.element;
  const drawn = typeof element === 'string' ? bundle.elements.get(element)?.name : undefined;
  return drawn ?? taskName(bundle, submission.name) ?? submission.name;
}

/** A message's number on the case: the n-th of its name received (公示异议书 第 n 件). */
export function messageNumber(submissions: readonly Submission[], message: string, seq: number): number {
  return submissions.filter((item) => item.kind === 'message' && item.name === message && item.seq <= seq).length;
}

/**
 * A submission's name where others of its kind stand beside it: a message numbered when the case had
 * several (公示异议书 第 2 件), a review a message opened followed by the one it answered (复核异议 ·
 * 公示异议书 第 2 件) — with two objections on a case, SAMR reviewing the second read the first's
 * review as 复核异议 [异议不成立], not said to be another's. `numbered` fills the catalogue's
 * originNumber.
 */
export function numberedName(
  bundle: CaseBundle,
  submission: Submission,
  numbered: (title: string, number: number) => string,
): string {
  const name = submissionName(bundle, submission);
  const { origin } = submission;
  if (origin !== undefined) {
    const answered = bundle.messageTitles.get(origin.message) ?? origin.message;
    return `${name} · ${numbered(answered, messageNumber(bundle.submissions, origin.message, origin.submission))}`;
  }
  if (submission.kind !== 'message') return name;
  const several = bundle.submissions.filter((item) => item.kind === 'message' && item.name === submission.name);
  return several.length > 1 ? numbered(name, messageNumber(bundle.submissions, submission.name, submission.seq)) : name;
}

/** The form a submission was made on: its task's element (`<taskId>` or `<taskId>_<suffix>`), or its message's form. */
export function formKeyOf(bundle: CaseBundle, submission: Pick<Submission, 'kind' | 'name'>): string | undefined {
  if (submission.kind === 'message') return messageFormKey(submission.name);
  if (submission.kind !== 'task') return undefined;
  for (const [id, element] of bundle.elements)
    if ((id === submission.name || id.startsWith(`${submission.name}_`)) && element.formKey !== undefined)
      return element.formKey;
  return undefined;
}

/** The schema a submission was made on (cached by the catalogue), in the bundle's language. */
export function loadSubmissionForm(
  bundle: CaseBundle,
  submission: Pick<Submission, 'kind' | 'name'>,
): Promise<FormSchema | undefined> {
  const formKey = formKeyOf(bundle, submission);
  return formKey === undefined
    ? Promise.resolve(undefined)
    : loadForm(bundle.view.process, bundle.view.version, formKey, bundle.language).catch(() => undefined);
}

/** What a park must see on a task it submitted before (engine/cases/returned-task.ts). */
export { returnedTask } from '../../../engine/cases/returned-task.js';

/**
 * What a review task reviews: the message it answers (an objection, Art. 22), else the applicant's
 * latest application (its `submit…` task, CONTRACT §2).
 */
export function underReview(
  submissions: readonly NamedSubmission[],
  origin: { submission: number } | undefined,
): NamedSubmission | undefined {
  if (origin !== undefined) return submissions[origin.submission - 1];
  for (let index = submissions.length - 1; index >= 0; index -= 1) {
    const submission = submissions[index];
    if (submission?.kind === 'task' && isApplicantTask(submission.name)) return submission;
  }
  return undefined;
}
