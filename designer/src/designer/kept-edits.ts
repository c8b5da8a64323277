import { unsentWork } from '../workbench/unsent-work.js';

/**
 * The unsaved edits of a draft this tab kept (see useWorkspace: a session ended under the page), with
 * the revision they were made on; only those that still differ from the draft's files, or none.
 */
export function keptEdits(
  username: string | undefined,
  form: string,
  files: Record<string, string>,
): { edits: Record<string, string>; basis: number } | undefined {
  const kept = username === undefined ? undefined : unsentWork(username, form);
  if (kept === undefined || typeof kept.basis !== 'number' || typeof kept.data !== 'object' || kept.data === null)
    return undefined;
  const edits = Object.fromEntries(
    Object.entries(kept.data).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && files[entry[0]] !== entry[1],
    ),
  );
  return Object.keys(edits).length === 0 ? undefined : { edits, basis: kept.basis };
}
