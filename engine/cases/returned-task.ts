import type { Submission } from './case-record.js';

const isRecord = (data: unknown): data is Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data);

/**
 * A task submitted before and since sent back: its latest submission, and the review that returned
 * it — the first later task submission deciding `return` (CONTRACT §2: `return` sends the case back
 * to the task that submitted what was reviewed). Undefined when the task was never submitted.
 */
export function returnedTask<S extends Pick<Submission, 'seq' | 'kind' | 'name' | 'data'>>(
  submissions: readonly S[],
  taskId: string,
): { previous: S; review?: S } | undefined {
  let previous: S | undefined;
  for (const submission of submissions)
    if (submission.kind === 'task' && submission.name === taskId) previous = submission;
  if (previous === undefined) return undefined;
  const { seq } = previous;
  const review = submissions.find(
    (submission) =>
      submission.seq > seq &&
      submission.kind === 'task' &&
      isRecord(submission.data) &&
      submission.data.decision === 'return',
  );
  return { previous, ...(review !== undefined && { review }) };
}
