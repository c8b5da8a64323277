import { attachmentRefs, isEngineError, type Actor, type DataCheck, type WorkflowEngine } from '../engine/index.js';
import type { AttachmentMeta, AttachmentStore } from './attachments.js';
import { SAY } from './messages.js';

/** The id uploads by the public (no login) are recorded under. */
const ANONYMOUS = 'anonymous';

/**
 * Who may read an attachment: its uploader, and whoever may see a case it belongs to — evidence the
 * public sent only those the case's redaction policy lets read the public's submissions (Art. 22).
 */
export async function mayReadAttachment(
  engine: WorkflowEngine,
  meta: AttachmentMeta,
  actor: Actor,
  username: string | undefined,
): Promise<boolean> {
  if (username !== undefined && meta.uploadedBy === username) return true;
  for (const caseId of meta.cases) {
    try {
      const view = await engine.getCase(caseId, actor);
      if (meta.restricted !== true || engine.redaction(view).mayReadPublic(actor)) return true;
    } catch (error) {
      if (!isEngineError(error, 'not-found')) throw error;
    }
  }
  return false;
}

/**
 * Attachment ids in form data must name files the sender may read (its own upload, or one of a case it
 * may read); an id never uploaded is an error at its field too, worded the same so that the answer does
 * not tell another's file from none. An anonymous sender may use a public upload not yet on any case
 * (its random id is all it has to show for it). A message from the public (`publicMessage`: evidence
 * with an objection) may only cite files on no case yet: its evidence is readable by the redaction
 * policy's readers only, and citing a file already on a case would take it from that case's reviewers.
 */
export function referenceCheck(
  engine: WorkflowEngine,
  attachments: AttachmentStore,
  actor: Actor,
  username: string | undefined,
  { publicMessage = false }: { publicMessage?: boolean } = {},
): DataCheck {
  return async (data) => {
    const errors = [];
    for (const { id, path } of attachmentRefs(data)) {
      const meta = await attachments.meta(id);
      const readable =
        meta !== undefined &&
        ((username === undefined && meta.uploadedBy === ANONYMOUS && meta.cases.length === 0) ||
          (await mayReadAttachment(engine, meta, actor, username)));
      // An upload on no case is held from the sweep while this submission is under way (linked once
      // committed); one swept meanwhile is cited as a file never uploaded.
      const usable =
        readable && (meta.cases.length > 0 || (await attachments.hold(meta, engine.clock.now())) !== undefined);
      // Field errors are Chinese (FieldError); the web app names the field in the reader's language.
      if (!usable) errors.push({ path, message: SAY.attachmentNotCitable(id.slice(0, 8)).zh });
      else if (publicMessage && meta.cases.length > 0)
        errors.push({ path, message: SAY.attachmentNotEvidence(id.slice(0, 8)).zh });
    }
    return errors;
  };
}
