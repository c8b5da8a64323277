import type { Submission } from '../../../engine/cases/case-record.js';
import type { CaseBundle } from '../workbench/case-data.js';
import { messageFormKey } from '../workbench/catalog.js';

/** The form a submission was made on: a message's form is named after it, a task's is on its element. */
export function submissionFormKey(bundle: CaseBundle, submission: Submission): string | undefined {
  if (submission.kind === 'message') return messageFormKey(submission.name);
  for (const [id, element] of bundle.elements)
    if ((id === submission.name || id.startsWith(`${submission.name}_`)) && element.formKey !== undefined)
      return element.formKey;
  return undefined;
}
