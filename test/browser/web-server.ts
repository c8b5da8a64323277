import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { listeningPort, TEST_HASH_COST, testServerEntry } from '../server/http-client.js';
import { inject } from 'vitest';
import { buildWebApp } from './web-build.js';
import { tinyPdf } from '../support/tiny-pdf.js';

export { buildWebApp };

/** The sandbox clock's start in browser tests (CONTRACT §6 `CLOCK_START`). */
export const CLOCK_START = '2024-04-01T09:00:00+08:00';
export const ADMIN_PASSWORD = 'root-secret-for-browser-tests';
export const USER_PASSWORD = 'browser-test-password';

export interface ApiCall {
  token?: string | undefined;
  /** Call as this user (created by `createUsers`): logged in as needed, again after a 401. */
  as?: string;
  body?: unknown;
  /** A raw body (an upload); `fileName` goes in `X-File-Name`. */
  raw?: Buffer;
  fileName?: string;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * The real server (`server/main.ts`) as a child process, serving a fresh build of the web app, on a
 * free port with its own data directory and the sandbox clock. One per test file: start it in
 * `beforeAll`, `stop()` it in `afterAll`.
 */
export interface WebServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The server's embedded store (DATA_DIR), for a test that damages a file as a disk would. */
  readonly dataDir: string;
  /** The admin's token from the start (`as: 'admin'` logs in again when it has expired). */
  readonly adminToken: string;
  call<T = unknown>(method: string, path: string, options?: ApiCall): Promise<ApiAnswer<T>>;
  /** Like `call`, but a status outside 2xx throws with the server's answer. */
  ok<T = unknown>(method: string, path: string, options?: ApiCall): Promise<T>;
  /** Creates users (password USER_PASSWORD) and logs each in. */
  createUsers(users: Readonly<Record<string, readonly string[]>>): Promise<void>;
  /**
   * The user's latest token. Sessions expire on the sandbox clock (12 h): after a jump, call with
   * `as: username` instead, which logs in again on a 401.
   */
  token(username: string): string;
  /** Moves the sandbox clock (POST /api/admin/clock), firing due timers; the admin logs in again. */
  advanceTo(instant: string): Promise<void>;
  /** The server's log so far (shown when something fails). */
  log(): string;
  stop(): Promise<void>;
}

export interface WebServerOptions {
  clockStart?: string;
  /** More environment for the server process (e.g. DEFINITIONS_DIR). */
  env?: Readonly<Record<string, string>>;
  /** A web build to serve instead of the browser project's shared one (test/browser/global-setup.ts). */
  webRoot?: string;
  /** How long the server may take to answer (default 30 s; a shared, loaded machine needs more). */
  startTimeoutMs?: number;
}

const ROOT = process.cwd();

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string, wait: number): Promise<void> {
  const deadline = Date.now() + wait;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer within ${String(wait / 1000)} s:\n${log()}`);
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const temp = await mkdtemp(join(tmpdir(), 'qbz-web-'));
  const webRoot = options.webRoot ?? inject('webRoot');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The system chooses the port, and the server says which (listeningPort).
    PORT: '0',
    DATA_DIR: join(temp, 'data'),
    WEB_ROOT: webRoot,
    CLOCK: 'simulated',
    CLOCK_START: options.clockStart ?? CLOCK_START,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  // Dozens of accounts per file: at the default cost their hashing was most of a file's time. A
  // sandbox setting: a server on the real clock refuses it, and hashes as in production.
  if (env.CLOCK === 'simulated') env.PASSWORD_HASH_COST = String(TEST_HASH_COST);
  const child = spawn(process.execPath, [...testServerEntry()], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () => output;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(temp, { recursive: true, force: true });
  };

  // SERVER_START_TIMEOUT_MS: more time on a machine shared by many jobs.
  const wait = options.startTimeoutMs ?? Number(process.env.SERVER_START_TIMEOUT_MS ?? 60_000);
  let url: string;
  try {
    url = `http://127.0.0.1:${await listeningPort(child, wait, log)}`;
    await waitUntilUp(url, child, log, wait);
  } catch (error) {
    await stop();
    throw error;
  }

  const login = async (username: string, password: string) => {
    const response = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };
  const passwords = new Map<string, string>([['admin', ADMIN_PASSWORD]]);
  const tokens = new Map<string, string>();
  const token = async (username: string, fresh = false) => {
    const known = tokens.get(username);
    if (known !== undefined && !fresh) return known;
    const password = passwords.get(username);
    if (password === undefined) throw new Error(`no user ${username}: createUsers first`);
    const created = await login(username, password);
    tokens.set(username, created);
    return created;
  };

  const call = async <T>(
    method: string,
    path: string,
    options: ApiCall = {},
    retried = false,
  ): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = {};
    const bearer = options.as === undefined ? options.token : await token(options.as, retried);
    if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`;
    let body: BodyInit | undefined;
    if (options.raw !== undefined) {
      headers['Content-Type'] = 'application/octet-stream';
      if (options.fileName !== undefined) headers['X-File-Name'] = encodeURIComponent(options.fileName);
      body = new Uint8Array(options.raw);
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined && { body }) });
    if (response.status === 401 && options.as !== undefined && !retried) return call<T>(method, path, options, true);
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  /**
   * A form may refer only to files its sender may read: the examples' attachment ids name no file, so
   * each id the sender cannot read is replaced by a file it uploads now (the public: a public upload).
   */
  const withUploads = async (options: ApiCall): Promise<ApiCall> => {
    const data = (options.body as { data?: unknown } | undefined)?.data;
    if (data === undefined) return options;
    let text = JSON.stringify(data);
    for (const id of attachmentIds(data)) {
      const readable =
        options.as !== undefined &&
        (await call('GET', `/api/attachments/${id}/meta`, { as: options.as })).status === 200;
      if (readable) continue;
      const path = options.as === undefined ? '/api/public/attachments' : '/api/attachments';
      const upload = await call<{ id: string }>('POST', path, {
        ...options,
        raw: tinyPdf(id),
        fileName: 'example.pdf',
      });
      if (upload.status !== 201) throw new Error(`upload for ${id}: ${upload.status} ${JSON.stringify(upload.body)}`);
      text = text.replaceAll(id, upload.body.id);
    }
    return { ...options, body: { ...(options.body as object), data: JSON.parse(text) as unknown } };
  };
  const SUBMITS = /^\/api\/(tasks\/[^/]+\/complete|cases\/[^/]+\/messages\/[^/]+|public\/notices\/[^/]+\/objections)$/;
  const ok = async <T>(method: string, path: string, given: ApiCall = {}): Promise<T> => {
    const options = method === 'POST' && SUBMITS.test(path) ? await withUploads(given) : given;
    const answer = await call<T>(method, path, options);
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  let adminToken: string;
  try {
    adminToken = await token('admin');
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    dataDir: env.DATA_DIR ?? '',
    adminToken,
    call,
    ok,
    log,
    stop,
    async createUsers(users) {
      for (const [username, roles] of Object.entries(users)) {
        await ok('POST', '/api/users', {
          as: 'admin',
          // A park's account names its province (CONTRACT §6); the browser tests' parks lie in 320000.
          body: {
            username,
            password: USER_PASSWORD,
            roles,
            displayName: username,
            ...(roles.some((role) => role.startsWith('park:')) && { province: '320000' }),
          },
        });
        passwords.set(username, USER_PASSWORD);
        await token(username, true);
      }
    },
    token(username) {
      const known = tokens.get(username);
      if (known === undefined) throw new Error(`no user ${username}: createUsers first`);
      return known;
    },
    async advanceTo(instant) {
      await ok('POST', '/api/admin/clock', { as: 'admin', body: { advanceTo: instant } });
    },
  };
}
