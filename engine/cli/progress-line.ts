import type { CopyProgress } from '../transfer/copy-store.js';

const PHASES: Record<CopyProgress['phase'], string> = {
  'verify-source': '校验源数据 / verifying source',
  copy: '复制 / copying',
  'verify-target': '校验目标 / verifying target',
};

const WIDTH = 30;

/**
 * A progress bar for the copy's three passes, redrawn in place (`\r`) on a terminal, at most once per
 * percent. Not on a terminal (a pipe, a log, CI), only each finished pass is printed, one line each.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): (progress: CopyProgress) => void {
  let shown = '';
  return ({ phase, done, total }) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const key = `${phase}:${percent}`;
    const finished = done >= total;
    if (key === shown && !finished) return;
    shown = key;
    const filled = Math.round((percent / 100) * WIDTH);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
    const line = `${PHASES[phase]} ${bar} ${String(percent).padStart(3)}% ${done}/${total}`;
    if (stream.isTTY) stream.write(`\r${line}${finished ? '\n' : ''}`);
    else if (finished) stream.write(`${line}\n`);
  };
}
