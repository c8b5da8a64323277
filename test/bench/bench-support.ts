// What the throughput benches share: a fresh PostgreSQL database of their own, a free port, a row
// of the figures table.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { adminQuery, POSTGRES_URL } from '../support/postgres.js';

/** One figure of a bench's table: what was measured, against its target. */
export interface FigureRow {
  figure: string;
  value: string;
  target: string;
  ok: boolean | '—';
}

/** A new empty database named throughput_*, and how to drop it (benches drop it when done). */
export async function benchDatabase(purpose: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `throughput_${purpose}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });

/** The first figure's load: `uptime`'s one-minute load average, said beside every table. */
export async function machineLine(): Promise<string> {
  const { availableParallelism, loadavg } = await import('node:os');
  return `machine: ${availableParallelism()} cores, load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} at ${new Date().toISOString()}`;
}
