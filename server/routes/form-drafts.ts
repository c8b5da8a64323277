import { Router, type Request } from 'express';
import { attachmentIds, EngineError, type WorkflowEngine } from '../../engine/index.js';
import { referenceCheck } from '../attachment-access.js';
import type { AttachmentStore } from '../attachments.js';
import type { FormDrafts } from '../form-drafts.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import { QUERY_PARAMETERS, REQUEST_BODIES } from '../openapi-requests.js';
import { noBody, objectBody, onlyFieldsOf, onlyParametersOf, requireUser } from '../request-context.js';
import { nestedDeeperThan } from './drafts.js';

/**
 * 保存草稿: a user's unfinished form for one of their open tasks, kept on the server to finish later
 * (another day, another computer). Only the task's holders have one; a task not open, or not theirs,
 * answers as not open (409), as its completion would.
 */
/** As deep as submitted form data may be (the engine's form validator). */
const MAX_DRAFT_DEPTH = 32;
/** Files one draft may cite: more than any form holds (an application takes a few dozen). */
const MAX_DRAFT_FILES = 200;

export function formDraftRoutes(engine: WorkflowEngine, attachments: AttachmentStore, drafts: FormDrafts): Router {
  const router = Router();
  const holder = (request: Request<{ taskRef: string }>) => {
    const user = requireUser(request);
    const task = engine.taskFor(request.params.taskRef, request.actor);
    if (task === undefined) throw EngineError.taskNotOpen(request.params.taskRef);
    return { username: user.username, task };
  };

  router.get('/api/tasks/:taskRef/draft', async (request, response) => {
    const { username, task } = holder(request);
    const { draft, damaged } = await drafts.open(username, task.ref);
    response.json({ draft: draft ?? null, ...(damaged && { damaged }) });
  });

  router.put('/api/tasks/:taskRef/draft', async (request, response) => {
    const { username, task } = holder(request);
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.FormDraftSave);
    const { data, revision } = body;
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new HttpError(422, 'validation', SAY.formDraftData);
    if (revision !== null && !(Number.isSafeInteger(revision) && (revision as number) >= 1))
      throw new HttpError(422, 'validation', SAY.formDraftRevision);
    // Unchecked against the form, a draft is still held to what a form may be: as deep as a
    // submission, and citing no more files than a form could (each is kept from the sweep while cited).
    if (nestedDeeperThan(data, MAX_DRAFT_DEPTH)) throw new HttpError(422, 'validation', SAY.tooDeep(MAX_DRAFT_DEPTH));
    if (attachmentIds(data).size > MAX_DRAFT_FILES)
      throw new HttpError(422, 'validation', SAY.formDraftTooManyFiles(MAX_DRAFT_FILES));
    // Only files the user may cite, as on sending; each is held from the sweep while the draft cites it.
    const errors = await referenceCheck(engine, attachments, request.actor, username)(data);
    const [first] = errors;
    if (first !== undefined) throw new EngineError('validation', first.message, { errors });
    const saved = await drafts.save(
      { username, taskRef: task.ref, caseId: task.caseId, data, savedAt: engine.clock.now().toISOString() },
      revision as number | null,
    );
    response.json({ revision: saved.revision, savedAt: saved.savedAt });
  });

  router.delete('/api/tasks/:taskRef/draft', async (request, response) => {
    const { username, task } = holder(request);
    noBody(request);
    onlyParametersOf(request.query, QUERY_PARAMETERS.deleteFormDraft);
    // The revision the page had: a draft saved since elsewhere is not deleted unseen.
    const { revision } = request.query;
    const expected = revision === undefined ? undefined : Number(revision);
    if (expected !== undefined && !(Number.isSafeInteger(expected) && expected >= 1))
      throw new HttpError(422, 'validation', SAY.formDraftRevision);
    await drafts.remove(username, task.ref, expected);
    response.status(204).end();
  });

  return router;
}
