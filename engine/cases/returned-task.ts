import type { Submission } from './case-record.js';

const isRecord = (data: unknown): data is Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data);

type Submitted = Pick<Submission, 'seq' | 'kind' | 'name' | 'data' | 'scope'>;

/** A task's submission deciding `return` (CONTRACT §2): it sends the case back to the task reviewed. */
export const decidesReturn = (submission: Pick<Submission, 'kind' | 'data'>): boolean =>
  submission.kind === 'task' && isRecord(submission.data) && submission.data.decision === 'return';

/**
 * A task submitted before and since sent back: its latest submission (of the same scope: a
 * department's own opinion, not another's), and the review that returned it (CONTRACT §2: `return`
 * sends the case back to the task that submitted what was reviewed). That is a later task submission
 * deciding `return` after which nothing else was submitted: the returned task is the next to act. A
 * step met again further on (the departments' opinions after SAMR sent the application back to the
 * park, who, the province and the group then submitted again) was not returned. Undefined when the
 * task was never submitted.
 */
export function returnedTask<S extends Submitted>(
  submissions: readonly S[],
  taskId: string,
  scope?: string,
): { previous: S; review?: S } | undefined {
  const tasks = submissions.filter((submission) => submission.kind === 'task');
  const previous = tasks.findLast((submission) => submission.name === taskId && submission.scope === scope);
  if (previous === undefined) return undefined;
  const last = tasks.at(-1);
  const review = last !== undefined && last.seq > previous.seq && decidesReturn(last) ? last : undefined;
  return { previous, ...(review !== undefined && { review }) };
}
