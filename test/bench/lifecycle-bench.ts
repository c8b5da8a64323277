// Quick measurement: N cases through the whole lifecycle to recognition on the simulated clock,
// `parallel` cases at a time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHarness, throughAcceptance, throughCreation, as } from '../support/engine-harness.js';

const n = Number(process.argv[2] ?? 50);
const parallel = Number(process.argv[3] ?? 1);
async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += parallel) await Promise.all(items.slice(i, i + parallel).map(work));
}
const dataDir = await mkdtemp(join(tmpdir(), 'qbz-bench-'));
const h = await EngineHarness.open({ start: '2024-04-01T09:00:00+08:00', dataDir });
const t0 = performance.now();
const parks = Array.from({ length: n }, (_, i) => `P-${i}`);
const ids = new Map<string, string>();
await inBatches(parks, async (park) => ids.set(park, (await throughCreation(h, park)).id));
const t1 = performance.now();
await h.advanceTo('2025-04-02T09:00:00+08:00');
const t2 = performance.now();
await inBatches(parks, (park) => throughAcceptance(h, ids.get(park) ?? '', park));
const t3 = performance.now();
await h.advanceTo('2025-04-11T09:00:00+08:00');
await inBatches(parks, (park) => h.complete(ids.get(park) ?? '', 'samrRecognition', as('samr')));
const t4 = performance.now();
console.log({
  n,
  parallel,
  creation: Math.round(t1 - t0),
  timers: Math.round(t2 - t1),
  acceptance: Math.round(t3 - t2),
  recognition: Math.round(t4 - t3),
  total: Math.round(t4 - t0),
  perTransition: ((t4 - t0) / (n * 22)).toFixed(2),
});
await h.close();
await rm(dataDir, { recursive: true, force: true });
