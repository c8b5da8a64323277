import { cp, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readVersionSource } from '../../engine/definitions/read-definitions.js';
import type { Problem } from '../../engine/definitions/problems.js';
import { isEngineError } from '../../engine/errors.js';
import { JobWorker, LIMIT } from '../../server/drafts/off-thread.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { PROCESS, ServerHarness, VERSION, withUsers, type ApiResponse } from './harness.js';

const FLOW = 'Flow_feasibilityDecision_to_provincialLeadingGroupReview';
/** 10^8 steps, yet every range within the validator's feel-range limit: about a minute of FEEL. */
const SLOW = 'count(for i in 1..10000 return count(for j in 1..10000 return j)) &lt; 0';
/** 10,000 distinct strings of 100 KB: a gigabyte, built in seconds. */
const HUGE = `count(for i in 1..10000 return string join(for j in 1..100 return "${'x'.repeat(1000)}", "")) &lt; 0`;
/** Test limits: a clean validation takes under a second once the worker is up, the FEEL above a minute. */
const LIMITS = { timeMs: 6_000, memoryMb: 512 };

/** The process file with the condition on FLOW replaced (`condition` XML-escaped). */
function withCondition(bpmn: string, condition: string): string {
  const pattern = new RegExp(
    `(<bpmn:sequenceFlow id="${FLOW}"[^>]*>\\s*<bpmn:conditionExpression[^>]*>)[^<]*(</bpmn:conditionExpression>)`,
  );
  const changed = bpmn.replace(pattern, `$1${condition}$2`);
  if (changed === bpmn) throw new Error(`no condition on ${FLOW}`);
  return changed;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Issue 9, item 5: the designer's validation and simulation run off the request thread, within limits. */
describe('draft jobs within limits', () => {
  let h: ServerHarness;
  let root: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const fixture = await definitionsWithRevisions([]);
    root = fixture.root;
    cleanup = fixture.cleanup;
    for (const dir of ['calendars', 'directory'])
      await cp(join('definitions', dir), join(fixture.root, dir), { recursive: true });
    h = await ServerHarness.create({ definitionsRoot: fixture.root, draftLimits: { validation: LIMITS } });
    await withUsers(h, ['policy']);
  }, 120_000);
  afterAll(async () => {
    await h.close();
    await cleanup();
  });

  /** A new draft of the harness's version, its one condition replaced when `condition` is given. */
  async function draft(condition?: string): Promise<string> {
    const token = h.token('policy');
    const created = await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: VERSION } });
    const { id, files } = created.body as { id: string; files: Record<string, string> };
    if (condition !== undefined) {
      const text = withCondition(files['process.bpmn'] ?? '', condition);
      const saved = await h.api.call('put', `/api/drafts/${id}/files`, { token, body: { path: 'process.bpmn', text } });
      expect(saved.status).toBe(200);
    }
    return id;
  }

  const validate = (id: string) => h.api.post(`/api/drafts/${id}/validate`, { token: h.token('policy') });

  it('answers GET /api/health while a validation runs; one over the time limit is the problem 超出限制', async () => {
    const id = await draft(SLOW);
    const answered: string[] = [];
    const validation = validate(id).then((response) => {
      answered.push('validate');
      return response;
    });
    const health = await h.api.get('/api/health');
    answered.push('health');
    expect(health.status).toBe(200);
    const result = await validation;
    expect(answered).toEqual(['health', 'validate']);
    expect(result.status).toBe(200);
    const { ok, problems } = result.body as { ok: boolean; problems: Problem[] };
    expect(ok).toBe(false);
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', check: 'limit' })]);
    expect(problems[0]?.message).toContain(LIMIT);
  }, 120_000);

  it('refuses a publish over the time limit, then validates on a fresh worker and keeps it', async () => {
    const token = h.token('policy');
    const slow = await draft(SLOW);
    const boots = h.drafts.validator.boots;
    const refused = await h.api.post(`/api/drafts/${slow}/publish`, {
      token,
      body: {
        version: '2024-06-01',
        effectiveFrom: '2024-06-01',
        revision: {
          title: '修订通知',
          documentNumber: '国市监质发〔2024〕1号',
          issuedOn: '2024-04-01',
          url: 'https://example.org/n',
        },
      },
    });
    expect(refused.status).toBe(422);
    expect((refused.body as { problems: Problem[] }).problems).toEqual([expect.objectContaining({ check: 'limit' })]);
    expect(await exists(join(root, PROCESS, '2024-06-01'))).toBe(false);
    expect(h.drafts.validator.boots).toBe(boots + 1);

    // The stopped worker is replaced once; later validations reuse the new one.
    const clean = await draft();
    const answers: ApiResponse[] = [await validate(clean), await validate(clean)];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => answer.body)).toEqual([
      { ok: true, problems: [] },
      { ok: true, problems: [] },
    ]);
    expect(h.drafts.validator.boots).toBe(boots + 2);
  }, 180_000);

  it('stops a job over its memory limit with 超出限制 and runs the next one on a fresh worker', async () => {
    const worker = new JobWorker({ timeMs: 120_000, memoryMb: 128 });
    try {
      const source = await readVersionSource(join('definitions', PROCESS, VERSION));
      const bpmn = source.files.get('process.bpmn') ?? '';
      const huge = new Map(source.files).set('process.bpmn', withCondition(bpmn, HUGE));
      const context = { calendars: new Set(['cn']), directories: new Map() };
      const error: unknown = await worker
        .run({ kind: 'validate', source: { ...source, files: huge }, context })
        .catch((reason: unknown) => reason);
      expect(isEngineError(error, 'validation')).toBe(true);
      expect((error as Error).message).toContain(LIMIT);
      expect((error as Error).message).toContain('内存');
      const problems = await worker.run({ kind: 'validate', source, context });
      expect(problems.filter((problem) => problem.check === 'limit')).toEqual([]);
      // A job that cannot be sent to the thread fails alone; the worker stays.
      const unsendable = { calendars: new Set(['cn']), directories: new Map([['x', (() => 0) as never]]) };
      await expect(worker.run({ kind: 'validate', source, context: unsendable })).rejects.toThrow();
      await worker.run({ kind: 'validate', source, context });
      expect(worker.boots).toBe(2);
    } finally {
      await worker.close();
    }
  }, 180_000);

  // The simulation worker's first job: it starts the worker (seconds), so health answers first.
  it('answers a 3,000-step simulation with a limit problem while GET /api/health answers', async () => {
    const token = h.token('policy');
    const id = await draft();
    const example = JSON.parse(await readFile(join('test', 'scenarios', 'contract-example.json'), 'utf8')) as {
      steps: unknown[];
    };
    const steps = Array.from({ length: 3000 }, () => ({ advance: 'P1D' }));
    const answered: string[] = [];
    const simulation = h.api
      .post(`/api/drafts/${id}/simulate`, {
        token,
        body: { scenarios: [{ ...example, steps: [...example.steps.slice(0, 1), ...steps] }] },
      })
      .then((response) => {
        answered.push('simulate');
        return response;
      });
    const health = await h.api.get('/api/health');
    answered.push('health');
    expect(health.status).toBe(200);
    const answer = await simulation;
    expect(answered).toEqual(['health', 'simulate']);
    expect(answer.status).toBe(200);
    const [result] = answer.body as { error?: string }[];
    expect(result?.error).toContain(LIMIT);
  }, 120_000);

  it('compares a draft in the validation worker: a deep diagram holds no request up', async () => {
    const token = h.token('policy');
    const id = await draft();
    // 9,000 nested sub-processes, 400 KB: compared on the request thread, each call held every other
    // answer (GET /api/health too) for over a second on the development machine.
    const deep =
      '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ' +
      'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" isExecutable="true">' +
      Array.from({ length: 9000 }, (_, index) => `<bpmn:subProcess id="s${String(index)}">`).join('') +
      '</bpmn:subProcess>'.repeat(9000) +
      '</bpmn:process></bpmn:definitions>';
    const saved = await h.api.call('put', `/api/drafts/${id}/files`, {
      token,
      body: { path: 'process.bpmn', text: deep },
    });
    expect(saved.status).toBe(200);
    const run = vi.spyOn(h.drafts.validator, 'run');
    try {
      const compared = await h.api.get(`/api/drafts/${id}/compare`, { token });
      expect(compared.status).toBe(200);
      expect(run.mock.calls.map(([job]) => job.kind)).toEqual(['compare']);
    } finally {
      run.mockRestore();
    }
  }, 120_000);
});
