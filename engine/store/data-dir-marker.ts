import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in a data directory that names the process serving it (`npm start` on the embedded store). */
export const SERVER_MARKER = 'server.pid';

/**
 * Marks `dir` as served by this process until it exits: `<dir>/server.pid` holds the pid, and is
 * removed on exit when it still names this process. `npm run restore` and `npm run store:copy` read it
 * to refuse overwriting the data of a running server. A process killed with `kill -9` leaves the file;
 * it is then ignored, since no process with that pid is alive (see `runningServer`).
 */
export function markServedDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, SERVER_MARKER);
  writeFileSync(file, `${process.pid}\n`);
  process.once('exit', () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone (the directory was moved or removed): nothing to clean.
    }
  });
}

/** The pid of a live process serving `dir`, if its marker names one; undefined when none is alive. */
export function runningServer(dir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, SERVER_MARKER), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, owned by another user; ESRCH: no such process (a stale marker).
    return error instanceof Error && 'code' in error && error.code === 'EPERM' ? pid : undefined;
  }
}
