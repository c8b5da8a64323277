import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { OpenApiChecker } from './openapi-checker.js';

export interface FetchResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * One call with `fetch` to a server on a socket, checked against the OpenAPI document like the
 * supertest helpers: request body (must match) and response status and body.
 */
export async function fetchChecked(
  checker: OpenApiChecker,
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<FetchResult> {
  checker.checkRequest(method, path, options.body, 'valid');
  const response = await fetch(`${base}${path}`, {
    method: method.toUpperCase(),
    headers: {
      ...(options.token !== undefined && { Authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? undefined;
  const body: unknown = contentType?.startsWith('application/json') === true ? JSON.parse(text) : undefined;
  checker.checkResponse(method, path, { status: response.status, contentType, body, length: text.length });
  return { status: response.status, body, headers: response.headers };
}

/** A TCP port nothing listens on right now. */
/** Whether nothing listens on `port` (probed as the server listens: every interface). */
function unused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      resolve(false);
    });
    probe.listen(port, () => {
      probe.close(() => {
        resolve(true);
      });
    });
  });
}

/** A port the system hands out (`listen(0)`): free once the probe has closed, until someone takes it. */
function systemPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/** Each Vitest worker's ports: a range of its own, below the system's ephemeral ports (32768 up). */
const FIRST_PORT = 20_000;
const PORTS_PER_WORKER = 2_000;
let handedOut = 0;

/**
 * A port for a server process a test starts. Within Vitest each worker (VITEST_POOL_ID) takes the
 * ports of its own range in turn: from `listen(0)`, two workers were once given the same port before
 * either server listened, and one test's health check was answered by the other file's server, then
 * refused once that stopped (CI). Outside Vitest (a bench, a script): a port the system hands out.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID);
  if (!Number.isInteger(worker) || worker < 1) return systemPort();
  const first = FIRST_PORT + ((worker - 1) % 6) * PORTS_PER_WORKER;
  for (let tried = 0; tried < PORTS_PER_WORKER; tried += 1) {
    const port = first + (handedOut++ % PORTS_PER_WORKER);
    if (await unused(port)) return port;
  }
  throw new Error(`no free port in ${String(first)}–${String(first + PORTS_PER_WORKER - 1)}`);
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** What the server wrote to stderr and stdout (for failure messages). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How a server process is started and awaited. */
export interface StartOptions {
  /** How long start-up may take (ms; a loaded machine takes long over it). */
  readyWithin?: number;
  /** Node options before the entry point (e.g. `--cpu-prof` for a bench). */
  nodeArgs?: readonly string[];
  /** How often /api/health is asked while it starts (ms): a bench timing the start asks often. */
  pollMs?: number;
  /** What node runs: default `testServerEntry()`; a bench of `npm start` passes dist's bundle. */
  entry?: readonly string[];
}

/** scrypt's N for the accounts of servers tests start on the simulated clock (PASSWORD_HASH_COST). */
export const TEST_HASH_COST = 2 ** 10;

/** The server from its sources. */
export const SOURCE_ENTRY = ['--import', 'tsx', 'server/main.ts'] as const;
/** Names the run's server bundle (test/support/server-bundle.ts, the tests' global set-up). */
export const SERVER_BUNDLE_ENV = 'QBZ_TEST_SERVER_BUNDLE';

/** The server a test starts: the run's bundle when there is one, else (a bench, a script) the sources. */
export function testServerEntry(): readonly string[] {
  const bundle = process.env[SERVER_BUNDLE_ENV];
  return bundle === undefined ? SOURCE_ENTRY : [join(bundle, 'main.js')];
}
/** The server as `npm start` runs it: the bundle `npm run build` writes (server/bundle.ts). */
export const BUILT_ENTRY = ['dist/node/server/main.js'] as const;

/**
 * Starts the server (`options.entry`, default `testServerEntry()`) with `env` and waits until GET
 * /api/health answers — the real server, for tests and benches that need a process of its own.
 */
export async function startServer(
  env: Record<string, string>,
  port: number,
  options: StartOptions | number = {},
): Promise<ServerProcess> {
  const {
    readyWithin = 30_000,
    nodeArgs = [],
    pollMs = 100,
    entry = testServerEntry(),
  } = typeof options === 'number' ? { readyWithin: options } : options;
  // A server on the simulated clock hashes its accounts cheaply (a sandbox setting, refused on the
  // real clock): at the default cost, making and signing in accounts was most of a test's time.
  const sandbox = env.CLOCK === 'simulated' ? { PASSWORD_HASH_COST: String(TEST_HASH_COST) } : {};
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...sandbox, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A failing test or bench must not leave the server running.
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', kill);
      resolve({ code, signal });
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithin;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in ${readyWithin / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return { child, base, output: () => output, exited };
}

/** SIGTERM, then the exit: the server shuts down cleanly (and writes a CPU profile it was asked for). */
export async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  await server.exited;
}
