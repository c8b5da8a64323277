// The scenario file's instants and expected errors (CONTRACT §5): `clock` and `advanceTo` without a UTC
// offset are China time whatever the host's zone (npm test runs this under America/Los_Angeles and
// Asia/Shanghai); `expectError: "incident"` expects a command the definition cannot carry out, and the
// incidents a case holds are in the timeline, in the result and, when an `expect` names them, checked.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../engine/errors.js';
import type { Incident } from '../../engine/cases/case-record.js';
import { cameAndWent, IncidentWatch } from '../../engine/scenario/incident-watch.js';
import { ScenarioRunner, type ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { parseScenario } from '../../engine/scenario/scenario.js';
import { MemoryStore } from '../../engine/store/index.js';
import {
  DEFINITIONS_ROOT,
  editBpmn,
  editJson,
  feelCondition,
  loadRealVersion,
  makeTempDir,
  REAL_PROCESS,
  REAL_VERSION,
  removeTempDir,
  setCondition,
  writeDefinitionsTree,
} from '../definitions/helpers.js';
import { SCENARIOS } from './scenario-files.js';
import { syntheticYear } from './script-builder.js';

async function run(data: unknown, definitions = DEFINITIONS_ROOT): Promise<ScenarioResult> {
  const runner = new ScenarioRunner(parseScenario(data), {
    definitions,
    shared: DEFINITIONS_ROOT,
    openStore: () => new MemoryStore(),
  });
  return runner.run();
}

const refused = (data: unknown): boolean => {
  try {
    parseScenario(data);
    return false;
  } catch (error) {
    return isEngineError(error, 'validation');
  }
};

describe('scenario instants without an offset are China time', () => {
  it('clock and advanceTo without an offset run at the same instants as with +08:00', async () => {
    const result = await run({
      process: REAL_PROCESS,
      clock: '2024-04-01T09:00:00',
      steps: [
        { start: { case: 'c1', park: 'P-001', province: '320000' } },
        { advanceTo: '2024-04-02T07:30' },
        { advanceTo: '2024-04-03' },
      ],
    });
    expect(result.reason).toBeUndefined();
    expect(result.timeline.map((entry) => entry.at)).toEqual([
      '2024-04-01T01:00:00.000Z',
      '2024-04-01T23:30:00.000Z',
      '2024-04-02T16:00:00.000Z',
    ]);
  });

  it('an instant that is not ISO 8601 is refused as unreadable (exit 2), never guessed', () => {
    const base = { process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: [] };
    expect(refused(base)).toBe(false);
    expect(refused({ ...base, clock: '2024-04-01 09:00' })).toBe(true);
    expect(refused({ ...base, steps: [{ advanceTo: 'next Monday' }] })).toBe(true);
    expect(refused({ ...base, steps: [{ advanceTo: '2024-02-30T09:00' }] })).toBe(true);
  });
});

describe('expectError: incident', () => {
  let root: string;

  beforeAll(async () => {
    root = await makeTempDir('scenario-incident-');
    const { source } = await loadRealVersion();
    // Valid (the sample context has every declared date), but at run time the feasibility approval
    // reads a date no case has yet: the command is refused and the case holds an incident.
    const broken = setCondition(
      source,
      'Flow_feasibilityDecision_to_provincialLeadingGroupReview',
      feelCondition('decision = &quot;approve&quot; and today() &lt;= case.due.demonstrationEnds'),
    );
    await writeDefinitionsTree(root, [{ process: REAL_PROCESS, version: REAL_VERSION, source: broken }]);
  });
  afterAll(() => removeTempDir(root));

  const steps = (expectError?: string) => [
    { start: { case: 'c1', park: 'P-001', province: '320000' } },
    { complete: 'submitCreationApplication', case: 'c1', as: 'park:P-001' },
    {
      complete: 'provincialFeasibilityReview',
      case: 'c1',
      as: 'province:320000',
      ...(expectError !== undefined && { expectError }),
    },
  ];

  it('is a known expected error and holds when the command raises an incident', async () => {
    const result = await run(
      { process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: steps('incident') },
      root,
    );
    expect(result.reason).toBeUndefined();
    expect(result.timeline.at(-1)?.error?.code).toBe('incident');
  });

  it('fails the step when the incident was not expected, and the reason names it', async () => {
    const result = await run({ process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: steps() }, root);
    expect(result.failedStep).toBe(2);
    expect(result.reason).toMatch(/incident/);
  });

  it('is still refused for codes a step cannot expect', () => {
    expect(refused({ process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: steps('oops') })).toBe(true);
  });

  it('records the incident on the step that raised it, and the case holds it at the end', async () => {
    const result = await run(
      { process: REAL_PROCESS, clock: '2024-04-01T09:00:00+08:00', steps: [...steps('incident'), { advance: 'P1D' }] },
      root,
    );
    expect(result.ok).toBe(true);
    const raised = { case: 'c1', kind: 'evaluation', at: '2024-04-01T01:00:00.000Z' };
    expect(result.timeline[2]?.incidentsRaised).toEqual([expect.objectContaining(raised)]);
    expect(result.timeline[2]?.incidentsRaised?.[0]?.message).toMatch(/demonstrationEnds/);
    // Still held a day later: raised once, never cleared.
    expect(result.timeline.filter((entry) => entry.incidentsRaised !== undefined)).toHaveLength(1);
    expect(result.timeline.some((entry) => entry.incidentsCleared !== undefined)).toBe(false);
    expect(result.incidents).toEqual([expect.objectContaining(raised)]);
  });

  it('an expect naming incidents checks their kinds exactly, and fails naming the step and what is held', async () => {
    const clock = '2024-04-01T09:00:00+08:00';
    const held = await run(
      {
        process: REAL_PROCESS,
        clock,
        steps: [...steps('incident'), { expect: { case: 'c1', incidents: ['evaluation'] } }],
      },
      root,
    );
    expect(held.reason).toBeUndefined();
    const none = await run(
      { process: REAL_PROCESS, clock, steps: [...steps('incident'), { expect: { case: 'c1', incidents: [] } }] },
      root,
    );
    expect(none.ok).toBe(false);
    expect(none.failedStep).toBe(3);
    expect(none.reason).toMatch(/incidents are \[evaluation\], expected \[\]/);
    expect(none.incidents).toEqual([expect.objectContaining({ case: 'c1', kind: 'evaluation' })]);
    // Not named, not checked (CONTRACT §5): the case's incident does not fail an expect on its status.
    const unnamed = await run(
      { process: REAL_PROCESS, clock, steps: [...steps('incident'), { expect: { case: 'c1', status: 'applying' } }] },
      root,
    );
    expect(unnamed.reason).toBeUndefined();
  });

  it('an expect naming no incidents holds on a case that has none', async () => {
    const result = await run({
      process: REAL_PROCESS,
      clock: '2024-04-01T09:00:00+08:00',
      steps: [...steps().slice(0, 2), { expect: { case: 'c1', incidents: [] } }],
    });
    expect(result.reason).toBeUndefined();
    expect(result.incidents).toEqual([]);
    expect(result.timeline.some((entry) => entry.incidentsRaised !== undefined)).toBe(false);
  });

  it('refuses incidents that are not a list of incident kinds', () => {
    const expecting = (incidents: unknown) => ({
      process: REAL_PROCESS,
      clock: '2024-04-01T09:00:00+08:00',
      steps: [{ expect: { case: 'c1', incidents } }],
    });
    expect(refused(expecting(['calendar-missing', 'evaluation']))).toBe(false);
    expect(refused(expecting('evaluation'))).toBe(true);
    expect(refused(expecting(['calendar-mising']))).toBe(true);
  });
});

describe('the incidents a case gets and loses, step by step', () => {
  const incident = (id: string, at: string): Incident => ({
    id,
    kind: 'calendar-missing',
    element: 'noticeEndsTimer',
    message: 'no calendar for 2027',
    at,
    year: 2027,
  });

  it('reports an incident raised once, kept while retried the same way, and cleared when it is gone', () => {
    const watch = new IncidentWatch();
    const first = incident('i1', '2026-12-30T01:00:00.000Z');
    expect(watch.see('c1', 'c_1', [first], '2026-12-30T01:00:00.000Z').raised).toEqual([
      {
        case: 'c1',
        caseId: 'c_1',
        kind: 'calendar-missing',
        element: 'noticeEndsTimer',
        message: 'no calendar for 2027',
        at: first.at,
      },
    ]);
    // A restart retries it and the engine records it anew (another id, another time): still the same one.
    expect(watch.see('c1', 'c_1', [incident('i2', '2027-01-02T01:00:00.000Z')], '2027-01-02T01:00:00.000Z')).toEqual({
      raised: [],
      cleared: [],
    });
    expect(watch.held()).toEqual([expect.objectContaining({ case: 'c1', at: first.at })]);
    const changes = watch.see('c1', 'c_1', [], '2027-01-05T01:00:00.000Z');
    expect(changes.raised).toEqual([]);
    expect(changes.cleared).toEqual([
      expect.objectContaining({ case: 'c1', kind: 'calendar-missing', at: '2027-01-05T01:00:00.000Z' }),
    ]);
    expect(watch.held()).toEqual([]);
  });
});

describe('an incident raised and cleared within one step', () => {
  let root: string;

  // Each demonstration year's annual report (forkAnnualReport, passed on every anniversary) gets a
  // date five working days on (the test's own target, as in test/support/task-due-revisions.ts), and
  // the tree's calendar has 2025 and a synthetic 2027 but not 2026: on 2026-05-08 the date cannot be
  // computed (calendar-missing), on 2027-05-08 it can, which clears it. One advance across both
  // anniversaries raises and clears it; the case holds none before or after the step.
  beforeAll(async () => {
    root = await makeTempDir('scenario-incident-in-step-');
    const { source } = await loadRealVersion();
    const withRule = editJson<Record<string, unknown>>(source, 'rules.json', (rules) => {
      rules.annualReportWorkingDays = { value: 5, article: 'Art. 27', title: '年度工作报告报送时限（测试用）' };
    });
    const withDate = editJson<{ dates: Record<string, unknown> }>(withRule, 'manifest.json', (manifest) => {
      manifest.dates.annualReportDue = { title: '年度工作报告报送期限', article: 'Art. 27' };
    });
    const dated = editBpmn(withDate, [
      '<bpmn:parallelGateway id="forkAnnualReport">',
      '<bpmn:parallelGateway id="forkAnnualReport"><bpmn:extensionElements><camunda:properties>' +
        '<camunda:property name="due" value="annualReportDue" />' +
        '<camunda:property name="rule" value="annualReportWorkingDays" />' +
        '</camunda:properties></bpmn:extensionElements>',
    ]);
    await writeDefinitionsTree(root, [{ process: REAL_PROCESS, version: REAL_VERSION, source: dated }]);
    const calendars = join(root, 'calendars', 'cn');
    await rm(join(calendars, '2026.json'));
    await writeFile(join(calendars, '2027.json'), JSON.stringify(syntheticYear(2027), null, 2));
  });
  afterAll(() => removeTempDir(root));

  it('lists every raise and clear of the step in order, at the instants the engine recorded them', async () => {
    const lifecycle = parseScenario(JSON.parse(await readFile(join(SCENARIOS, 'full-lifecycle.json'), 'utf8')));
    // Up to the recognition on 2025-05-07 (and the expect after it).
    const recognised = lifecycle.steps.findIndex((step) => 'complete' in step && step.complete === 'samrRecognition');
    // Without its restarts: run() keeps the store in memory, which a restart would drop.
    const before = lifecycle.steps.slice(0, recognised + 1).filter((step) => !('restart' in step));
    const steps = [...before, { advanceTo: '2027-05-10T09:00:00+08:00' }, { expect: { case: 'c1', incidents: [] } }];
    const result = await run({ process: REAL_PROCESS, clock: lifecycle.clock, steps }, root);
    expect(result.reason).toBeUndefined();
    const advance = result.timeline.find((entry) => entry.step === before.length);
    const incident = { case: 'c1', kind: 'calendar-missing', element: 'forkAnnualReport' };
    expect(advance?.incidentEvents).toEqual([
      expect.objectContaining({ event: 'raised', ...incident, at: '2026-05-07T16:00:00.000Z' }),
      expect.objectContaining({ event: 'cleared', ...incident, at: '2027-05-07T16:00:00.000Z' }),
    ]);
    expect(advance?.incidentEvents?.[0]?.message).toMatch(/2026/);
    // Held neither before nor after the step: what the step changed is nothing, as before.
    expect(advance?.incidentsRaised).toBeUndefined();
    expect(advance?.incidentsCleared).toBeUndefined();
    expect(result.incidents).toEqual([]);
    // What the CLI prints without --json: the one that came and went, and until when.
    const passed = cameAndWent(advance?.incidentEvents ?? []);
    expect(passed.map(({ incident: held, clearedAt }) => [held.element, held.at, clearedAt])).toEqual([
      ['forkAnnualReport', '2026-05-07T16:00:00.000Z', '2027-05-07T16:00:00.000Z'],
    ]);
  });
});
