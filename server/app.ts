import compression from 'compression';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import {
  MemoryCounters,
  MemoryStore,
  beyondShape,
  chinaDateOf,
  type SimulatedClock,
  type Store,
  type WorkflowEngine,
} from '../engine/index.js';
import { accessLog } from './access-log.js';
import type { Accounts } from './accounts/accounts.js';
import { LoginThrottle } from './accounts/login-throttle.js';
import { RoleCatalogue } from './accounts/roles.js';
import { ActorNames } from './actor-names.js';
import type { AttachmentStore } from './attachments.js';
import { errorHandler, HttpError } from './http-errors.js';
import { openApiDocument, programmeTerms } from './openapi.js';
import { sendPreparedJson } from './prepared-json.js';
import { authenticate } from './request-context.js';
import { refuseUndeclaredQueries } from './undeclared-query.js';
import { adminRoutes } from './routes/admin.js';
import { attachmentRoutes, userUploadLimit } from './routes/attachments.js';
import { UploadGate } from './upload-gate.js';
import { bodyDeadline } from './body-deadline.js';
import { calendarRoutes } from './routes/calendars.js';
import { caseRoutes, messageLimit, previewLimit, startLimit, taskRoutes, type TaskLimits } from './routes/cases.js';
import { definitionRoutes } from './routes/definitions.js';
import { inboxRoutes } from './routes/inbox.js';
import { draftRoutes } from './routes/drafts.js';
import { DraftService } from './drafts/drafts.js';
import { FormDrafts } from './form-drafts.js';
import { formDraftRoutes } from './routes/form-drafts.js';
import { publicRoutes, type PublicLimits } from './routes/public.js';
import { exportLimit, reportRoutes, type ReportLimits } from './routes/reports.js';
import { sessionRoutes, signsIn } from './routes/session.js';
import { userRoutes } from './routes/users.js';
import { webAppRoutes } from './web-app.js';
import { manifestsInForce } from './programmes-in-force.js';
import { SIGNED_IN_JSON_BODY_BYTES } from './body-limits.js';
import { SharedRateLimitStore } from './shared-rate-limit-store.js';
import { accountLimits, anonymousLimit, FailedTokens, REQUEST_LIMITS, type RequestLimits } from './request-limits.js';
import { SAY } from './messages.js';

export interface AppDeps {
  engine: WorkflowEngine;
  /** The store drafts of definition versions are kept in (the engine's own; in memory when absent). */
  store?: Store;
  drafts?: DraftService;
  /** Forms saved to finish later (in `store` when absent); the sweep keeps the uploads they cite. */
  formDrafts?: FormDrafts;
  accounts: Accounts;
  attachments: AttachmentStore;
  logger: Logger;
  /** Present only with CLOCK=simulated: then POST /api/admin/clock exists. */
  simulatedClock?: SimulatedClock;
  onClockAdvanced?: (now: Date) => Promise<void>;
  /**
   * Run before every API request: with several processes on one database, this process takes in
   * what the others changed (the clock's position, cases) so it answers as one system would.
   */
  beforeApi?: () => Promise<void>;
  /** The built web app (Vite's output) to serve, when there is one. */
  webRoot?: string;
  limits?: Partial<
    PublicLimits &
      TaskLimits &
      ReportLimits &
      RequestLimits & {
        jsonBody: string;
        /** The largest JSON body taken without a session (default 64kb; a public form's longest texts fit). */
        anonymousJsonBody: string;
        /** Uploads one account may make per hour (default 300). */
        userUploadsPerHour: number;
        uploadsAtOnce: number;
        uploadIdleMs: number;
        uploadMinBytesPerSecond: number;
        uploadPressedBytesPerSecond: number;
        uploadRateGraceMs: number;
        uploadPressedGraceMs: number;
        /** How long a request's body may take to come, an upload's aside (default 5 minutes: body-deadline.ts). */
        requestBodyMs: number;
      }
  >;
  /**
   * Which proxies' X-Forwarded-* headers to believe (express's `trust proxy`; TRUST_PROXY): the client
   * address login throttling counts, and whether a request came over HTTPS. Default: loopback only.
   */
  trustProxy?: boolean | number | string;
}

/**
 * `Strict-Transport-Security` only on a request that arrived over HTTPS (TLS here, or a trusted
 * proxy's `X-Forwarded-Proto: https`): sent over plain HTTP it is ignored at best, and on an intranet
 * served over HTTP it would pin browsers to an HTTPS that does not exist.
 */
function strictTransport(request: Request, response: Response, next: NextFunction): void {
  if (request.secure) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
}

/**
 * Answers to a logged-in caller (submissions with personal data, case files) and the login itself are
 * never kept by a browser or a shared cache; a route may still set its own Cache-Control (a download).
 */
function noStoreWhenLoggedIn(request: Request, response: Response, next: NextFunction): void {
  // Logging in answers with the session token before the caller has one to send.
  if (request.get('authorization') !== undefined || signsIn(request)) response.setHeader('Cache-Control', 'no-store');
  next();
}

/** Deeper than any request the API takes (a definition's form nests about ten levels). */
const MAX_BODY_DEPTH = 64;

/**
 * More members than any object the API takes: a form has a few dozen fields, a score sheet one score
 * an indicator (75 in 2024-03-14), a draft saved at once a few dozen files — 1,000 leaves room for
 * each to grow tenfold. Above it, a 64 KB body of 9,000 names cost 100–600 ms of the server's thread
 * though it was refused in the end (the attacker's walk).
 */
const MAX_OBJECT_MEMBERS = 1000;

/**
 * A small body nested thousands of levels deep, or with an object of thousands of members, is refused
 * before any route walks it.
 */
function refuseOutsizedBodies(request: Request, _response: Response, next: NextFunction): void {
  const beyond = beyondShape(request.body, { depth: MAX_BODY_DEPTH, members: MAX_OBJECT_MEMBERS });
  if (beyond === 'depth') {
    next(new HttpError(400, 'bad-request', SAY.tooDeep(MAX_BODY_DEPTH)));
    return;
  }
  if (beyond === 'members') {
    next(new HttpError(413, 'too-large', SAY.tooManyMembers(MAX_OBJECT_MEMBERS)));
    return;
  }
  next();
}

/**
 * The HTTP server as an express app, without listening (STYLE.md: `createApp(deps)`): routes turn
 * requests into engine calls and back; the engine decides who may do what.
 */
export function createApp(deps: AppDeps): Express {
  const { engine, accounts, attachments, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  // Node's own deadline is off (appServer): a body is timed here, an admitted upload by the gate.
  app.use(bodyDeadline(deps.limits?.requestBodyMs ?? 5 * 60_000));
  app.use(accessLog(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // No upgrade-insecure-requests: the server is often reached over plain HTTP on an intranet.
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS only where it means something: see strictTransport below.
      strictTransportSecurity: false,
    }),
  );
  app.use(strictTransport);
  app.use(compression());
  app.use('/api', noStoreWhenLoggedIn);
  app.get('/api/health', (_request, response) => {
    // From 1 November a missing next year is reported (README "Calendars"): notices would reach it.
    const calendarsMissing = engine.missingCalendarYears();
    // How many, never which: the health check answers anyone; admins see the cases themselves.
    const damagedCases = engine.damaged.length;
    response.json({
      status: 'ok',
      // While the stored cases load (a cold start), every other request waits for them (below).
      cases: engine.loading ? 'loading' : 'ready',
      definitions: engine.definitions.list().map((version) => version.key),
      ...(damagedCases > 0 && { damagedCases }),
      ...(calendarsMissing.length > 0 && {
        calendarsMissing: calendarsMissing.map((missing) => ({
          ...missing,
          message: `${missing.year}年节假日安排尚未录入`,
        })),
      }),
    });
  });
  // No request sees a half-loaded case index: everything but the health check waits for it.
  app.use('/api', async (_request: Request, _response: Response, next: NextFunction) => {
    await engine.ready;
    next();
  });
  const { beforeApi } = deps;
  if (beforeApi !== undefined) {
    app.use('/api', async (_request: Request, _response: Response, next: NextFunction) => {
      await beforeApi();
      next();
    });
  }
  // Per process (server/request-limits.ts): an address's unknown tokens before their lookup, an
  // account's requests and large bodies before the body is read.
  const requestLimits: RequestLimits = {
    accountRequestsPerMinute: deps.limits?.accountRequestsPerMinute ?? REQUEST_LIMITS.accountRequestsPerMinute,
    accountLargeBodiesPerMinute: deps.limits?.accountLargeBodiesPerMinute ?? REQUEST_LIMITS.accountLargeBodiesPerMinute,
    largeBodyBytes: deps.limits?.largeBodyBytes ?? REQUEST_LIMITS.largeBodyBytes,
    failedTokensPerMinute: deps.limits?.failedTokensPerMinute ?? REQUEST_LIMITS.failedTokensPerMinute,
    anonymousRequestsPerMinute: deps.limits?.anonymousRequestsPerMinute ?? REQUEST_LIMITS.anonymousRequestsPerMinute,
  };
  app.use(authenticate(accounts, new FailedTokens(requestLimits.failedTokensPerMinute), signsIn));
  app.use(accountLimits(requestLimits));
  app.use('/api', anonymousLimit(requestLimits));
  // Bodies are parsed once the caller is known: parsing a megabyte of JSON holds the one thread every
  // request shares for milliseconds, and a visitor sending them in a loop slowed every answer tenfold.
  // Without a session only small bodies are taken (logging in, an objection with its evidence ids).
  const signedInJson: RequestHandler = express.json({ limit: deps.limits?.jsonBody ?? SIGNED_IN_JSON_BODY_BYTES });
  const anonymousJson: RequestHandler = express.json({ limit: deps.limits?.anonymousJsonBody ?? '64kb' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    (request.user === undefined ? anonymousJson : signedInJson)(request, response, next);
  });
  app.use(refuseOutsizedBodies);
  app.use(refuseUndeclaredQueries(openApiDocument(true)));

  // The clock cases run on (a sandbox clock with CLOCK=simulated): "today" for every page.
  app.get('/api/clock', (_request, response) => {
    const now = engine.clock.now();
    response.json({ now: now.toISOString(), today: chinaDateOf(now), simulated: deps.simulatedClock !== undefined });
  });
  // Names and examples from the definitions in force, made once for each set of them (a publication
  // loads a new one): made and gzipped per request, the 160 KB document cost 8 ms of the thread, and a
  // visitor's loop of them took a signed-in reader's answers from 4 ms to 170 ms.
  const documents = new WeakMap<WorkflowEngine['definitions'], Record<string, unknown>>();
  app.get('/api/openapi.json', (request, response) => {
    const { definitions } = engine;
    let document = documents.get(definitions);
    if (document === undefined) {
      document = openApiDocument(deps.simulatedClock !== undefined, programmeTerms(definitions.list()));
      documents.set(definitions, document);
    }
    sendPreparedJson(request, response, document);
  });
  // Rate limits count in every process on a shared store, in this one's memory otherwise; on the
  // machine's (or the database's) clock, never the case clock (CONTRACT §6).
  const shared = deps.store?.shared;
  const limitStore = (prefix: string) =>
    shared === undefined ? undefined : new SharedRateLimitStore(shared.counters, prefix);
  app.use(sessionRoutes(accounts, new LoginThrottle(shared?.counters ?? new MemoryCounters(Date.now))));
  app.use(userRoutes(accounts, new RoleCatalogue(engine)));
  const exports = exportLimit({ exportsPerMinute: deps.limits?.exportsPerMinute ?? 20, store: limitStore('export:') });
  app.use(reportRoutes(engine, exports)); // before /api/cases/:id, which would take `export.xlsx` for an id
  // One count of previews per user, of tasks and of messages alike.
  const previews = previewLimit({
    previewsPerMinute: deps.limits?.previewsPerMinute ?? 30,
    store: limitStore('preview:'),
  });
  const messages = messageLimit({
    messagesPerCaseDay: deps.limits?.messagesPerCaseDay ?? 20,
    store: limitStore('case-message:'),
  });
  const starts = startLimit({
    casesStartedPerDay: deps.limits?.casesStartedPerDay ?? 100,
    store: limitStore('case-start:'),
  });
  app.use(caseRoutes(engine, attachments, new ActorNames(engine, accounts), previews, messages, starts));
  const formDrafts = deps.formDrafts ?? new FormDrafts(deps.store ?? new MemoryStore());
  app.use(formDraftRoutes(engine, attachments, formDrafts));
  app.use(taskRoutes(engine, attachments, formDrafts, previews));
  app.use(inboxRoutes(engine));
  // Uploads read at once, each to a file: 32, 2 per sender, half of them for the public; in memory
  // 4 × ATTACHMENT_MAX_MB at most while they are checked. One that sends nothing for 30 s is dropped,
  // and one averaging under 1 KB/s after its first 10 s (a weak mobile connection sends several times that),
  // or under 16 KB/s while the places it counts among are all taken (20 MB in 21 minutes), then
  // dropped for a newcomer once under way 2 s.
  const uploadsAtOnce = deps.limits?.uploadsAtOnce ?? 32;
  const uploads = new UploadGate({
    total: uploadsAtOnce,
    checkedAtOnce: 4,
    perSender: 2,
    publicMax: Math.max(1, Math.floor(uploadsAtOnce / 2)),
    idleMs: deps.limits?.uploadIdleMs ?? 30_000,
    minBytesPerSecond: deps.limits?.uploadMinBytesPerSecond ?? 1024,
    pressedBytesPerSecond: deps.limits?.uploadPressedBytesPerSecond ?? 16 * 1024,
    rateGraceMs: deps.limits?.uploadRateGraceMs ?? 10_000,
    pressedGraceMs: deps.limits?.uploadPressedGraceMs ?? 2_000,
  });
  app.use(
    publicRoutes(
      engine,
      attachments,
      {
        objectionsPerHour: deps.limits?.objectionsPerHour ?? 30,
        uploadsPerHour: deps.limits?.uploadsPerHour ?? 60,
        store: (limit) => limitStore(`${limit}:`),
      },
      uploads,
    ),
  );
  app.use(
    attachmentRoutes(
      engine,
      attachments,
      uploads,
      userUploadLimit(deps.limits?.userUploadsPerHour ?? 300, limitStore('user-upload:')),
    ),
  );
  app.use(definitionRoutes(engine));
  const drafts = deps.drafts ?? new DraftService(engine, deps.store ?? new MemoryStore());
  app.use(calendarRoutes(engine, drafts));
  app.use(draftRoutes(drafts));
  app.use(adminRoutes(engine, deps.simulatedClock, deps.onClockAdvanced));
  app.use('/api', () => {
    throw new HttpError(404, 'not-found', SAY.noSuchApi);
  });
  if (deps.webRoot !== undefined) app.use(webAppRoutes(deps.webRoot, () => manifestsInForce(engine)));
  app.use(
    errorHandler((error, requestId) => {
      logger.error({ err: error, requestId }, 'unhandled error');
    }),
  );
  return app;
}
