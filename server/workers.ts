import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { reportListening } from './listening-report.js';

/** A worker that dies within this long of its start is replaced only after a pause (no busy crash loop). */
const QUICK_DEATH_MS = 5_000;
const RESPAWN_PAUSE_MS = 2_000;
/** How long the workers have to finish their requests on SIGTERM before the supervisor gives up. */
const STOP_WITHIN_MS = 15_000;

/**
 * WORKERS (default 1): how many server processes to run. More than one needs DATABASE_URL — the
 * embedded store is one process's — and a bad value stops the start with what to write instead.
 */
export function workerCount(env: NodeJS.ProcessEnv, logger: Logger): number {
  const text = env.WORKERS?.trim() ?? '';
  if (text === '') return 1;
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > 256) {
    logger.fatal(`WORKERS 应为 1 到 256 的整数 / WORKERS must be a whole number from 1 to 256 (got ${text})`);
    process.exit(1);
  }
  if (count > 1 && (env.DATABASE_URL?.trim() ?? '') === '') {
    logger.fatal(
      'WORKERS 大于 1 时须设置 DATABASE_URL / WORKERS > 1 needs DATABASE_URL (the embedded store serves one process)',
    );
    process.exit(1);
  }
  return count;
}

/**
 * The cluster's primary: starts `count` server processes on the same port (node:cluster hands out
 * the connections). The first is started alone and the others once it listens, so that only it
 * applies migrations and creates the first accounts on an empty database. A worker that dies is
 * replaced; SIGTERM/SIGINT are passed on, and the primary exits once every worker has stopped.
 */
export function superviseWorkers(count: number, logger: Logger): void {
  let stopping = false;
  let exitCode = 0;
  const startedAt = new Map<Worker, number>();
  /** Workers that got as far as listening: one that dies before has a setting to fix, not a crash. */
  const listened = new WeakSet<Worker>();
  cluster.on('listening', (worker) => {
    listened.add(worker);
  });
  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(exitCode);
      return;
    }
    if (!listened.has(worker)) {
      // It said why (store, port, ADMIN_PASSWORD…); starting it again would only say it again.
      logger.fatal(
        { pid: worker.process.pid, code },
        '工作进程未能启动，全部停止 / a worker failed to start: stopping',
      );
      exitCode = 1;
      stop('SIGTERM');
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, '工作进程退出，正在替换 / worker died, replacing it');
    setTimeout(fork, lived < QUICK_DEATH_MS ? RESPAWN_PAUSE_MS : 0);
  });

  const first = fork();
  first.once('listening', (address) => {
    reportListening(address.port);
    for (let index = 1; index < count; index += 1) fork();
    logger.info({ workers: count }, `started ${count} workers`);
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the workers');
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    if (startedAt.size === 0) process.exit(exitCode);
    setTimeout(() => process.exit(1), STOP_WITHIN_MS).unref();
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
}
