import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/demo-accounts.js';
import { postgresAvailable } from '../support/postgres.js';
import { startServer, stopServer, type ServerProcess } from './http-client.js';
import { freshDatabase } from './shared-database.js';

const postgresUp = await postgresAvailable();
const DEMO_PASSWORD = /password for all: (\S+)\)/;

/**
 * Two `npm start` processes started at the same moment on one empty database (README "Several
 * processes on one database"): both find no accounts, and both would make the demo accounts, each
 * with a password of its own. One makes them; the other says so and prints no password.
 */
describe.skipIf(!postgresUp)('two server processes started at once on an empty database', () => {
  const servers: ServerProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const server of servers) await stopServer(server);
    for (const cleanup of cleanups) await cleanup();
  });

  it('makes the demo accounts once, and the password printed opens every one through both', async () => {
    // Given an empty database and two servers started on it at once, without ADMIN_PASSWORD
    const database = await freshDatabase('qbz_first');
    const dataDir = await mkdtemp(join(tmpdir(), 'qbz-first-'));
    cleanups.push(database.drop, () => rm(dataDir, { recursive: true, force: true }));
    // On a sandbox, whose accounts hash cheaply (startServer): 14 demo accounts made and 14 logins at
    // the default cost were most of this test's half minute, and the clock plays no part in it.
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, CLOCK: 'simulated' };
    servers.push(
      ...(await Promise.all([
        startServer(env, 0, { readyWithin: 180_000 }),
        startServer(env, 0, { readyWithin: 180_000 }),
      ])),
    );

    // Then exactly one printed the demo accounts
    const printed = servers.map((server) => DEMO_PASSWORD.exec(server.output())?.[1]);
    expect(printed.filter((password) => password !== undefined)).toHaveLength(1);
    const password = printed.find((password) => password !== undefined) ?? '';

    // And its password opens every demo account, through either process
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const server = servers[index % servers.length];
      const answer = await fetch(`${server?.base ?? ''}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: account.username, password }),
      });
      expect(answer.status, account.username).toBe(200);
    }
  }, 300_000);
});
