// What the throughput benches share: a fresh PostgreSQL database of their own, a free port, a row
// of the figures table.
import type { ChildProcess } from 'node:child_process';
import { freshDatabase } from '../server/shared-database.js';

/** One figure of a bench's table: what was measured, against its target. */
export interface FigureRow {
  figure: string;
  value: string;
  target: string;
  ok: boolean | '—';
}

/** A new empty database named throughput_<purpose>_*, and how to drop it (benches drop it when done). */
export function benchDatabase(purpose: string): Promise<{ url: string; drop: () => Promise<void> }> {
  return freshDatabase(`throughput_${purpose}`);
}

/** The machine a table was measured on: cores and `uptime`'s load averages, said beside every table. */
export async function machineLine(): Promise<string> {
  const { availableParallelism, loadavg } = await import('node:os');
  return `machine: ${availableParallelism()} cores, load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} at ${new Date().toISOString()}`;
}

/** Asks each child process of a bench to close (`{ kind: 'close' }`) and waits until all have exited. */
export async function closeChildren(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.send({ kind: 'close' });
        }),
    ),
  );
}
