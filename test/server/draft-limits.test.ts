import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import { readVersionSource } from '../../engine/definitions/read-definitions.js';
import { LIMIT, runOffThread } from '../../server/drafts/off-thread.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { PROCESS, ServerHarness, VERSION, withUsers } from './harness.js';

/** Issue 9, item 5: the designer's validation and simulation run off the request thread, within limits. */
describe('draft jobs within limits', () => {
  let h: ServerHarness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fixture = await definitionsWithRevisions([]);
    cleanup = fixture.cleanup;
    for (const dir of ['calendars', 'directory'])
      await cp(join('definitions', dir), join(fixture.root, dir), { recursive: true });
    h = await ServerHarness.create({ definitionsRoot: fixture.root });
    await withUsers(h, ['policy']);
  }, 120_000);
  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  it('stops a job over its time limit and reports 超出限制, never hangs', async () => {
    const source = await readVersionSource(join('definitions', PROCESS, VERSION));
    const context = { calendars: new Set(['cn']), directories: new Map() };
    const error: unknown = await runOffThread(
      { kind: 'validate', source, context },
      { timeMs: 50, memoryMb: 256 },
    ).catch((reason: unknown) => reason);
    expect(isEngineError(error, 'validation')).toBe(true);
    expect((error as Error).message).toContain(LIMIT);
  }, 60_000);

  it('answers a 3,000-step simulation with a limit problem while GET /api/health answers promptly', async () => {
    const token = h.token('policy');
    const created = await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } });
    const id = (created.body as { id: string }).id;
    const example = JSON.parse(await readFile(join('test', 'scenarios', 'contract-example.json'), 'utf8')) as {
      steps: unknown[];
    };
    const steps = Array.from({ length: 3000 }, () => ({ advance: 'P1D' }));
    const simulation = h.api.post(`/api/drafts/${id}/simulate`, {
      token,
      body: { scenarios: [{ ...example, steps: [...example.steps.slice(0, 1), ...steps] }] },
    });
    const started = performance.now();
    const health = await h.api.get('/api/health');
    const healthMs = performance.now() - started;
    expect(health.status).toBe(200);
    // The measure: health was blocked for minutes; here it answers within a second.
    expect(healthMs).toBeLessThan(1000);
    const answer = await simulation;
    expect(answer.status).toBe(200);
    const [result] = answer.body as { error?: string }[];
    expect(result?.error).toContain(LIMIT);
  }, 120_000);
});
