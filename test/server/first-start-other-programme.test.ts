import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countyBrandRoot } from '../support/definitions-fixture.js';
import { startServer, stopServer, type ServerProcess } from './http-client.js';

const DEMO_PASSWORD = /password for all: (\S+)\)/;

/**
 * A first start without ADMIN_PASSWORD on a server running another programme (test/programmes/
 * county-brand: counties in cities, no park, province or ministry): the demo accounts whose roles it
 * does not declare are not made (they were, holding roles that granted nothing), and the start says so.
 */
describe('a first start on another programme', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server !== undefined) await stopServer(server);
    for (const cleanup of cleanups) await cleanup();
  });

  it('makes only the demo accounts whose roles its definitions declare, and names the others', async () => {
    const definitions = await countyBrandRoot();
    const dataDir = await mkdtemp(join(tmpdir(), 'qbz-first-other-'));
    cleanups.push(definitions.cleanup, () => rm(dataDir, { recursive: true, force: true }));
    server = await startServer(
      { DATA_DIR: dataDir, DEFINITIONS_DIR: definitions.root, CLOCK: 'simulated', LOG_LEVEL: 'info' },
      0,
      { readyWithin: 120_000 },
    );
    const password = DEMO_PASSWORD.exec(server.output())?.[1];
    expect(password).toBeDefined();
    const session = await fetch(`${server.base}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const { token } = (await session.json()) as { token: string };
    const users = (await (
      await fetch(`${server.base}/api/users`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { username: string; roles: string[] }[];
    expect(users.map((user) => user.username).sort()).toEqual(['admin', 'policy']);
    expect(server.output()).toContain('not made (their roles are not in these definitions): park-js, park-zj');
  }, 180_000);
});
