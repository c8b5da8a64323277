// Programmes written only as definition files (test/programmes/<process>/<version>/), with no engine
// change: quality-county, and county-brand (counties in cities, none of the words park or province;
// its own directory/cities.json). They must validate without problems and every case script in
// scenarios/ must run green (CI runs this file in both time zones: test:la and test:shanghai).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/cases/actors.js';
import { SimulatedClock } from '../../engine/clock.js';
import { formatProblem } from '../../engine/definitions/problems.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { validateDefinitions } from '../../engine/definitions/validate-definitions.js';
import { ScenarioRunner, type ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { parseScenario } from '../../engine/scenario/scenario.js';
import { LowdbStore, MemoryStore } from '../../engine/store/index.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';

/** This definitions root: it has no calendars/ or directory/ of its own and shares the project's. */
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const PROJECT_DEFINITIONS = fileURLToPath(new URL('../../definitions', import.meta.url));

async function jsonFiles(folder: string): Promise<string[]> {
  return (await readdir(join(ROOT, folder))).filter((name) => name.endsWith('.json')).sort();
}

/** Runs a case script the way `npm run scenario -- FILE --definitions test/programmes` does. */
async function runScenario(file: string): Promise<ScenarioResult> {
  const scenario = parseScenario(JSON.parse(await readFile(join(ROOT, file), 'utf8')) as unknown);
  const dataDir = await mkdtemp(join(tmpdir(), 'programmes-scenario-'));
  try {
    const runner = new ScenarioRunner(scenario, {
      definitions: ROOT,
      shared: PROJECT_DEFINITIONS,
      openStore: () => new LowdbStore(dataDir, { fsync: false }),
    });
    return await runner.run();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const scenarios = await jsonFiles('scenarios');

const outcome = (result: ScenarioResult) =>
  result.ok ? 'ok' : `step ${String(result.failedStep)} failed: ${result.reason ?? ''}`;

describe('test/programmes: the quality-county and county-brand programmes as definition files only', () => {
  it('validates with no problems (errors or warnings)', async () => {
    const { problems, versions } = await validateDefinitions(ROOT, { shared: PROJECT_DEFINITIONS });
    expect(problems.map(formatProblem)).toEqual([]);
    expect(versions.map((version) => `${version.manifest.process}@${version.manifest.version}`)).toEqual([
      'county-brand@2025-07-01',
      'quality-county@2025-01-01',
      'quality-county@2025-07-01',
    ]);
  });

  it('has the case scripts', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(9);
    expect(scenarios.filter((name) => name.startsWith('county-brand-')).length).toBeGreaterThanOrEqual(5);
  });

  for (const name of scenarios) {
    it(`scenario ${name} runs green`, async () => {
      expect(outcome(await runScenario(join('scenarios', name)))).toBe('ok');
    });
  }

  it('first version: a notice reaching 2027 (no calendar data) is held as an incident, never guessed', async () => {
    const clock = new SimulatedClock(new Date('2025-01-06T09:00:00+08:00'));
    const definitions = await DefinitionRegistry.load(ROOT, { shared: PROJECT_DEFINITIONS });
    const engine = await WorkflowEngine.open({ definitions, store: new MemoryStore(), clock });
    const observer: Actor = { id: 'observer', roles: [{ group: 'admin' }] };
    const county: Actor = { id: 'county', roles: [{ group: 'county', scope: 'C-001' }], region: '330000' };
    const actors: Record<string, Actor> = {
      submitApplication: county,
      provinceReview: { id: 'province', roles: [{ group: 'province', scope: '330000' }] },
      samrApproval: { id: 'samr', roles: [{ group: 'samr' }] },
      submitSelfEvaluation: county,
    };
    try {
      let view = await engine.startCase({ process: 'quality-county', park: 'C-001', province: '330000' }, county);
      const { forms } = definitions.get('quality-county', view.version).definition;
      const complete = async (taskId: string) => {
        const task = view.openTasks.find((open) => open.taskId === taskId);
        if (task === undefined) throw new Error(`${taskId} is not open`);
        view = await engine.completeTask(task.ref, actors[taskId] as Actor, forms.get(task.formKey)?.examples?.[0]);
      };
      await complete('submitApplication');
      await complete('provinceReview');
      await complete('samrApproval');
      clock.advanceTo(new Date('2027-01-07T09:00:00+08:00'));
      await engine.runDueTimers();
      view = await engine.getCase(view.id, observer);
      await complete('submitSelfEvaluation');

      expect(view.version).toBe('2025-01-01');
      expect(view.status).toBe('publicizing');
      expect(view.due).toEqual({ evaluationOpens: '2027-01-07', noticeStarts: '2027-01-07' });
      expect(view.incidents).toEqual([
        expect.objectContaining({ kind: 'calendar-missing', element: 'noticeEndsTimer', year: 2027 }),
      ]);
    } finally {
      await engine.close();
    }
  });
});
