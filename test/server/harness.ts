import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { pino, type Logger } from 'pino';
import request from 'supertest';
import { SimulatedClock } from '../../engine/clock.js';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import { LowdbStore, MemoryStore } from '../../engine/store/index.js';
import type { Store } from '../../engine/ports.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { Accounts } from '../../server/accounts/accounts.js';
import { createApp, type AppDeps } from '../../server/app.js';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { AttachmentStore, type OpenForWriting } from '../../server/attachments.js';
import { DraftService, type DraftJobOptions } from '../../server/drafts/drafts.js';
import { openApiDocument, programmeTerms } from '../../server/openapi.js';
import { OpenApiChecker, type RequestMode } from './openapi-checker.js';
import { tinyPdf } from '../support/tiny-pdf.js';

export const START = '2024-04-01T09:00:00+08:00';
export const PROCESS = 'quality-brand-zone';
export const VERSION = '2024-03-14';
export const PASSWORD = 'correct-horse-battery';
export const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;

export { tinyPdf };

/** Contains a Chinese character (CONTRACT §6: error messages are Chinese). */
export const CHINESE = /[\u4e00-\u9fff]/;

export interface CallOptions {
  token?: string | undefined;
  /** A JSON body (checked against the documented request schema, see `request`). */
  body?: unknown;
  /** A raw body sent as is, with `type` as its Content-Type. */
  raw?: Buffer | string;
  type?: string;
  headers?: Record<string, string>;
  /** `valid` (default): the JSON body must match the document; `invalid`: it must not; `unchecked`. */
  request?: RequestMode;
  /** A 5xx answer is expected (the test makes the server's disk fail): still checked against the document. */
  allow5xx?: boolean;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, string | undefined>;
}

/**
 * HTTP calls through supertest (an express app in memory, or a base URL), each checked against the
 * OpenAPI document: a response whose status or body the document does not describe fails the test.
 */
export class Api {
  constructor(
    private readonly target: Express | string,
    readonly checker: OpenApiChecker,
  ) {}

  get = (path: string, options: CallOptions = {}) => this.call('get', path, options);
  post = (path: string, options: CallOptions = {}) => this.call('post', path, options);
  patch = (path: string, options: CallOptions = {}) => this.call('patch', path, options);
  delete = (path: string, options: CallOptions = {}) => this.call('delete', path, options);

  async call(method: 'get' | 'post' | 'patch' | 'delete' | 'put', path: string, options: CallOptions = {}) {
    if (options.raw === undefined) this.checker.checkRequest(method, path, options.body, options.request ?? 'valid');
    let pending = request(this.target)[method](path);
    if (options.token !== undefined) pending = pending.set('Authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) pending = pending.set(name, value);
    if (options.raw !== undefined) {
      // As is, whatever the type: superagent would serialize a Buffer sent as JSON (a compressed body).
      const raw = options.raw;
      pending = pending
        .set('Content-Type', options.type ?? 'application/octet-stream')
        .serialize(() => raw as string)
        .send(raw);
    } else if (options.body !== undefined) {
      pending = pending.send(options.body as object);
    }
    const response = await pending.buffer(true);
    const contentType: string | undefined = response.headers['content-type'];
    const isJson = contentType?.startsWith('application/json') === true;
    const text = typeof response.text === 'string' ? response.text : '';
    const body: unknown = isJson ? response.body : undefined;
    const length = Buffer.isBuffer(response.body) ? response.body.length : text.length;
    this.checker.checkResponse(
      method,
      path,
      { status: response.status, contentType, body, length },
      { allow5xx: options.allow5xx === true },
    );
    return {
      status: response.status,
      body,
      text,
      headers: response.headers as Record<string, string | undefined>,
    } satisfies ApiResponse;
  }
}

let registry: Promise<DefinitionRegistry> | undefined;
/** The project's definitions, loaded once per test file. */
export function definitions(): Promise<DefinitionRegistry> {
  registry ??= DefinitionRegistry.load('definitions');
  return registry;
}

export interface HarnessOptions {
  /** The store: a MemoryStore (default), a LowdbStore in a temp directory, or one given (PostgreSQL). */
  store?: 'memory' | 'lowdb' | Store;
  /** Omit the sandbox clock (then /api/admin/clock is absent). */
  systemClock?: boolean;
  attachmentMaxBytes?: number;
  /** How the attachments' bytes are written (a test's disk that fills up). */
  openForWriting?: OpenForWriting;
  limits?: AppDeps['limits'];
  /** Another definitions root (drafts publish into it); calendars and directories come from the project's. */
  definitionsRoot?: string;
  /** Where that root's calendars and directories come from instead (a sandbox a test may write to). */
  sharedDefinitions?: string;
  /** scrypt N for passwords (default 2^10: cheap for tests; the login flood test uses a real one). */
  hashCost?: number;
  /** The designer's job limits (default: the server's). */
  draftLimits?: DraftJobOptions;
  /** A built web app to serve (as WEB_ROOT does). */
  webRoot?: string;
  /** Where the server logs (default: nowhere). */
  logger?: Logger;
  /** How many process instances the engine keeps in memory (0: every case is read from the store). */
  hotCases?: number;
}

/**
 * The server in memory (`createApp`), as `main.ts` wires it but for tests: the engine on a MemoryStore
 * (or a temp LowdbStore), a simulated clock at START, accounts with a low scrypt cost, attachments in
 * a temp directory, a silent logger; an admin, users logged in by name, and checked HTTP helpers.
 */
export class ServerHarness {
  readonly tokens = new Map<string, string>();
  adminToken = '';

  private constructor(
    readonly app: Express,
    readonly api: Api,
    readonly engine: WorkflowEngine,
    readonly clock: SimulatedClock,
    readonly accounts: Accounts,
    readonly store: Store,
    readonly drafts: DraftService,
    readonly dataDir: string,
    readonly attachments: AttachmentStore,
  ) {}

  static async create(options: HarnessOptions = {}): Promise<ServerHarness> {
    const dataDir = await mkdtemp(join(tmpdir(), 'qbz-server-'));
    const store: Store =
      typeof options.store === 'object'
        ? options.store
        : options.store === 'lowdb'
          ? new LowdbStore(join(dataDir, 'store'))
          : new MemoryStore();
    const clock = new SimulatedClock(new Date(START));
    const registry =
      options.definitionsRoot === undefined
        ? await definitions()
        : await DefinitionRegistry.load(options.definitionsRoot, {
            shared: options.sharedDefinitions ?? 'definitions',
          });
    const engine = await WorkflowEngine.open({
      definitions: registry,
      store,
      clock,
      ...(options.hotCases !== undefined && { hotCases: options.hotCases }),
    });
    const accounts = new Accounts(store, { hashCost: options.hashCost ?? 2 ** 10 });
    const simulated = options.systemClock !== true;
    const drafts = new DraftService(engine, store, {
      ...options.draftLimits,
      nameOf: (account) => accounts.nameOf(account),
    });
    const attachments = new AttachmentStore(
      dataDir,
      store,
      options.attachmentMaxBytes ?? 256 * 1024,
      undefined,
      options.openForWriting,
    );
    const app = createApp({
      engine,
      store,
      drafts,
      accounts,
      attachments,
      logger: options.logger ?? pino({ level: 'silent' }),
      ...(simulated && { simulatedClock: clock }),
      limits: {
        objectionsPerHour: 1000,
        uploadsPerHour: 1000,
        userUploadsPerHour: 1000,
        previewsPerMinute: 1000,
        exportsPerMinute: 1000,
        messagesPerCaseDay: 1000,
        casesStartedPerDay: 1000,
        // A test calls in memory far faster than a person clicks (test/server/request-limits.test.ts
        // runs the per-account and per-address limits on their own).
        accountRequestsPerMinute: 100_000,
        accountLargeBodiesPerMinute: 1000,
        failedTokensPerMinute: 100_000,
        anonymousRequestsPerMinute: 100_000,
        ...options.limits,
      },
      ...(options.webRoot !== undefined && { webRoot: options.webRoot }),
    });
    // Checked against the document the server serves: names and examples from these definitions.
    const api = new Api(app, new OpenApiChecker(openApiDocument(simulated, programmeTerms(engine.definitions.list()))));
    const harness = new ServerHarness(app, api, engine, clock, accounts, store, drafts, dataDir, attachments);
    await accounts.create({ username: 'admin', password: PASSWORD, roles: ['admin'], displayName: '系统管理员' });
    harness.adminToken = await harness.login('admin');
    harness.tokens.set('admin', harness.adminToken);
    return harness;
  }

  /** POST /api/session; the token. */
  async login(username: string, password = PASSWORD): Promise<string> {
    const response = await this.api.post('/api/session', { body: { username, password } });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${response.text}`);
    const token = (response.body as { token: string }).token;
    this.tokens.set(username, token);
    return token;
  }

  /**
   * Creates a user over HTTP as admin and logs it in. A park's account names its province (CONTRACT
   * §6): by default P-003 lies in 330000 and every other park in 320000.
   */
  async user(username: string, roles: string[], province = provinceOfParks(roles)): Promise<string> {
    const response = await this.api.post('/api/users', {
      token: this.adminToken,
      body: { username, password: PASSWORD, roles, ...(province !== undefined && { province }) },
    });
    if (response.status !== 201) throw new Error(`create ${username}: ${response.status} ${response.text}`);
    return this.login(username);
  }

  token(username: string): string {
    const token = this.tokens.get(username);
    if (token === undefined) throw new Error(`no user ${username}`);
    return token;
  }

  /** POST /api/admin/clock (due timers fire); sessions run on the machine's clock, so they live on. */
  async advanceTo(instant: string): Promise<number> {
    const response = await this.api.post('/api/admin/clock', { token: this.adminToken, body: { advanceTo: instant } });
    if (response.status !== 200) throw new Error(`advance to ${instant}: ${response.status} ${response.text}`);
    return (response.body as { timersFired: number }).timersFired;
  }

  /** The form's examples[0] as served (GET …/forms/:formKey) with `patch` merged on (RFC 7396). */
  async example(formKey: string, patch: unknown = {}): Promise<Record<string, unknown>> {
    const response = await this.api.get(`/api/definitions/${PROCESS}/${VERSION}/forms/${formKey}`);
    const schema = response.body as { examples: unknown[] };
    return applyMergePatch(schema.examples[0], patch) as Record<string, unknown>;
  }

  /**
   * `data` with each attachment id the user may not read replaced by a file it uploads now: a form may
   * refer only to files its sender may read (the examples' ids were never uploaded).
   */
  async withUploads<T>(username: string, data: T): Promise<T> {
    const uploads = new Map<string, string>();
    for (const id of attachmentIds(data)) {
      if ((await this.api.get(`/api/attachments/${id}/meta`, { token: this.token(username) })).status === 200) continue;
      const response = await this.api.post('/api/attachments', {
        token: this.token(username),
        raw: tinyPdf(id),
        type: 'application/pdf',
        headers: { 'X-File-Name': 'example.pdf' },
      });
      if (response.status !== 201) throw new Error(`upload as ${username}: ${response.status} ${response.text}`);
      uploads.set(id, (response.body as { id: string }).id);
    }
    return JSON.parse(JSON.stringify(data), (_key, value: unknown) =>
      typeof value === 'string' ? (uploads.get(value) ?? value) : value,
    ) as T;
  }

  /** GET /api/tasks as the user. */
  async tasks(username: string): Promise<TaskView[]> {
    const response = await this.api.get('/api/tasks', { token: this.token(username) });
    return response.body as TaskView[];
  }

  /** The user's open task `taskId` on the case (the oldest), from GET /api/tasks. */
  async task(username: string, caseId: string, taskId: string): Promise<TaskView> {
    const task = (await this.tasks(username)).find((open) => open.caseId === caseId && open.taskId === taskId);
    if (task === undefined) throw new Error(`${username} has no open ${taskId} on ${caseId}`);
    return task;
  }

  /** Completes the user's open task `taskId` on the case with the form example plus `patch`; expects 200. */
  async complete(username: string, caseId: string, taskId: string, patch: unknown = {}): Promise<CaseView> {
    const task = await this.task(username, caseId, taskId);
    const data = await this.withUploads(username, await this.example(task.formKey, patch));
    const response = await this.api.post(`/api/tasks/${task.ref}/complete`, {
      token: this.token(username),
      body: { data },
    });
    if (response.status !== 200) throw new Error(`${username} ${taskId}: ${response.status} ${response.text}`);
    return response.body as CaseView;
  }

  /** GET /api/cases/:id as admin. */
  async case(caseId: string): Promise<CaseView> {
    const response = await this.api.get(`/api/cases/${caseId}`, { token: this.adminToken });
    return response.body as CaseView;
  }

  async close(): Promise<void> {
    await this.drafts.close();
    await this.engine.close();
    await this.accounts.close();
    await this.store.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** The province the harness's parks lie in: P-003 in 330000, the others in 320000. */
export function provinceOfParks(roles: readonly string[]): string | undefined {
  const park = roles.find((role) => role.startsWith('park:'));
  if (park === undefined) return undefined;
  return park === 'park:P-003' ? '330000' : '320000';
}

/** Users for every role of the process: parks P-001 (320000), P-002 (320000), P-003 (330000), … */
export const ROLE_USERS: Record<string, string[]> = {
  park1: ['park:P-001'],
  park2: ['park:P-002'],
  park3: ['park:P-003'],
  province: ['province:320000'],
  province2: ['province:330000'],
  group: ['province-leading-group:320000'],
  group2: ['province-leading-group:330000'],
  samr: ['samr'],
  moa: ['ministry:moa'],
  mofcom: ['ministry:mofcom'],
  mct: ['ministry:mct'],
  cnipa: ['ministry:cnipa'],
  expert: ['expert'],
  policy: ['policy-admin'],
};

/** Creates the ROLE_USERS (or a subset) over HTTP. */
export async function withUsers(h: ServerHarness, names = Object.keys(ROLE_USERS)): Promise<void> {
  for (const name of names) await h.user(name, ROLE_USERS[name] ?? []);
}

/** Starts a case as park1 and runs the creation phase over HTTP to `creating`. */
export async function throughCreation(h: ServerHarness, park = 'park1'): Promise<CaseView> {
  const parkId = (ROLE_USERS[park]?.[0] ?? '').replace('park:', '');
  const started = await h.api.post('/api/cases', {
    token: h.token(park),
    body: { process: PROCESS, park: parkId, province: parkId === 'P-003' ? '330000' : '320000' },
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${started.text}`);
  const { id } = started.body as CaseView;
  const province = parkId === 'P-003' ? '2' : '';
  await h.complete(park, id, 'submitCreationApplication', { parkType: 'industry' });
  await h.complete(`province${province}`, id, 'provincialFeasibilityReview');
  await h.complete(`group${province}`, id, 'provincialLeadingGroupReview');
  for (const ministry of MINISTRIES) await h.complete(ministry, id, 'departmentOpinion');
  return h.complete('samr', id, 'samrCreationApproval');
}

/** From park1's case in `creating` with acceptance open (2025-04-02), through expert evaluation: the notice opens. */
export async function throughAcceptance(h: ServerHarness, caseId: string): Promise<CaseView> {
  await h.advanceTo('2025-04-02T09:00:00+08:00');
  await h.complete('park1', caseId, 'submitAcceptanceApplication');
  await h.complete('province', caseId, 'provincialAcceptanceReview');
  await h.complete('group', caseId, 'provincialLeadingGroupAcceptanceReview');
  for (const ministry of MINISTRIES) await h.complete(ministry, caseId, 'departmentOpinion');
  await h.complete('samr', caseId, 'samrAcceptanceReview');
  return h.complete('expert', caseId, 'expertEvaluation');
}
