// One server process (server/main.ts starts it, or WORKERS of them): the engine on the embedded store
// (or PostgreSQL with DATABASE_URL), the HTTP API and the web app, on one port.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pino } from 'pino';
import {
  SimulatedClock,
  SystemClock,
  WorkflowEngine,
  damageOf,
  isEngineError,
  openStore,
  parseChinaInstant,
  type Clock,
} from '../engine/index.js';
import { Accounts } from './accounts/accounts.js';
import { sandboxHashCost } from './accounts/password.js';
import { createApp } from './app.js';
import { appServer } from './body-deadline.js';
import { UnlinkedSweeper } from './attachment-sweep.js';
import { FormDrafts } from './form-drafts.js';
import { AttachmentStore } from './attachments.js';
import { ClockPosition } from './clock-position.js';
import { RoleCatalogue } from './accounts/roles.js';
import { demoAccountsFor } from './demo-accounts.js';
import { DraftService } from './drafts/drafts.js';
import { emailChannelFromEnvironment } from './notify/email-channel.js';
import { TimerScheduler } from './timer-scheduler.js';
import { accountRequestsFromEnvironment } from './request-limits.js';
import { answerClientErrors } from './client-errors.js';
import { reportListening } from './listening-report.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const definitionsDir = resolve(process.env.DEFINITIONS_DIR ?? 'definitions');
const webRoot = resolve(process.env.WEB_ROOT ?? 'dist/web');
const hashCost = settingOrExit(() => sandboxHashCost(process.env));
const accountRequestsPerMinute = settingOrExit(() => accountRequestsFromEnvironment(process.env));

/** A setting read at start: a refused one stops the server with its reason, not a stack trace. */
function settingOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/** TRUST_PROXY: `true`, `false`, a hop count, or addresses/subnets (express's `trust proxy`); default loopback. */
function trustProxy(value = process.env.TRUST_PROXY): boolean | number | string {
  if (value === undefined || value === '') return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

// DATABASE_URL selects PostgreSQL (migrations applied now); unset, the embedded store in DATA_DIR.
// Every damaged file the embedded store meets is logged at error with its path (README, "Storage").
const opened = await openStore({
  databaseUrl: process.env.DATABASE_URL,
  dataDir,
  onDamaged: (damage) => {
    logger.error({ damage }, `数据文件损坏 / damaged data file: ${damage.file}`);
  },
}).catch((error: unknown) => {
  logger.fatal(
    { err: error },
    `无法打开存储 / cannot open the store: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
const { store } = opened;

/** CLOCK_START: an ISO instant; without an offset it is China time, not the machine's zone. */
function clockStart(text: string): Date {
  try {
    return parseChinaInstant(text);
  } catch {
    throw new Error(`CLOCK_START is not an ISO instant: ${text}`);
  }
}

/**
 * CLOCK=simulated starts at CLOCK_START (default now) and after a restart goes on from where it was:
 * a later CLOCK_START moves it on; without one, it stays where it was (it jumped to the machine's day).
 */
async function clockFromEnvironment(): Promise<{ clock: Clock; simulated?: SimulatedClock }> {
  if (process.env.CLOCK !== 'simulated') return { clock: new SystemClock() };
  const start = process.env.CLOCK_START === undefined ? undefined : clockStart(process.env.CLOCK_START);
  // A damaged clock file (logged by the store) costs the position reached, not the start.
  const stored = await store.get<{ now: string }>('system', 'clock').catch((error: unknown) => {
    if (damageOf(error) === undefined) throw error;
    return undefined;
  });
  const reached = stored === undefined ? undefined : new Date(stored.now);
  const known = reached !== undefined && !Number.isNaN(reached.getTime()) ? reached : undefined;
  const from = known === undefined || (start !== undefined && start > known) ? (start ?? new Date()) : known;
  const simulated = new SimulatedClock(from);
  return { clock: simulated, simulated };
}

/**
 * The first accounts of an empty store: admin from ADMIN_PASSWORD, or the demo accounts with a
 * password printed once. Admin comes first, created only if absent: of two processes started at
 * once on an empty database, the one that makes it makes the rest, and the other says so instead of
 * printing a password that is not the one stored.
 */
async function firstStart(accounts: Accounts, catalogue: RoleCatalogue): Promise<void> {
  if ((await accounts.count()) > 0) return;
  const adminPassword = process.env.ADMIN_PASSWORD;
  const demo = adminPassword === undefined || adminPassword === '';
  const password = demo ? `demo-${randomBytes(6).toString('base64url')}` : adminPassword;
  const demoAccounts = demoAccountsFor((roles) => {
    catalogue.check(roles);
  });
  const made = demo ? demoAccounts.made : [{ username: 'admin', roles: ['admin'], displayName: '系统管理员' }];
  const isAdmin = (account: { username: string }) => account.username === 'admin';
  const admin = made.find(isAdmin);
  const others = made.filter((account) => !isAdmin(account));
  if (admin === undefined) throw new Error('the first accounts have no admin');
  try {
    await accounts.create({ ...admin, password });
  } catch (error) {
    if (!isEngineError(error)) throw error;
    if (error.code === 'conflict') {
      logger.info('first start: another server process created the first accounts (its output shows them)');
      return;
    }
    // A refused ADMIN_PASSWORD is a setting to fix, said plainly, not a stack trace.
    logger.fatal(`ADMIN_PASSWORD 不可用：${error.message} / ADMIN_PASSWORD refused`);
    process.exit(1);
  }
  if (!demo) {
    logger.info('first start: created user admin (password from ADMIN_PASSWORD)');
    return;
  }
  await Promise.all(others.map((account) => accounts.create({ ...account, password })));
  const lines = demoAccounts.made.map(
    (account) => `  ${account.username.padEnd(16)} ${account.roles.join(', ').padEnd(34)} ${account.displayName}`,
  );
  process.stdout.write(
    `\n演示账号 / demo accounts (shown once; password for all: ${password})\n${lines.join('\n')}\n` +
      (demoAccounts.leftOut.length === 0
        ? ''
        : `未创建 / not made (their roles are not in these definitions): ${demoAccounts.leftOut.join(', ')}\n` +
          `  在「账号管理」中为本项目的各组创建账号 / make this programme's accounts on the account page\n`) +
      `Set ADMIN_PASSWORD on an empty data directory to start with only an admin account instead.\n\n`,
  );
}

const { clock, simulated } = await clockFromEnvironment();
// Several processes on one database (README): the simulated clock's position is shared through the
// store, and before every API request this process takes in what the others changed.
const shared = store.shared !== undefined;
const position = simulated !== undefined && shared ? new ClockPosition(store, simulated) : undefined;
// E-mail notifications only when SMTP_URL is set; every message is recorded either way.
const notificationChannel = emailChannelFromEnvironment(process.env);
// The stored cases load behind the listening server (a cold start answers at once, docs/benchmarks.md
// "Waking up"): /api/health answers meanwhile, every other API request waits for them.
const loadStarted = performance.now();
const engine = await WorkflowEngine.open({
  definitions: definitionsDir,
  store,
  clock,
  loadCases: 'background',
  ...(notificationChannel !== undefined && { notificationChannel }),
});
// Sessions run on the machine's clock: advancing the sandbox clock must not log anyone out (CONTRACT §6).
const accounts = new Accounts(store, hashCost === undefined ? {} : { hashCost });
await firstStart(accounts, new RoleCatalogue(engine));
await accounts.purgeExpiredSessions();
const attachments = new AttachmentStore(
  dataDir,
  store,
  Math.floor(Number(process.env.ATTACHMENT_MAX_MB ?? 20) * 1024 * 1024),
  Number(process.env.ATTACHMENT_UNLINKED_HOURS ?? 24) * 60 * 60_000,
);
const formDrafts = new FormDrafts(store);
// Uploads no case took up within ATTACHMENT_UNLINKED_HOURS are deleted, every ATTACHMENT_SWEEP_MINUTES,
// unless a form draft cites them; the drafts of tasks no longer open go first.
const sweeper = new UnlinkedSweeper(
  attachments,
  () => engine.clock.now(),
  Number(process.env.ATTACHMENT_SWEEP_MINUTES ?? 60) * 60_000,
  (result) => {
    if (result instanceof Error) logger.error({ err: result }, 'sweeping unlinked uploads failed');
    else if (result.records > 0 || result.files > 0) logger.info(result, 'unlinked uploads deleted');
  },
  async () => {
    await engine.sync();
    return formDrafts.sweep(
      (ref) => engine.caseOfTask(ref) !== undefined,
      engine.clock.now(),
      attachments.keepUnlinkedMs,
    );
  },
);
// The designer's validation and simulation workers; stopped on shutdown.
const drafts = new DraftService(engine, store, { nameOf: (account) => accounts.nameOf(account) });
const app = createApp({
  engine,
  store,
  drafts,
  formDrafts,
  accounts,
  attachments,
  logger,
  trustProxy: trustProxy(),
  ...(accountRequestsPerMinute !== undefined && { limits: { accountRequestsPerMinute } }),
  ...(simulated !== undefined && {
    simulatedClock: simulated,
    // Remember how far the sandbox clock got, so a restart does not move it back.
    onClockAdvanced: (now: Date) =>
      position === undefined ? store.put('system', 'clock', { now: now.toISOString() }) : position.save(),
  }),
  ...(shared && {
    beforeApi: async () => {
      await position?.catchUp();
      await engine.sync();
    },
  }),
  ...(existsSync(webRoot) && { webRoot }),
});

const scheduler = simulated === undefined ? new TimerScheduler(engine, logger) : undefined;
let stopping = false;
engine.ready.then(
  () => {
    for (const { caseId, damage } of engine.damaged) {
      logger.error({ caseId, file: damage.file }, `案件 ${caseId} 已隔离（数据文件损坏）; run npm run store:check`);
    }
    logger.info({ ms: Math.round(performance.now() - loadStarted) }, 'cases loaded');
    if (stopping) return;
    scheduler?.start();
    sweeper.start();
  },
  (error: unknown) => {
    logger.fatal(
      { err: error },
      `无法载入案件 / cannot load the cases: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);

// Node's whole-request deadline (5 minutes) is off: the app times bodies, the upload gate uploads (body-deadline.ts).
const server: Server = appServer(app);
const started = (error?: Error) => {
  if (error !== undefined) {
    logger.fatal({ err: error, port }, `无法监听端口 ${port} / cannot listen: ${error.message}`);
    process.exit(1);
  }
  // PORT=0: the port the system chose.
  const address = server.address();
  const listening = typeof address === 'object' && address !== null ? address.port : port;
  logger.info(
    {
      port: listening,
      store: opened.kind,
      where: opened.where,
      dataDir,
      definitionsDir,
      clock: simulated === undefined ? 'system' : 'simulated',
    },
    `listening on http://localhost:${listening}`,
  );
  reportListening(listening);
};
// The port cannot be taken (EADDRINUSE): said as the listen callback's error, as express's app.listen does.
server.once('error', started);
server.listen(port, () => {
  server.off('error', started);
  started();
});
answerClientErrors(server);

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  scheduler?.stop();
  await sweeper.stop();
  await new Promise<void>((done) => {
    server.close(() => {
      done();
    });
  });
  await drafts.close();
  await engine.close();
  if (position !== undefined) await position.save();
  else if (simulated !== undefined) await store.put('system', 'clock', { now: simulated.now().toISOString() });
  await store.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
