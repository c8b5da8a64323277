import { Router } from 'express';
import type { DraftService } from '../drafts/drafts.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import { QUERY_PARAMETERS, REQUEST_BODIES } from '../openapi-requests.js';
import {
  noBody,
  objectBody,
  onlyFieldsOf,
  onlyParametersOf,
  optionalBody,
  requireRole,
  stringField,
} from '../request-context.js';

const EDITORS = ['policy-admin', 'admin'];
/** A case script is a few levels deep; far deeper input would overflow the stack when serialised. */
const MAX_SCENARIO_DEPTH = 32;

/** Whether a JSON value nests deeper than `limit` (walked without recursion, so any depth is safe). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/**
 * The draft revision the caller's page shows, which the step is checked against (409 when the draft
 * was written since); none (scripts, older clients): the step is not checked.
 */
function shownRevision(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isSafeInteger(value) && (value as number) >= 0) return value as number;
  throw new HttpError(422, 'validation', SAY.draftRevision);
}

/**
 * The files a save writes: one (`{path, text}`) or several at once (`{files: {path: text}}`), text
 * or null (deleted) each; written together or, one refused, none. Which of the document's two shapes
 * (oneOf) a body is read as is told by `files`: with it, DraftFiles; without, DraftFile.
 */
function fileChanges(body: Record<string, unknown>): Record<string, string | null> {
  onlyFieldsOf(body, body.files === undefined ? REQUEST_BODIES.DraftFile : REQUEST_BODIES.DraftFiles);
  if (body.files === undefined) {
    const path = stringField(body, 'path', '文件');
    if (body.text !== null && typeof body.text !== 'string')
      throw new HttpError(422, 'validation', SAY.draftFileText());
    return { [path]: body.text };
  }
  const { files } = body;
  if (typeof files !== 'object' || files === null || Array.isArray(files) || Object.keys(files).length === 0)
    throw new HttpError(422, 'validation', SAY.draftFiles);
  const entries = Object.entries(files as Record<string, unknown>);
  for (const [path, text] of entries)
    if (text !== null && typeof text !== 'string') throw new HttpError(422, 'validation', SAY.draftFileText(path));
  return Object.fromEntries(entries) as Record<string, string | null>;
}

/** The scripts a simulation replays: those in the request, or the process's own. */
async function scriptsOf(
  drafts: DraftService,
  process: string,
  body: Record<string, unknown>,
): Promise<{ name: string; text: string }[]> {
  onlyFieldsOf(body, REQUEST_BODIES.SimulationRequest);
  if (nestedDeeperThan(body.scenarios, MAX_SCENARIO_DEPTH))
    throw new HttpError(422, 'validation', SAY.scenariosTooDeep(MAX_SCENARIO_DEPTH));
  return Array.isArray(body.scenarios) && body.scenarios.length > 0
    ? body.scenarios.map((scenario, index) => ({ name: `scenario-${index + 1}`, text: JSON.stringify(scenario) }))
    : drafts.scenarios(process);
}

/** The designer's back end: drafts of definition versions, validated, compared, simulated, published. */
export function draftRoutes(drafts: DraftService): Router {
  const router = Router();

  router.get('/api/drafts', async (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(await drafts.list());
  });

  router.post('/api/drafts', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.NewDraft);
    response
      .status(201)
      .json(
        await drafts.create(
          stringField(body, 'process', '流程'),
          stringField(body, 'from', '基础版本'),
          user.username,
          body.title,
        ),
      );
  });

  router.get('/api/drafts/:id', async (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(await drafts.get(request.params.id));
  });

  router.patch('/api/drafts/:id', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.DraftRename);
    response.json(await drafts.rename(request.params.id, body.title, user.username, shownRevision(body.revision)));
  });

  router.delete('/api/drafts/:id', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    noBody(request);
    onlyParametersOf(request.query, QUERY_PARAMETERS.deleteDraft);
    const { revision } = request.query;
    await drafts.remove(
      request.params.id,
      user.username,
      shownRevision(typeof revision === 'string' && /^\d+$/.test(revision) ? Number(revision) : revision),
    );
    response.status(204).end();
  });

  router.put('/api/drafts/:id/files', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    const revision = shownRevision(body.revision);
    response.json(await drafts.saveFiles(request.params.id, fileChanges(body), user.username, revision));
  });

  router.post('/api/drafts/:id/validate', async (request, response) => {
    requireRole(request, ...EDITORS);
    noBody(request);
    const problems = await drafts.validate(request.params.id);
    response.json({ ok: problems.length === 0, problems });
  });

  router.get('/api/drafts/:id/compare', async (request, response) => {
    requireRole(request, ...EDITORS);
    onlyParametersOf(request.query, QUERY_PARAMETERS.compareDraft);
    const against = typeof request.query.against === 'string' ? request.query.against : undefined;
    response.json(await drafts.compare(request.params.id, against));
  });

  // Four-eyes (issue 12): one officer asks, another approves; until then nothing is published.
  router.post('/api/drafts/:id/publish', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.PublishRequest);
    const result = await drafts.requestPublication(
      request.params.id,
      {
        version: stringField(body, 'version', '版本名称'),
        effectiveFrom: stringField(body, 'effectiveFrom', '生效日期'),
        revision: body.revision,
        draftRevision: shownRevision(body.draftRevision),
      },
      user.username,
      user.displayName,
    );
    response.status(202).json(result);
  });

  router.post('/api/drafts/:id/approve', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    // A body is optional (scripts approve without one).
    const revision = shownRevision(optionalBody(request, REQUEST_BODIES.ApprovalRequest).draftRevision);
    response.status(201).json(await drafts.approvePublication(request.params.id, user.username, revision));
  });

  router.post('/api/drafts/:id/refuse', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.Refusal);
    const revision = shownRevision(body.draftRevision);
    response.json(await drafts.refusePublication(request.params.id, body.reason, user.username, revision));
  });

  router.post('/api/drafts/:id/withdraw', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    // A body is optional (scripts withdraw without one); the page names the revision it shows.
    const revision = shownRevision(optionalBody(request, REQUEST_BODIES.Withdrawal).draftRevision);
    response.json(await drafts.withdrawPublication(request.params.id, user.username, revision));
  });

  router.post('/api/drafts/:id/simulate', async (request, response) => {
    requireRole(request, ...EDITORS);
    const draft = await drafts.get(request.params.id);
    // Off the request thread, with a time and memory limit (issue 9, item 5).
    response.json(await drafts.simulate(draft, await scriptsOf(drafts, draft.process, objectBody(request))));
  });

  // The same in the background (issue 12, item 5): started, polled for progress, cancellable.
  router.post('/api/drafts/:id/simulations', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const draft = await drafts.get(request.params.id);
    const scripts = await scriptsOf(drafts, draft.process, objectBody(request));
    const job = drafts.simulations.start(draft.id, user.username, scripts.length * 2, (options) =>
      drafts.simulate(draft, scripts, options),
    );
    response.status(202).json(job);
  });

  router.get('/api/drafts/:id/simulations/:job', (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(drafts.simulations.get(request.params.id, request.params.job));
  });

  router.delete('/api/drafts/:id/simulations/:job', (request, response) => {
    requireRole(request, ...EDITORS);
    noBody(request);
    response.json(drafts.simulations.cancel(request.params.id, request.params.job));
  });

  router.get('/api/definitions-audit', async (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(await drafts.auditLog());
  });

  return router;
}
