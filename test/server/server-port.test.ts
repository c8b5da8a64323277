import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer, type ServerProcess } from './http-client.js';

/**
 * A test's server learns its port from the server itself (server/listening-report.ts): two test
 * files once had the same port, and one went on against the other's server until it stopped.
 */
describe('the port a server listens on', () => {
  let dataDir = '';
  let first: ServerProcess | undefined;
  const env = () => ({
    DATA_DIR: join(dataDir, 'data'),
    ADMIN_PASSWORD: 'port-test-secret-9c1f',
    CLOCK: 'simulated',
    CLOCK_START: '2024-04-01T09:00:00+08:00',
    WEB_ROOT: join(dataDir, 'no-web'),
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'qbz-port-'));
    first = await startServer(env());
  });
  afterAll(async () => {
    if (first !== undefined) await stopServer(first);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is chosen by the system with PORT=0 and reported to the parent', async () => {
    const port = Number(new URL(first?.base ?? '').port);
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`${first?.base ?? ''}/api/health`)).status).toBe(200);
  });

  it('taken by another server: the new one fails to start, not answered for by the other', async () => {
    const taken = Number(new URL(first?.base ?? '').port);
    const second = startServer({ ...env(), DATA_DIR: join(dataDir, 'other') }, taken, { readyWithin: 60_000 });
    await expect(second).rejects.toThrow(/exited before it was ready[\s\S]*EADDRINUSE/);
  }, 90_000);
});
