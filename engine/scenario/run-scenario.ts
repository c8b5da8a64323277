import { Temporal } from 'temporal-polyfill';
import { EngineError, isEngineError } from '../errors.js';
import { SimulatedClock } from '../clock.js';
import { DefinitionRegistry } from '../definitions/registry.js';
import { readSubjectRegion } from '../definitions/subject-region.js';
import { applyMergePatch } from '../forms/merge-patch.js';
import { CHINA_TIME_ZONE, chinaDateOf, parseChinaInstant } from '../legal-time/pure.js';
import { startGroups } from '../cases/start-groups.js';
import type { Store } from '../ports.js';
import { ADMIN_GROUP, parseRole, type Actor } from '../cases/actors.js';
import type { CaseView } from '../cases/case-view.js';
import { WorkflowEngine } from '../workflow-engine.js';
import type { IncidentEvent } from '../cases/incident-events.js';
import {
  IncidentWatch,
  incidentsProblem,
  scenarioEvents,
  type ScenarioIncident,
  type ScenarioIncidentEvent,
} from './incident-watch.js';
import type { Expectation, Scenario, StartStep, Step } from './scenario.js';

export type { ScenarioIncident, ScenarioIncidentEvent } from './incident-watch.js';

export interface ScenarioOptions {
  /** The definitions directory (root, process or version directory). */
  definitions: string;
  /** Calendars and directory files for definitions kept without them (normally `definitions/`). */
  shared?: string;
  /** Opens the store on the scenario's data directory; called again on every restart. */
  openStore: () => Store;
}

export interface TimelineEntry {
  step: number;
  at: string;
  action: string;
  case?: string;
  caseId?: string;
  ok: boolean;
  error?: { code: string; message: string };
  status?: string;
  openTasks?: string[];
  due?: Record<string, string>;
  timersFired?: number;
  /** Incidents the step left a case holding that it did not hold before (any case, not only the step's). */
  incidentsRaised?: ScenarioIncident[];
  /** Incidents a case held before the step and no longer holds. */
  incidentsCleared?: ScenarioIncident[];
  /**
   * Every incident raised or cleared during the step, in the order the engine recorded them, each
   * `at` the instant it did (a timer's due instant in an advance): those that came and went within
   * the step too, which incidentsRaised and incidentsCleared (after the step against before it) miss.
   */
  incidentEvents?: ScenarioIncidentEvent[];
}

export interface ScenarioResult {
  ok: boolean;
  failedStep?: number;
  reason?: string;
  timeline: TimelineEntry[];
  /**
   * The incidents the cases hold at the end (or after the failing step): the engine could not carry
   * something out, whether or not an expectation names it.
   */
  incidents: ScenarioIncident[];
}

const OBSERVER: Actor = { id: 'scenario', roles: [{ group: ADMIN_GROUP }] };

/** A step that did not go as the script says; the runner stops there (exit 1). */
class StepFailure extends Error {}

/**
 * Runs a case script on a simulated clock with the real engine and store (CONTRACT §5). Policy staff
 * use it too: replaying case scripts against a revised version before publishing it.
 */
export class ScenarioRunner {
  #engine: WorkflowEngine | undefined;
  #registry: DefinitionRegistry | undefined;
  readonly #cases = new Map<string, string>();
  readonly #timeline: TimelineEntry[] = [];
  readonly #clock: SimulatedClock;
  readonly #incidents = new IncidentWatch();
  /** What the engine told of incidents since the last step was looked at. */
  #events: IncidentEvent[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly options: ScenarioOptions,
  ) {
    this.#clock = new SimulatedClock(parseChinaInstant(scenario.clock));
  }

  async run(): Promise<ScenarioResult> {
    await this.#open();
    try {
      for (const [index, step] of this.scenario.steps.entries()) {
        try {
          await this.#step(index, step);
        } catch (error) {
          const reason = error instanceof StepFailure ? error.message : `unexpected error: ${(error as Error).message}`;
          // What the failing step left held is reported too, unless the engine can no longer say.
          try {
            this.#watchIncidents(index);
          } catch {
            // The step's own failure is the one to report.
          }
          return { ok: false, failedStep: index, reason, timeline: this.#timeline, incidents: this.#incidents.held() };
        }
        this.#watchIncidents(index);
      }
      return { ok: true, timeline: this.#timeline, incidents: this.#incidents.held() };
    } finally {
      await this.#engine?.close();
    }
  }

  /**
   * Opens an engine on the script's store. The definitions are read and checked on the first open
   * only: no step writes them, and a `restart` re-reading them was most of a long script's time
   * (full-lifecycle: ten loads of every version, each checked in full, in a designer simulation run
   * twice). A restart still re-reads the calendars, as the engine's retry of incidents does on open.
   */
  async #open(): Promise<void> {
    this.#registry ??= await this.#load();
    this.#engine = await WorkflowEngine.open({
      definitions: this.#registry,
      store: this.options.openStore(),
      clock: this.#clock,
      // From the start: a restart's own retries raise and clear incidents before open returns.
      onIncident: (event) => this.#events.push(event),
    });
  }

  async #load(): Promise<DefinitionRegistry> {
    const registry = await DefinitionRegistry.load(this.options.definitions, {
      ...(this.options.shared !== undefined && { shared: this.options.shared }),
    });
    if (registry.list(this.scenario.process).length === 0) {
      throw new EngineError(
        'not-found',
        `process ${this.scenario.process} has no version in ${this.options.definitions}`,
      );
    }
    return registry;
  }

  get #running(): WorkflowEngine {
    if (this.#engine === undefined) throw new Error('engine is not open');
    return this.#engine;
  }

  #caseId(alias: string): string {
    const id = this.#cases.get(alias);
    if (id === undefined) throw new StepFailure(`case "${alias}" was not started in this scenario`);
    return id;
  }

  #record(entry: Omit<TimelineEntry, 'at'>): void {
    this.#timeline.push({ ...entry, at: this.#clock.now().toISOString() });
  }

  /** Records on the step's timeline entry the incidents its cases got and lost in it. */
  #watchIncidents(index: number): void {
    const raised: ScenarioIncident[] = [];
    const cleared: ScenarioIncident[] = [];
    const now = this.#clock.now().toISOString();
    const events = scenarioEvents(this.#events, new Map([...this.#cases].map(([alias, id]) => [id, alias])));
    this.#events = [];
    // Every case at once, from the engine's index: a script of 70 cases looks at them after each step.
    const views = new Map(this.#running.listCases(OBSERVER).map((view) => [view.id, view]));
    for (const [alias, id] of this.#cases) {
      const changes = this.#incidents.see(alias, id, views.get(id)?.incidents ?? [], now);
      raised.push(...changes.raised);
      cleared.push(...changes.cleared);
    }
    if (raised.length === 0 && cleared.length === 0 && events.length === 0) return;
    let entry = this.#timeline.at(-1);
    if (entry?.step !== index) {
      entry = { step: index, action: 'incidents', ok: true, at: now };
      this.#timeline.push(entry);
    }
    if (raised.length > 0) entry.incidentsRaised = raised;
    if (cleared.length > 0) entry.incidentsCleared = cleared;
    if (events.length > 0) entry.incidentEvents = events;
  }

  async #step(index: number, step: Step): Promise<void> {
    if ('start' in step) return this.#command(index, step, 'start', step.start.case, () => this.#start(step.start));
    if ('complete' in step)
      return this.#command(index, step, `complete ${step.complete}`, step.case, () => this.#complete(step));
    if ('message' in step)
      return this.#command(index, step, `message ${step.message}`, step.case, () => this.#message(step));
    if ('advance' in step) return this.#advance(index, this.#after(step.advance), `advance ${step.advance}`);
    if ('advanceTo' in step)
      return this.#advance(index, parseChinaInstant(step.advanceTo), `advanceTo ${step.advanceTo}`);
    if ('restart' in step) {
      await this.#running.close();
      this.#engine = undefined;
      await this.#open();
      this.#record({ step: index, action: 'restart', ok: true });
      return;
    }
    return this.#expect(index, step.expect);
  }

  async #command(
    index: number,
    step: { expectError?: string },
    action: string,
    alias: string,
    run: () => Promise<CaseView>,
  ): Promise<void> {
    let view: CaseView;
    try {
      view = await run();
    } catch (error) {
      if (error instanceof StepFailure || !isEngineError(error)) throw error;
      this.#record({
        step: index,
        action,
        case: alias,
        ok: step.expectError === error.code,
        error: { code: error.code, message: error.message },
      });
      if (step.expectError === error.code) return;
      throw new StepFailure(
        step.expectError === undefined
          ? `${action} failed: ${error.code}: ${error.message}`
          : `${action}: expected error ${step.expectError}, got ${error.code}: ${error.message}`,
      );
    }
    this.#record({
      step: index,
      action,
      case: alias,
      caseId: view.id,
      ok: step.expectError === undefined,
      ...this.#summary(view),
    });
    if (step.expectError !== undefined)
      throw new StepFailure(`${action}: expected error ${step.expectError}, but it succeeded`);
  }

  async #start(start: StartStep): Promise<CaseView> {
    if (this.#cases.has(start.case)) throw new StepFailure(`case "${start.case}" was already started`);
    // Started, unless `as` says otherwise, by the group of the process's first task for that subject.
    const version = this.#running.definitions.inForce(this.scenario.process, chinaDateOf(this.#clock.now()));
    const { manifest } = version.definition;
    const { case: _alias, as, ...named } = start;
    const { subject, region } = readSubjectRegion(manifest, named);
    const group = startGroups(version.model)[0] ?? manifest.subject.name;
    const view = await this.#running.startCase(
      { ...named, process: this.scenario.process },
      // A scenario's subject belongs to the region its start step names (CONTRACT §6: the account's region).
      {
        ...actorOf(as ?? `${group}:${String(subject)}`),
        ...(typeof region === 'string' && { region }),
      },
    );
    this.#cases.set(start.case, view.id);
    return view;
  }

  async #complete(step: { complete: string; case: string; as: string; data?: unknown }): Promise<CaseView> {
    const engine = this.#running;
    const id = this.#caseId(step.case);
    const actor = actorOf(step.as);
    const view = await engine.getCase(id, OBSERVER);
    const scope = actor.roles[0]?.scope;
    const candidates = view.openTasks.filter((task) => task.taskId === step.complete);
    // CONTRACT §5: the open task whose scope matches `as`, and among equals the oldest.
    const task = candidates.find((open) => open.scope !== undefined && open.scope === scope) ?? candidates[0];
    const version = engine.definitions.get(view.process, view.version);
    const formKey = task?.formKey ?? version.model.userTasks.find((spec) => spec.taskId === step.complete)?.formKey;
    const data = this.#data(version.definition.forms, formKey, step.data);
    if (task === undefined) throw new EngineError('not-open', `no open task ${step.complete} on case ${step.case}`);
    return engine.completeTask(task.ref, actor, data);
  }

  async #message(step: { message: string; case: string; as: string; data?: unknown }): Promise<CaseView> {
    const engine = this.#running;
    const id = this.#caseId(step.case);
    const view = await engine.getCase(id, OBSERVER);
    const version = engine.definitions.get(view.process, view.version);
    const formKey = version.model.messageCatches.find((catcher) => catcher.messageName === step.message)?.formKey;
    return engine.sendMessage(
      id,
      step.message,
      actorOf(step.as),
      this.#data(version.definition.forms, formKey, step.data),
    );
  }

  /** The form's examples[0] with the step's data merged onto it (RFC 7396). */
  #data(forms: ReadonlyMap<string, { examples?: unknown[] }>, formKey: string | undefined, patch: unknown): unknown {
    const example = formKey === undefined ? {} : (forms.get(formKey)?.examples?.[0] ?? {});
    return applyMergePatch(example, patch ?? {});
  }

  #after(duration: string): Date {
    try {
      return new Date(
        Temporal.Instant.fromEpochMilliseconds(this.#clock.now().getTime())
          .toZonedDateTimeISO(CHINA_TIME_ZONE)
          .add(Temporal.Duration.from(duration)).epochMilliseconds,
      );
    } catch (error) {
      throw new StepFailure(`cannot advance by ${duration}: ${(error as Error).message}`);
    }
  }

  async #advance(index: number, to: Date, action: string): Promise<void> {
    try {
      this.#clock.advanceTo(to);
    } catch (error) {
      throw new StepFailure(`${action}: ${(error as Error).message}`);
    }
    const fired = await this.#running.runDueTimers();
    this.#record({ step: index, action, ok: true, timersFired: fired });
  }

  async #expect(index: number, expect: Expectation): Promise<void> {
    const view = await this.#running.getCase(this.#caseId(expect.case), OBSERVER);
    const problems: string[] = [];
    if (expect.status !== undefined && view.status !== expect.status)
      problems.push(`status is ${view.status}, expected ${expect.status}`);
    if (expect.version !== undefined && view.version !== expect.version)
      problems.push(`version is ${view.version}, expected ${expect.version}`);
    if (expect.openTasks !== undefined) {
      const actual = view.openTasks.map((task) => task.taskId).sort();
      const wanted = [...expect.openTasks].sort();
      if (actual.join() !== wanted.join())
        problems.push(`openTasks are [${actual.join(', ')}], expected [${wanted.join(', ')}]`);
    }
    for (const [name, day] of Object.entries(expect.due ?? {})) {
      if (view.due[name] !== day) problems.push(`due.${name} is ${view.due[name] ?? 'not set'}, expected ${day}`);
    }
    const incidents = expect.incidents === undefined ? undefined : incidentsProblem(view.incidents, expect.incidents);
    if (incidents !== undefined) problems.push(incidents);
    this.#record({
      step: index,
      action: 'expect',
      case: expect.case,
      caseId: view.id,
      ok: problems.length === 0,
      ...this.#summary(view),
    });
    if (problems.length > 0) throw new StepFailure(`expect on case "${expect.case}": ${problems.join('; ')}`);
  }

  #summary(view: CaseView): Pick<TimelineEntry, 'status' | 'openTasks' | 'due'> {
    return { status: view.status, openTasks: view.openTasks.map((task) => task.taskId).sort(), due: view.due };
  }
}

function actorOf(as: string): Actor {
  try {
    return { id: as, roles: [parseRole(as)] };
  } catch {
    throw new StepFailure(`"as" must be group or group:scope, not "${as}"`);
  }
}
