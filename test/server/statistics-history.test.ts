import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import type { Actor } from '../../engine/cases/actors.js';
import { chinaDateOf } from '../../engine/legal-time/pure.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { statisticsOf, type Statistics } from '../../server/reports/statistics.js';
import { as, completeOpenTask, throughCreation as engineThroughCreation } from '../support/engine-harness.js';
import { postgresAvailable } from '../support/postgres.js';
import { enginesOnPostgres, type EnginesOnPostgres } from '../support/postgres-engines.js';
import { MINISTRIES, PROCESS, ServerHarness, throughAcceptance, withUsers } from './harness.js';

type Counts = [string, string, number][];

/**
 * The history statistics as they were counted before the engine remembered histories: every case the
 * actor sees read whole again — its audit trail's status changes by month (China time), and the type
 * the latest submission holding `parkType` gave, for the cases holding the designation.
 */
async function readAgain(engine: WorkflowEngine, actor: Actor): Promise<{ stages: Counts; types: Counts }> {
  const stages = new Map<string, number>();
  const types = new Map<string, number>();
  for (const view of engine.listCases(actor)) {
    for (const entry of await engine.audit(view.id, actor)) {
      if (entry.type !== 'status.changed' || typeof entry.details.to !== 'string') continue;
      const key = `${chinaDateOf(entry.at).slice(0, 7)} ${entry.details.to}`;
      stages.set(key, (stages.get(key) ?? 0) + 1);
    }
    if (view.final || view.due.recognizedOn === undefined) continue;
    const latest = (await engine.submissions(view.id, actor))
      .map((submission) => submission.data as Record<string, unknown> | null)
      .findLast((data) => data !== null && typeof data === 'object' && 'parkType' in data);
    const type = typeof latest?.parkType === 'string' ? latest.parkType : 'unknown';
    types.set(type, (types.get(type) ?? 0) + 1);
  }
  const counts = (map: Map<string, number>): Counts =>
    [...map].map(([key, count]): [string, string, number] => [...(key.split(' ') as [string, string]), count]).sort();
  return {
    stages: counts(stages),
    types: [...types].map(([type, count]): [string, string, number] => [type, '', count]).sort(),
  };
}

/** The same figures as the statistics gave them. */
function countsOf(figures: Statistics): { stages: Counts; types: Counts } {
  return {
    stages: figures.stagesOverTime.map((row): [string, string, number] => [row.month, row.status, row.count]).sort(),
    types: figures.designatedByType.map((row): [string, string, number] => [row.type, '', row.count]).sort(),
  };
}

const entered = (figures: Statistics, status: string) =>
  figures.stagesOverTime.filter((row) => row.status === status).reduce((sum, row) => sum + row.count, 0);

/**
 * GET /api/statistics counts each case's status changes and designated types from its history; the
 * engine reads a history again only when the case's record names a new head of its logs. Whatever moves
 * a case between two calls — a task completed, a timer fired — shows in the second call, exactly as a
 * read of every history would count it, for a reader of everything and a province alike.
 */
describe('statistics follow the cases as they move', () => {
  let h: ServerHarness;
  const readers = { samr: as('samr'), province: as('province', '320000') } as const;

  const statistics = async (username: keyof typeof readers): Promise<Statistics> => {
    const response = await h.api.get('/api/statistics', { token: h.token(username) });
    expect(response.status).toBe(200);
    return response.body as Statistics;
  };
  /** Each reader's statistics, checked against a read of every history; SAMR's. */
  const fresh = async (): Promise<Statistics> => {
    for (const username of ['province', 'samr'] as const) {
      const figures = await statistics(username);
      expect(countsOf(figures), username).toEqual(await readAgain(h.engine, readers[username]));
    }
    return statistics('samr');
  };

  beforeAll(async () => {
    // On files, as `npm start` keeps them: the last test tears a log.
    h = await ServerHarness.create({ store: 'lowdb' });
    await withUsers(h);
  }, 30_000);
  afterAll(async () => {
    await h.close();
  });

  it('counts a case entering a status between two calls in the second', async () => {
    expect((await fresh()).stagesOverTime).toEqual([]);
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    const id = (started.body as { id: string }).id;
    expect(entered(await fresh(), 'applying')).toBe(1);
    await h.complete('park1', id, 'submitCreationApplication', { parkType: 'industry' });
    await fresh();
    await h.complete('province', id, 'provincialFeasibilityReview');
    await h.complete('group', id, 'provincialLeadingGroupReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, id, 'departmentOpinion');
    const before = await fresh();
    expect(entered(before, 'creating')).toBe(0);
    await h.complete('samr', id, 'samrCreationApproval');
    expect(entered(await fresh(), 'creating')).toBe(1);

    // Through acceptance (a timer opens it) and the public notice to recognition: designated, by type.
    await throughAcceptance(h, id);
    const noticed = await fresh();
    expect(noticed.designatedByType).toEqual([]);
    await h.advanceTo('2025-04-11T09:00:00+08:00');
    await fresh();
    await h.complete('samr', id, 'samrRecognition');
    const recognised = await fresh();
    expect(entered(recognised, 'demonstrating')).toBe(1);
    expect(recognised.designatedByType.map((row) => [row.type, row.count])).toEqual([['industry', 1]]);
  }, 60_000);

  it('answers for every other case when one case’s logs are found damaged while the server runs', async () => {
    const before = await statistics('samr');
    const [recognised = ''] = (
      (await h.api.get('/api/cases', { token: h.token('samr') })).body as { id: string }[]
    ).map((view) => view.id);
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const fresh = (started.body as { id: string }).id;
    /** The case's log torn before its last line. */
    const tear = async (log: string, id: string) => {
      const file = join(h.dataDir, 'store', log, `${id}.jsonl`);
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines[0] = '{"seq":1,"torn';
      await writeFile(file, lines.join('\n'));
    };
    /** Each reader's statistics answered (it was 500 damaged, 数据文件损坏：audit/c_….jsonl 第 1 行, for every reader of the case). */
    const answered = async () => {
      const all: Statistics[] = [];
      for (const username of ['province', 'samr'] as const) {
        const response = await h.api.get('/api/statistics', { token: h.token(username) });
        expect(response.status, response.text).toBe(200);
        all.push(response.body as Statistics);
      }
      return all;
    };
    // The new case's audit: it is counted, its history unread enters no status (as a quarantined case's).
    await tear('audit', fresh);
    for (const figures of await answered()) {
      expect(figures.total).toBe(before.total + 1);
      expect(figures.stagesOverTime).toEqual(before.stagesOverTime);
      expect(figures.designatedByType).toEqual(before.designatedByType);
    }
    // The recognised case's submissions, read again once it moves on (a major event reported): its type unknown.
    await tear('submissions', recognised);
    const sent = await h.api.post(`/api/cases/${recognised}/messages/majorEvent`, {
      token: h.token('park1'),
      body: { data: await h.withUploads('park1', await h.example('major-event')) },
    });
    expect(sent.status, sent.text).toBe(202);
    for (const figures of await answered()) {
      expect(figures.total).toBe(before.total + 1);
      expect(figures.designatedByType.map((row) => [row.type, row.count])).toEqual([['unknown', 1]]);
    }
  }, 60_000);
});

const postgresUp = await postgresAvailable();

/**
 * Two engines on one PostgreSQL database, as two server processes (README "Several processes on one
 * database"): statistics one counts after the other moved a case — and after it took the other's
 * commits in, as the server does before every request — count the move, though nothing told it.
 */
describe.skipIf(!postgresUp)('statistics across two processes on one database', () => {
  let engines: EnginesOnPostgres | undefined;
  afterEach(async () => {
    await engines?.close();
    engines = undefined;
  });

  it('counts in one process the statuses a case entered through the other', async () => {
    const clock = new SimulatedClock(new Date('2024-04-01T09:00:00+08:00'));
    engines = await enginesOnPostgres(clock);
    const open = () => engines?.open() ?? Promise.reject(new Error('no engines'));
    const [a, b] = [await open(), await open()];
    const samr = as('samr');
    const counted = async (engine: WorkflowEngine) => {
      await engine.sync();
      const figures = await statisticsOf(engine, engine.listCases(samr), samr);
      expect(countsOf(figures)).toEqual(await readAgain(engine, samr));
      return figures;
    };

    const view = await engineThroughCreation({ engine: b, complete: walker(b) }, 'P-001');
    expect(entered(await counted(a), 'creating')).toBe(1);
    // Read by `a` at its head; `b` moves it on (a timer, then a completion), and `a` counts that.
    clock.advanceTo(new Date('2025-04-02T09:00:00+08:00'));
    await b.runDueTimers();
    await completeOpenTask(b, view.id, 'submitAcceptanceApplication', as('park', 'P-001'));
    await completeOpenTask(b, view.id, 'provincialAcceptanceReview', as('province', '320000'));
    const later = await counted(a);
    expect(later.stagesOverTime).toEqual((await counted(b)).stagesOverTime);
    expect(later.stagesOverTime.some((row) => row.month === '2025-04')).toBe(true);
  });
});

/** `complete` for the engine-level walks, on any engine. */
const walker =
  (engine: WorkflowEngine) =>
  (caseId: string, taskId: string, actor: Actor, patch: unknown = {}) =>
    completeOpenTask(engine, caseId, taskId, actor, patch);
