// Re-review (复审, Art. 28; CONTRACT §2, §3). A re-review opens six months before the period ends, two
// and a half years after recognition at the earliest, so its public notice falls in 2027 or later: years
// the State Council has not published (definitions/calendars/cn has 2024–2026). The full pass is run here
// on a SYNTHETIC calendar (2027 and 2028: weekends off, no holidays, marked "synthetic test data"); the
// incident path on the real one, then with the year added.
//
// All cases follow the standard track (script-builder.ts): recognised Fri 2025-04-11, so
// demonstrationEnds 2028-04-11 and reReviewOpens 2027-10-11; annual reports of years 1 and 2 submitted.
// Synthetic calendar: a notice published Mon 2027-11-01 ends Mon 2027-11-08 (Tue 2 … Fri 5, Mon 8);
// published Wed 2028-04-05 it ends Wed 2028-04-12 (Thu 6, Fri 7, Mon 10, Tue 11, Wed 12 — no Qingming in
// synthetic data). A passed re-review's period follows the old one: 2028-04-12 … 2031-04-11
// (2028-04-11 + P3Y), re-review window from 2030-10-11 (2031-04-11 − P6M).
//
// Steps here are at 09:00 rather than at the 00:00 a timer fires: the 00:00 boundaries are pinned in the
// scenario files; these tests are about what the re-review does.
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { LowdbStore } from '../../engine/store/index.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import type { Actor } from '../../engine/cases/actors.js';
import { at, caseIdOf, DefinitionsSandbox, failure, PROCESS, recognisedOn20250411, Script } from './script-builder.js';

const ADMIN: Actor = { id: 'test', roles: [{ group: 'admin' }] };
const AR = 'submitAnnualReport';
const UPHELD = { decision: 'upheld', findings: '经核查，异议所称情形属实。' };
const DISMISSED = { decision: 'dismissed' };

describe('re-review on a synthetic 2027–2028 calendar', () => {
  let sandbox: DefinitionsSandbox;

  beforeAll(async () => {
    sandbox = await DefinitionsSandbox.create([2027, 2028]);
  });

  afterAll(async () => {
    await sandbox.remove();
  });

  it('a re-review passed before the end continues the zone: the new period follows the old one without a gap', async () => {
    const s = recognisedOn20250411(new Script(at('2024-04-01')), [['c1', 'P-001']]);
    s.advanceTo(at('2027-10-11'));
    s.expect('c1', 'demonstrating', ['submitReReviewApplication'], { reReviewOpens: '2027-10-11' });
    s.complete('submitReReviewApplication', 'c1');
    s.expect('c1', 're-reviewing', ['provincialReReview']);
    s.complete('provincialReReview', 'c1').complete('provincialLeadingGroupReReview', 'c1').opinions('c1');
    s.expect('c1', 're-reviewing', ['samrReReviewEvaluation']);
    s.advanceTo(at('2027-11-01'));
    s.complete('samrReReviewEvaluation', 'c1');
    s.expect('c1', 're-reviewing', [], { publicityStarts: '2027-11-01', publicityEnds: '2027-11-08' });
    s.message('objection', 'c1');
    s.expect('c1', 're-reviewing', ['samrObjectionReview']);
    s.restart();
    s.complete('samrObjectionReview', 'c1', DISMISSED);
    s.advanceTo(at('2027-11-08', '23:59:59'));
    s.expect('c1', 're-reviewing', []);
    s.advanceTo(at('2027-11-09'));
    s.message('objection', 'c1', undefined, { expectError: 'not-open' });
    s.expect('c1', 're-reviewing', ['samrRecognition']);
    s.complete('samrRecognition', 'c1');
    s.expect('c1', 'demonstrating', [], {
      recognizedOn: '2025-04-11',
      demonstrationEnds: '2031-04-11',
      reReviewOpens: '2030-10-11',
      nextAnnualReportDue: '2028-04-11',
    });
    s.message('withdraw', 'c1', undefined, { expectError: 'not-open' });
    // The old period's end passes: the zone goes on (and its third annual report opens, Art. 27).
    s.advanceTo(at('2028-04-12'));
    s.expect('c1', 'demonstrating', [AR], { demonstrationEnds: '2031-04-11', nextAnnualReportDue: '2029-04-11' });
    s.complete(AR, 'c1', { reportYear: 3 });
    s.message('majorEvent', 'c1');
    s.restart();
    s.advanceTo(at('2030-10-10'));
    s.expect('c1', 'demonstrating', [AR, AR], { reReviewOpens: '2030-10-11' });
    s.advanceTo(at('2030-10-11'));
    s.expect('c1', 'demonstrating', [AR, AR, 'submitReReviewApplication'], {
      reReviewOpens: '2030-10-11',
      demonstrationEnds: '2031-04-11',
      nextAnnualReportDue: '2031-04-11',
    });
    s.advanceTo(at('2031-04-11', '23:59:59'));
    s.expect('c1', 'demonstrating');
    s.advanceTo(at('2031-04-12'));
    s.expect('c1', 'expired', [], { demonstrationEnds: '2031-04-11' });

    const result = await sandbox.run(s, await sandbox.dataDir());
    expect(result.ok, failure(result, s)).toBe(true);
  });

  it('a re-review under way at demonstrationEnds keeps the case re-reviewing: pass continues, anything else expires', async () => {
    const cases = [
      ['pass-late', 'P-002'],
      ['upheld-late', 'P-003'],
      ['upheld-early', 'P-004'],
    ] as const;
    const s = recognisedOn20250411(new Script(at('2024-04-01')), cases);
    // upheld-early: notice Mon 2027-11-01 … Mon 2027-11-08 with an upheld objection — recognised until the end.
    s.advanceTo(at('2027-10-11')).reReview('upheld-early');
    s.advanceTo(at('2027-11-01')).complete('samrReReviewEvaluation', 'upheld-early');
    s.message('objection', 'upheld-early');
    s.complete('samrObjectionReview', 'upheld-early', UPHELD);
    s.expect('upheld-early', 're-reviewing', [], { publicityEnds: '2027-11-08' });
    s.advanceTo(at('2027-11-09'));
    s.expect('upheld-early', 'demonstrating', [], { demonstrationEnds: '2028-04-11' });
    s.complete('submitReReviewApplication', 'upheld-early', undefined, { expectError: 'not-open' });
    // pass-late and upheld-late: notice Wed 2028-04-05 … Wed 2028-04-12, across the period's end.
    s.advanceTo(at('2028-03-01'));
    for (const alias of ['pass-late', 'upheld-late']) s.reReview(alias);
    s.advanceTo(at('2028-04-05'));
    for (const alias of ['pass-late', 'upheld-late']) {
      s.complete('samrReReviewEvaluation', alias);
      s.expect(alias, 're-reviewing', [], { publicityStarts: '2028-04-05', publicityEnds: '2028-04-12' });
    }
    s.message('objection', 'upheld-late');
    s.advanceTo(at('2028-04-12'));
    s.expect('pass-late', 're-reviewing', [AR], { demonstrationEnds: '2028-04-11' });
    s.expect('upheld-late', 're-reviewing', ['samrObjectionReview', AR], { demonstrationEnds: '2028-04-11' });
    s.expect('upheld-early', 'expired', [], { demonstrationEnds: '2028-04-11' });
    s.complete('samrObjectionReview', 'upheld-late', UPHELD);
    s.expect('upheld-late', 're-reviewing', [AR]);
    s.restart();
    s.advanceTo(at('2028-04-13'));
    s.expect('upheld-late', 'expired', []);
    s.expect('pass-late', 're-reviewing', ['samrRecognition', AR]);
    s.complete('samrRecognition', 'pass-late');
    s.expect('pass-late', 'demonstrating', [AR], { demonstrationEnds: '2031-04-11', reReviewOpens: '2030-10-11' });
    s.advanceTo(at('2031-04-12'));
    s.expect('pass-late', 'expired', [], { demonstrationEnds: '2031-04-11' });

    const result = await sandbox.run(s, await sandbox.dataDir());
    expect(result.ok, failure(result, s)).toBe(true);
  });
});

describe('re-review notice in a year without calendar data (CONTRACT §3: an error, never a guess)', () => {
  let sandbox: DefinitionsSandbox;

  beforeAll(async () => {
    sandbox = await DefinitionsSandbox.create([]);
  });

  afterAll(async () => {
    await sandbox.remove();
  });

  const openEngine = async (
    dataDir: string,
    now: string,
  ): Promise<{ engine: WorkflowEngine; clock: SimulatedClock }> => {
    const clock = new SimulatedClock(new Date(now));
    const engine = await WorkflowEngine.open({
      definitions: await DefinitionRegistry.load(sandbox.definitions, { shared: sandbox.shared }),
      store: new LowdbStore(dataDir, { fsync: false }),
      clock,
    });
    return { engine, clock };
  };

  it('leaves the case with an incident and no publicityEnds, until the 2027 calendar is added', async () => {
    const s = recognisedOn20250411(new Script(at('2024-04-01')), [['c1', 'P-005']]);
    s.advanceTo(at('2027-10-11')).reReview('c1');
    s.advanceTo(at('2027-11-01')).complete('samrReReviewEvaluation', 'c1');
    s.expect('c1', 're-reviewing', [], { publicityStarts: '2027-11-01' });
    const dataDir = await sandbox.dataDir();
    const result = await sandbox.run(s, dataDir);
    expect(result.ok, failure(result, s)).toBe(true);
    const id = caseIdOf(result, 'c1');
    // A copy of the data as it stands, for the restart below.
    const copy = join(sandbox.root, 'data-copy');
    await mkdir(copy);
    await cp(dataDir, copy, { recursive: true });

    const { engine, clock } = await openEngine(dataDir, at('2027-11-01', '10:00:00'));
    try {
      let view = await engine.getCase(id, ADMIN);
      expect(view.status).toBe('re-reviewing');
      expect(view.incidents.length).toBeGreaterThan(0);
      expect(view.incidents).toContainEqual(expect.objectContaining({ kind: 'calendar-missing', year: 2027 }));
      expect(view.due.publicityStarts).toBe('2027-11-01');
      // The 2025 notice's last day is not this notice's: no date rather than a wrong one.
      expect(view.due.publicityEnds).toBeUndefined();
      // The notice is open (objections are accepted), but it never ends on its own.
      expect(view.openMessages.map((open) => open.name)).toContain('objection');
      clock.advanceTo(new Date(at('2027-12-01')));
      await engine.runDueTimers();
      view = await engine.getCase(id, ADMIN);
      expect(view.openTasks.map((task) => task.taskId)).toEqual([]);
      expect(view.due.publicityEnds).toBeUndefined();

      // The State Council publishes 2027 (here: synthetic data) and the incident is retried.
      await sandbox.addSyntheticYear(2027);
      expect(await engine.retryIncidents()).toBe(1);
      view = await engine.getCase(id, ADMIN);
      expect(view.incidents).toEqual([]);
      expect(view.due.publicityEnds).toBe('2027-11-08');
      // The notice ended (00:00 2027-11-09) while the date was unknown: the timer fires now, at its due time.
      await engine.runDueTimers();
      view = await engine.getCase(id, ADMIN);
      expect(view.status).toBe('re-reviewing');
      expect(view.openTasks.map((task) => task.taskId)).toEqual(['samrRecognition']);
    } finally {
      await engine.close();
    }

    // A restart with the year added resolves it too (the copy never saw retryIncidents).
    const { engine: restarted } = await openEngine(copy, at('2027-11-02'));
    try {
      const view = await restarted.getCase(id, ADMIN);
      expect(view.incidents).toEqual([]);
      expect(view.due.publicityEnds).toBe('2027-11-08');
      expect(view.openTasks).toEqual([]);
    } finally {
      await restarted.close();
    }
  });
});

describe('script builder', () => {
  it('builds scenarios of this process', () => {
    expect(new Script(at('2024-04-01')).start('c1', 'P-001').scenario()).toEqual({
      process: PROCESS,
      clock: '2024-04-01T09:00:00+08:00',
      steps: [{ start: { case: 'c1', park: 'P-001', province: '320000' } }],
    });
  });
});
