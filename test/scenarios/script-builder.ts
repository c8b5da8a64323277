// A small builder for case scripts (CONTRACT §5) written in TypeScript: the scenario JSON files are
// data; tests that need more than the format (a synthetic calendar, the engine API afterwards) build
// the same steps here.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario, Step } from '../../engine/scenario/scenario.js';
import { ScenarioRunner, type ScenarioResult } from '../../engine/scenario/run-scenario.js';
import { LowdbStore } from '../../engine/store/index.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECT_DEFINITIONS = join(REPO_ROOT, 'definitions');
export const PROCESS = 'quality-brand-zone';

/** An instant in China Standard Time: `at('2025-04-11')` is 09:00 that day. */
export const at = (day: string, time = '09:00:00'): string => `${day}T${time}+08:00`;

const MINISTRIES = ['moa', 'mofcom', 'mct', 'cnipa'] as const;

/** Who completes each task of the case (CONTRACT §2), as `group` or `group:scope`. */
function defaultActor(task: string, park: string, province: string): string {
  if (task.startsWith('submit')) return `park:${park}`;
  if (task.startsWith('provincialLeadingGroup')) return `province-leading-group:${province}`;
  if (task.startsWith('provincial')) return `province:${province}`;
  if (task === 'expertEvaluation') return 'expert';
  return 'samr';
}

export class Script {
  readonly steps: Step[] = [];
  readonly #parks = new Map<string, { park: string; province: string }>();

  constructor(readonly clock: string) {}

  scenario(): Scenario {
    return { process: PROCESS, clock: this.clock, steps: this.steps };
  }

  #park(alias: string): { park: string; province: string } {
    const found = this.#parks.get(alias);
    if (found === undefined) throw new Error(`case ${alias} is not started in this script`);
    return found;
  }

  start(alias: string, park: string, province = '320000'): this {
    this.#parks.set(alias, { park, province });
    this.steps.push({ start: { case: alias, park, province } });
    return this;
  }

  complete(task: string, alias: string, data?: unknown, options: { as?: string; expectError?: string } = {}): this {
    const { park, province } = this.#park(alias);
    this.steps.push({
      complete: task,
      case: alias,
      as: options.as ?? defaultActor(task, park, province),
      ...(data !== undefined && { data }),
      ...(options.expectError !== undefined && { expectError: options.expectError }),
    });
    return this;
  }

  message(name: string, alias: string, data?: unknown, options: { as?: string; expectError?: string } = {}): this {
    const { park } = this.#park(alias);
    const as =
      options.as ?? (name === 'objection' ? 'public' : name === 'revocationProposed' ? 'samr' : `park:${park}`);
    this.steps.push({
      message: name,
      case: alias,
      as,
      ...(data !== undefined && { data }),
      ...(options.expectError !== undefined && { expectError: options.expectError }),
    });
    return this;
  }

  advanceTo(instant: string): this {
    this.steps.push({ advanceTo: instant });
    return this;
  }

  restart(): this {
    this.steps.push({ restart: true });
    return this;
  }

  expect(alias: string, status: string, openTasks?: string[], due?: Record<string, string>): this {
    this.steps.push({
      expect: {
        case: alias,
        status,
        ...(openTasks !== undefined && { openTasks }),
        ...(due !== undefined && { due }),
      },
    });
    return this;
  }

  opinions(alias: string): this {
    for (const ministry of MINISTRIES)
      this.complete('departmentOpinion', alias, undefined, { as: `ministry:${ministry}` });
    return this;
  }

  /** Creation approved the day the clock shows (acceptance opens a year and a day later, Art. 18). */
  creation(alias: string): this {
    this.complete('submitCreationApplication', alias)
      .complete('provincialFeasibilityReview', alias)
      .complete('provincialLeadingGroupReview', alias)
      .opinions(alias);
    return this.complete('samrCreationApproval', alias);
  }

  /** From the acceptance application to an open expertEvaluation. */
  acceptance(alias: string): this {
    this.complete('submitAcceptanceApplication', alias)
      .complete('provincialAcceptanceReview', alias)
      .complete('provincialLeadingGroupAcceptanceReview', alias)
      .opinions(alias);
    return this.complete('samrAcceptanceReview', alias);
  }

  /** From the re-review application to an open samrReReviewEvaluation (Art. 28). */
  reReview(alias: string): this {
    this.complete('submitReReviewApplication', alias)
      .complete('provincialReReview', alias)
      .complete('provincialLeadingGroupReReview', alias);
    return this.opinions(alias);
  }
}

/**
 * The standard track of the scenario files, for cases started at `2024-04-01`: creation approved Mon
 * 2024-04-01 (acceptance opens 2025-04-02); acceptance and a passing evaluation Wed 2025-04-02, notice
 * to Thu 2025-04-10 (Qingming 04-04..06 off); recognition Fri 2025-04-11, so demonstrationEnds
 * 2028-04-11 (P3Y) and reReviewOpens 2027-10-11 (P6M before); the annual reports of the first two years
 * (due 2026-04-11 and 2027-04-11) are submitted on 2026-04-13 and 2027-04-12.
 */
export function recognisedOn20250411(script: Script, cases: readonly (readonly [string, string])[]): Script {
  for (const [alias, park] of cases) script.start(alias, park).creation(alias);
  script.advanceTo(at('2025-04-02'));
  for (const [alias] of cases) {
    script.acceptance(alias).complete('expertEvaluation', alias);
    script.expect(alias, 'publicizing', [], { publicityStarts: '2025-04-02', publicityEnds: '2025-04-10' });
  }
  script.advanceTo(at('2025-04-11'));
  for (const [alias] of cases) {
    script.complete('samrRecognition', alias);
    script.expect(alias, 'demonstrating', [], {
      recognizedOn: '2025-04-11',
      demonstrationEnds: '2028-04-11',
      reReviewOpens: '2027-10-11',
      nextAnnualReportDue: '2026-04-11',
    });
  }
  script.advanceTo(at('2026-04-13'));
  for (const [alias] of cases) script.complete('submitAnnualReport', alias, { reportYear: 1 });
  script.advanceTo(at('2027-04-12'));
  for (const [alias] of cases) script.complete('submitAnnualReport', alias, { reportYear: 2 });
  for (const [alias] of cases) script.expect(alias, 'demonstrating', [], { nextAnnualReportDue: '2028-04-11' });
  return script;
}

/**
 * A clearly synthetic calendar year: weekends off, no statutory holidays, no make-up days. It stands in
 * for a year the State Council has not published yet (2027 and later at the time of writing).
 */
export function syntheticYear(year: number): object {
  return {
    calendar: 'cn',
    year,
    notice: { title: `合成测试数据（synthetic test data）：${year}年仅周末休息，无法定节假日，并非国务院办公厅通知` },
    source: 'synthetic test data',
    holidays: [],
    workdays: [],
  };
}

/**
 * A definitions root of its own (a copy of the project's process) with calendars and directory files
 * kept apart in `shared`, so a test can add calendar years without touching `definitions/`.
 */
export class DefinitionsSandbox {
  private constructor(
    readonly root: string,
    readonly definitions: string,
    readonly shared: string,
  ) {}

  static async create(syntheticYears: readonly number[]): Promise<DefinitionsSandbox> {
    const root = await mkdtemp(join(tmpdir(), 'qbz-sandbox-'));
    const sandbox = new DefinitionsSandbox(root, join(root, 'definitions'), join(root, 'shared'));
    await cp(join(PROJECT_DEFINITIONS, PROCESS), join(sandbox.definitions, PROCESS), { recursive: true });
    await cp(join(PROJECT_DEFINITIONS, 'directory'), join(sandbox.shared, 'directory'), { recursive: true });
    const calendars = join(PROJECT_DEFINITIONS, 'calendars', 'cn');
    await mkdir(sandbox.calendarDir, { recursive: true });
    for (const name of await readdir(calendars)) await cp(join(calendars, name), join(sandbox.calendarDir, name));
    for (const year of syntheticYears) await sandbox.addSyntheticYear(year);
    return sandbox;
  }

  get calendarDir(): string {
    return join(this.shared, 'calendars', 'cn');
  }

  async addSyntheticYear(year: number): Promise<void> {
    await writeFile(join(this.calendarDir, `${year}.json`), `${JSON.stringify(syntheticYear(year), null, 2)}\n`);
  }

  async dataDir(): Promise<string> {
    const dir = join(this.root, `data-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir);
    return dir;
  }

  /** Runs a script on a data directory, which is left for the engine API afterwards. */
  async run(script: Script, dataDir: string): Promise<ScenarioResult> {
    return new ScenarioRunner(script.scenario(), {
      definitions: this.definitions,
      shared: this.shared,
      openStore: () => new LowdbStore(dataDir, { fsync: false }),
    }).run();
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** The failing step, for assertion messages. */
export function failure(result: ScenarioResult, script: Script): string {
  if (result.ok) return 'ok';
  const step = result.failedStep === undefined ? undefined : script.steps[result.failedStep];
  return `step ${result.failedStep ?? '?'} ${JSON.stringify(step)} failed: ${result.reason ?? ''}`;
}

/** The engine id of a case alias, from the timeline. */
export function caseIdOf(result: ScenarioResult, alias: string): string {
  const id = result.timeline.find((entry) => entry.case === alias && entry.caseId !== undefined)?.caseId;
  if (id === undefined) throw new Error(`case ${alias} is not in the timeline`);
  return id;
}
