import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runningServer, SERVER_MARKER } from '../../engine/store/data-dir-marker.js';
import { openStore } from '../../engine/store/open-store.js';

/** A process that has exited: its pid names no live process (a server killed with kill -9). */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

describe('server.pid: the data directory a running server uses', () => {
  let dir = '';
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is written by the embedded store a server opens, names a live server, and a stale one is ignored', async () => {
    dir = await mkdtemp(join(tmpdir(), 'qbz-marker-'));
    const opened = await openStore({ dataDir: dir });
    expect((await readFile(join(dir, SERVER_MARKER), 'utf8')).trim()).toBe(String(process.pid));
    await opened.store.close();

    const live = spawn('sleep', ['30']);
    try {
      await writeFile(join(dir, SERVER_MARKER), `${live.pid ?? 0}\n`);
      expect(runningServer(dir)).toBe(live.pid);
    } finally {
      live.kill();
    }
    await writeFile(join(dir, SERVER_MARKER), `${await deadPid()}\n`);
    expect(runningServer(dir)).toBeUndefined();
  });
});
