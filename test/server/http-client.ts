import { spawn, type ChildProcess } from 'node:child_process';
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

/**
 * The port `child` (a server started with an IPC channel) reports it listens on
 * (server/listening-report.ts); rejects if it exits first or says nothing within `within` ms. Asking
 * the port for /api/health instead was answered, once, by another test's server that had been given
 * the same port: the test went on against it until that server stopped.
 */
export function listeningPort(child: ChildProcess, within: number, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', heard);
      child.off('close', ended);
    };
    const heard = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('listening' in message)) return;
      done();
      // The channel has said what it was for; open, it would keep this process alive.
      child.disconnect();
      resolve(Number(message.listening));
    };
    const ended = () => {
      done();
      reject(new Error(`server exited before it was ready:\n${output()}`));
    };
    const timer = setTimeout(() => {
      done();
      child.kill('SIGKILL');
      reject(new Error(`server not listening in ${within / 1000} s:\n${output()}`));
    }, within);
    child.on('message', heard);
    // 'close', not 'exit': by then all it wrote (the reason it stopped) has been read.
    child.once('close', ended);
  });
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
  /**
   * Also wait until its cases are loaded (`/api/health` answers `cases: "ready"`): the server answers
   * while it loads them, and what loading logs (a damaged file set aside) may come after the first answer.
   */
  casesLoaded?: boolean;
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
 * Starts the server (`options.entry`, default `testServerEntry()`) with `env` on `port` (0: one the
 * system chooses) and waits until it listens and GET /api/health answers — the real server, for
 * tests and benches that need a process of its own.
 */
export async function startServer(
  env: Record<string, string>,
  port = 0,
  options: StartOptions | number = {},
): Promise<ServerProcess> {
  const {
    readyWithin = 30_000,
    nodeArgs = [],
    pollMs = 100,
    entry = testServerEntry(),
    casesLoaded = false,
  } = typeof options === 'number' ? { readyWithin: options } : options;
  // A server on the simulated clock hashes its accounts cheaply (a sandbox setting, refused on the
  // real clock): at the default cost, making and signing in accounts was most of a test's time.
  const sandbox = env.CLOCK === 'simulated' ? { PASSWORD_HASH_COST: String(TEST_HASH_COST) } : {};
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...sandbox, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // A failing test or bench must not leave the server running.
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', kill);
      resolve({ code, signal });
    });
  });
  const deadline = Date.now() + readyWithin;
  const base = `http://127.0.0.1:${await listeningPort(child, readyWithin, () => output)}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok && (!casesLoaded || ((await response.json()) as { cases?: string }).cases === 'ready')) break;
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
