import { Router, type Request, type RequestHandler } from 'express';
import { rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import {
  ENGINE_SAYS,
  EngineError,
  isEngineError,
  type Actor,
  type Said,
  type WorkflowEngine,
} from '../../engine/index.js';
import type { ActorNames } from '../actor-names.js';
import { referenceCheck } from '../attachment-access.js';
import type { AttachmentStore } from '../attachments.js';
import type { FormDrafts } from '../form-drafts.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import { perCallerPerMinute, refusedPastLimit } from '../request-limits.js';
import { NEW_CASE, REQUEST_BODIES } from '../openapi-requests.js';
import {
  fieldsOf,
  formBody,
  objectBody,
  onlyFields,
  onlyFieldsOf,
  requireRole,
  requireUser,
  stringField,
} from '../request-context.js';

/**
 * Cases, their history and diagram, and messages to them (CONTRACT §6); `previews` limits how often one
 * asks what a message would do, `messages` how many one sends to a case (messageLimit), `starts` how many
 * cases one starts (startLimit).
 */
export function caseRoutes(
  engine: WorkflowEngine,
  attachments: AttachmentStore,
  names: ActorNames,
  previews: RequestHandler,
  messages: RequestHandler,
  starts: RequestHandler,
): Router {
  const router = Router();

  router.post('/api/cases', starts, async (request, response) => {
    requireUser(request);
    const body = objectBody(request);
    // The subject and region come under the programme's declared names (`park`, `province`) or the
    // neutral `subject` / `region`; the engine reads and checks them.
    const taken = startFields(engine, body.process);
    if (taken !== undefined) onlyFields(body, taken);
    const { id: _id, ...rest } = body;
    const view = await engine.startCase({ ...rest, process: stringField(body, 'process', '流程') }, request.actor);
    response.status(201).json(view);
  });

  router.get('/api/cases', (request, response) => {
    requireUser(request);
    response.json(engine.listCases(request.actor));
  });

  router.get('/api/cases/:id', async (request, response) => {
    requireUser(request);
    response.json(await engine.getCase(request.params.id, request.actor));
  });

  router.get('/api/cases/:id/audit', async (request, response) => {
    requireUser(request);
    const entries = await engine.audit(request.params.id, request.actor);
    // Who acted, by organisation (the timeline's words), read after the engine's own access check.
    const view = await engine.getCase(request.params.id, request.actor);
    response.json(await names.audit(entries, view));
  });

  router.get('/api/cases/:id/submissions', async (request, response) => {
    requireUser(request);
    const submissions = await engine.submissions(request.params.id, request.actor);
    const view = await engine.getCase(request.params.id, request.actor);
    response.json(await names.submissions(submissions, view));
  });

  router.get('/api/cases/:id/diagram', async (request, response) => {
    requireUser(request);
    response.json(await engine.diagram(request.params.id, request.actor));
  });

  router.post(
    '/api/cases/:id/messages/:name/preview',
    previews,
    async (request: Request<{ id: string; name: string }>, response) => {
      requireUser(request);
      const body = formBody(request);
      const { id, name } = request.params;
      const references = referenceCheck(engine, attachments, request.actor, request.user?.username, {
        publicMessage: engine.isPublicMessage(id, name),
      });
      const outcome = await engine
        .previewMessage(id, name, request.actor, body.data, references)
        .catch(hideUnseen(engine, request.actor, id, () => notOpen(engine, id, name)));
      response.json(outcome);
    },
  );

  router.post(
    '/api/cases/:id/messages/:name',
    messages,
    async (request: Request<{ id: string; name: string }>, response) => {
      requireUser(request);
      const body = formBody(request);
      const publicMessage = engine.isPublicMessage(request.params.id, request.params.name);
      const references = referenceCheck(engine, attachments, request.actor, request.user?.username, { publicMessage });
      const view = await engine
        .sendMessage(request.params.id, request.params.name, request.actor, body.data, references)
        .catch(
          hideUnseen(engine, request.actor, request.params.id, () =>
            notOpen(engine, request.params.id, request.params.name),
          ),
        );
      await attachments.link(view.id, body.data, publicMessage);
      // A sender who may not read the case (anyone objecting, Art. 22) gets a receipt, not the case.
      const visible = await engine.getCase(view.id, request.actor).then(
        (own) => own,
        () => undefined,
      );
      response.status(202).json(visible ?? { caseId: view.id, received: true });
    },
  );

  router.post('/api/cases/:id/migrate', async (request, response) => {
    requireRole(request, 'admin', 'policy-admin');
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.MigrationRequest);
    const to = stringField(body, 'to', '目标版本');
    if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean')
      throw new HttpError(422, 'validation', SAY.notBoolean('dryRun', '试运行'));
    response.json(await engine.migrateCase(request.params.id, to, request.actor, { dryRun: body.dryRun === true }));
  });

  return router;
}

/**
 * What a case of `process` is started with: NEW_CASE's fields (the process, and its subject and region
 * under the neutral names), and the names its versions declare for them — the document's NewCase has
 * those of every programme loaded. Undefined for a process not loaded (the engine says so).
 */
function startFields(engine: WorkflowEngine, process: unknown): string[] | undefined {
  const manifests = engine.definitions
    .list()
    .map((version) => version.definition.manifest)
    .filter((manifest) => manifest.process === process);
  if (manifests.length === 0) return undefined;
  const declared = manifests.flatMap((manifest) => [manifest.subject.name, manifest.region.name]);
  return [...new Set([...fieldsOf(NEW_CASE), ...declared])];
}

/** The answer for a message to a case that is not there or not open (as the engine words it). */
export function notOpen(engine: WorkflowEngine, caseId: string, name: string): EngineError {
  return new EngineError('not-open', ENGINE_SAYS.notInWindow(engine.messageTitle(name)), { caseId, name });
}

export interface TaskLimits {
  /** Previews one user may ask for per minute: each runs the step on the process. */
  previewsPerMinute: number;
  /** Messages one account may send to one case a day (messageLimit). */
  messagesPerCaseDay: number;
  /** Cases one account may start a day (startLimit). */
  casesStartedPerDay: number;
  /** Where the counts are kept; absent: this process's memory (a store no other process shares). */
  store?: RateLimitStore;
}

/**
 * At most `previewsPerMinute` previews a minute per user (per address without a login): each costs a
 * full process step, and the workbench asks one per submission. Past it, 429 with Retry-After.
 */
export function previewLimit(limits: Pick<TaskLimits, 'previewsPerMinute' | 'store'>): RequestHandler {
  return perCallerPerMinute(limits.previewsPerMinute, limits.store, SAY.tooManyPreviews);
}

/**
 * At most `messagesPerCaseDay` messages a day from one account to one case, counting those taken: a
 * subject's report (a major event, Art. 27) opens no task and cannot be refused by its window, and each
 * is told in the bell of SAMR, its province and its leading group — the attacker's walk sent 300 from one
 * zone in half a minute and SAMR's bell (its newest 200) held nothing else. Past it, 429 with Retry-After.
 */
export function messageLimit(limits: Pick<TaskLimits, 'messagesPerCaseDay' | 'store'>): RequestHandler {
  return perAccountDay(
    limits.messagesPerCaseDay,
    limits.store,
    (request) => `${request.user?.username ?? ''}\n${String(request.params.id)}`,
    (hours) => SAY.tooManyCaseMessages(limits.messagesPerCaseDay, hours),
  );
}

/**
 * At most `casesStartedPerDay` cases a day started by one account, counting those started: each start
 * reads the subject's earlier cases (an Art. 27 ban, `some h in case.history …`, about a millisecond
 * each in feelin), and a park that started and withdrew cases in a loop made every start, and every
 * application after, cost more — at 400 earlier cases, 250–450 ms of the server's thread a start
 * (found by the attacker's walk). A park starts a case a few times in years. Past it, 429.
 */
export function startLimit(limits: Pick<TaskLimits, 'casesStartedPerDay' | 'store'>): RequestHandler {
  return perAccountDay(
    limits.casesStartedPerDay,
    limits.store,
    (request) => request.user?.username ?? '',
    (hours) => SAY.tooManyCaseStarts(limits.casesStartedPerDay, hours),
  );
}

/** A day's count per key of the requests taken; a refusal changes nothing and is not counted. */
function perAccountDay(
  limit: number,
  store: RateLimitStore | undefined,
  key: (request: Request) => string,
  say: (hours: number) => Said,
): RequestHandler {
  return rateLimit({
    windowMs: 24 * 60 * 60_000,
    limit,
    ...(store !== undefined && { store }),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    keyGenerator: key,
    handler: refusedPastLimit((seconds) => say(Math.max(1, Math.ceil(seconds / 3600)))),
  });
}

/** Open tasks and completing them; `previews` limits how often one asks what a completion would do. */
export function taskRoutes(
  engine: WorkflowEngine,
  attachments: AttachmentStore,
  formDrafts: FormDrafts,
  previews: RequestHandler,
): Router {
  const router = Router();
  const references = (request: Request) => referenceCheck(engine, attachments, request.actor, request.user?.username);
  /** A task on a case the caller may not see answers as one that is not open. */
  const unseenTask = (request: Request<{ taskRef: string }>) =>
    hideUnseen(engine, request.actor, engine.caseOfTask(request.params.taskRef), () =>
      EngineError.taskNotOpen(request.params.taskRef),
    );

  router.get('/api/tasks', async (request, response) => {
    requireUser(request);
    response.json(await engine.inboxTasks(request.actor));
  });

  router.post('/api/tasks/:taskRef/complete', async (request, response) => {
    requireUser(request);
    const body = formBody(request);
    const view = await engine
      .completeTask(request.params.taskRef, request.actor, body.data, references(request))
      .catch(unseenTask(request));
    await attachments.link(view.id, body.data);
    // Sent: the sender's saved draft of it has served (others' go with the task, FormDrafts.sweep, as
    // this one does if it cannot be deleted now: the submission stands either way).
    await formDrafts.remove(requireUser(request).username, request.params.taskRef).catch(() => undefined);
    response.json(view);
  });

  router.post('/api/tasks/:taskRef/preview', previews, async (request: Request<{ taskRef: string }>, response) => {
    requireUser(request);
    const body = formBody(request);
    const outcome = await engine
      .previewCompletion(request.params.taskRef, request.actor, body.data, references(request))
      .catch(unseenTask(request));
    response.json(outcome);
  });

  return router;
}

/**
 * A refusal (`forbidden`, `not-found`) about a case the caller may not even see is answered as if there
 * were nothing there — `hidden`, the answer for an unknown task or a closed window — so that "not
 * yours" and "not there" cannot be told apart.
 */
function hideUnseen(engine: WorkflowEngine, actor: Actor, caseId: string | undefined, hidden: () => EngineError) {
  return async (error: unknown): Promise<never> => {
    if (isEngineError(error, 'forbidden') || isEngineError(error, 'not-found')) {
      const seen =
        caseId !== undefined &&
        (await engine.getCase(caseId, actor).then(
          () => true,
          () => false,
        ));
      if (!seen) throw hidden();
    }
    throw error;
  };
}
