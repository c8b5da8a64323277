import { EngineError, isEngineError } from '../errors.js';
import { DefinitionRegistry } from '../definitions/registry.js';
import { FormValidator } from '../forms/form-validator.js';
import type { Clock, IdGenerator } from '../ports.js';
import { LiveInstance } from '../runtime/live-instance.js';
import { AS_DRAWN, type RuntimeVersion } from '../runtime/runtime-version.js';
import { maySee, type Actor } from './actors.js';
import { CaseIndex } from './case-index.js';
import { armed, type CaseRecord, type Submission, type TaskRecord, type TimerRecord } from './case-record.js';
import type { CaseRepository } from './case-repository.js';
import { caseViewOf, elementNamesOf, type CaseSummary, type CaseView } from './case-view.js';
import type { LiveCache } from './live-cache.js';
import { DAMAGED_MESSAGE, Quarantine } from './quarantine.js';
import { Transition } from './transition.js';
import { ForetoldEnds } from './foretold-end.js';
import { chinaDateOf } from '../legal-time/china-time.js';
import type { CommittedChange } from '../notifications/derive.js';
import { isRevisionConflict } from '../store/commit-writes.js';
import { CaseSync } from './case-sync.js';
import { ENGINE_SAYS } from '../messages.js';
import { incidentEventsOf, type IncidentEvent, type IncidentListener } from './incident-events.js';
import { damageOf } from '../store/damage.js';
import { setAside } from './set-aside.js';
import { couldSee } from './unavailable.js';

/** The actor of transitions nobody asked for (timers firing, incidents, recovery). */
export const SYSTEM = 'system';

export type Step = (live: LiveInstance, transition: Transition) => void;

/**
 * keepHot: whether the instance stays in memory after the commit (default: yes). A timer wave keeps
 * it only while the case has more timers due: thousands of cases nobody is working on would push
 * out the ones people are, and each instance held through a commit costs the garbage collector
 * megabytes to copy.
 */
export interface RunOptions {
  keepHot?: boolean | ((committed: CaseRecord) => boolean);
  /** The timer the step fires: held by the incident if the step fails (`armed`). */
  firing?: TimerRecord;
}

/** How often a command refused because another process committed the case first is run again. */
const CONFLICT_ATTEMPTS = 5;

/**
 * What the engine's commands share: the case index, the store protocol, the hot process instances,
 * per-case locks, and the one way a transition runs — recover or reuse the instance, run the step,
 * settle tasks, timers and windows, commit — or, when the definition cannot be evaluated, record an
 * incident and leave the case as it was.
 */
export class CaseRuntime {
  readonly index = new CaseIndex();
  /** Cases whose files were found damaged at start-up: out of the index, refused to every command. */
  readonly quarantine = new Quarantine();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #validators = new Map<string, FormValidator>();
  readonly #foretold = new ForetoldEnds();
  #definitions: DefinitionRegistry;
  readonly #sync: CaseSync;
  /** Told of every committed transition (the notification centre listens); its failure undoes nothing. */
  onCommit: ((change: CommittedChange) => Promise<void>) | undefined;
  /** Told of each incident a committed transition raised or resolved, in order (WorkflowEngine.watchIncidents). */
  readonly incidentListeners = new Set<IncidentListener>();

  constructor(
    definitions: DefinitionRegistry,
    readonly repository: CaseRepository,
    readonly clock: Clock,
    readonly ids: IdGenerator,
    readonly live: LiveCache,
  ) {
    this.#definitions = definitions;
    this.#sync = new CaseSync(repository, this.index, live);
  }

  get definitions(): DefinitionRegistry {
    return this.#definitions;
  }

  async reloadDefinitions(): Promise<void> {
    this.#definitions = await DefinitionRegistry.load(this.#definitions.root, this.#definitions.options);
    this.#validators.clear();
    this.#foretold.clear();
  }

  /** Commands on one case run one after another; different cases run side by side. */
  async withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(id, settled);
    try {
      return await result;
    } finally {
      if (this.#locks.get(id) === settled) this.#locks.delete(id);
    }
  }

  /** Whether other processes write to the same store (README "Several processes on one database"). */
  get shared(): boolean {
    return this.repository.shared !== undefined;
  }

  /**
   * A command on one case under its lock. On a shared store, a commit refused because another
   * process committed the case first is run again on the case as now stored — as one process would
   * have queued the two — so a race between processes is not the caller's 409. What the command
   * then finds (a task no longer open, a timer already fired) is answered as usual.
   */
  async withCase<T>(id: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.withLock(id, work);
      } catch (error) {
        if (!this.shared || attempt >= CONFLICT_ATTEMPTS || !isRevisionConflict(error)) throw error;
      }
    }
  }

  /** On a shared store: takes in what other processes committed (see CaseSync). */
  sync(): Promise<void> {
    return this.#sync.sync();
  }

  async idle(): Promise<void> {
    await Promise.all([...this.#locks.values()]);
  }

  async record(id: string): Promise<CaseRecord> {
    if (this.quarantine.has(id)) {
      throw new EngineError('incident', `案件 ${id} 的${DAMAGED_MESSAGE}，已隔离，待管理员从备份恢复`, { caseId: id });
    }
    // On a shared store the stored revision is read every time: another process may have moved the
    // case, and a hot instance is used only at the revision read (liveOf).
    const hot = this.live.record(id);
    if (hot !== undefined && !this.shared) return hot;
    const record = await this.repository.record(id).catch(async (error: unknown) => {
      const damage = damageOf(error);
      if (damage !== undefined) await setAside(this, id, damage);
      throw error;
    });
    if (record === undefined) throw new EngineError('not-found', ENGINE_SAYS.noSuchCase(id), { caseId: id });
    if (this.shared) this.#sync.adopt(record);
    return record;
  }

  sees(actor: Actor, summary: CaseSummary): boolean {
    const { definition, model } = this.version(summary);
    return maySee(actor, definition.manifest, model, summary);
  }

  /** Out of scope answers as not found: a case's existence is not disclosed (CONTRACT §6). */
  async visibleRecord(id: string, actor: Actor): Promise<CaseRecord> {
    const summary = this.index.get(id);
    if (summary === undefined || !this.sees(actor, summary)) throw this.unseen(id, actor);
    return this.record(id);
  }

  /**
   * Why `actor` gets no case `id`: one it could see that is set aside (its file damaged) cannot be
   * read now (its owner read 「不存在」, as if the application had been deleted); any other, not found.
   */
  unseen(id: string, actor: Actor): EngineError {
    const seenAs = this.quarantine.seenAs(id);
    if (seenAs !== undefined && couldSee(this, actor, seenAs)) {
      return new EngineError('unavailable', ENGINE_SAYS.caseUnreadable(id), { caseId: id });
    }
    return new EngineError('not-found', ENGINE_SAYS.noSuchCase(id), { caseId: id });
  }

  version(record: Pick<CaseRecord, 'process' | 'version'>): RuntimeVersion {
    return this.definitions.get(record.process, record.version);
  }

  validator(version: RuntimeVersion): FormValidator {
    let validator = this.#validators.get(version.key);
    if (validator === undefined) {
      validator = new FormValidator(version.definition.forms, version.definition.indicators);
      this.#validators.set(version.key, validator);
    }
    return validator;
  }

  /** The indicator variant of the case (its park type), from the data being submitted or earlier forms. */
  variant(version: RuntimeVersion, record: CaseRecord, data: unknown): string | undefined {
    const field = version.definition.indicators.variantField;
    const fromData = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
    const value = fromData ?? record.variables[field];
    return typeof value === 'string' ? value : undefined;
  }

  /** Messages that may be sent now, and by whom. */
  openMessages(summary: CaseSummary): CaseView['openMessages'] {
    if (summary.final) return [];
    const { model } = this.version(summary);
    const byName = new Map<string, Set<string>>();
    for (const catcher of model.messageCatches) {
      if (!summary.windows.includes(catcher.elementId) || catcher.messageName === undefined) continue;
      const groups = byName.get(catcher.messageName) ?? new Set<string>();
      for (const group of catcher.candidateGroups) groups.add(group);
      byName.set(catcher.messageName, groups);
    }
    return [...byName].map(([name, groups]) => ({ name, groups: [...groups] }));
  }

  view(record: CaseSummary & Partial<Pick<CaseRecord, 'dueBasis'>>): CaseView {
    const { definition, model } = this.version(record);
    const { manifest } = definition;
    return caseViewOf(record, manifest, this.openMessages(record), manifest, elementNamesOf(model));
  }

  /**
   * One case's view with what the page tells before a form is filled: a task whose submission ends
   * the case whatever it holds (foretold-end.ts; an Art. 27 ban read from the subject's earlier cases),
   * naming only the earlier cases `actor` may see: the condition reads them all, as the gateway will,
   * but a reader of this case is not told of a case out of its scope (a subject now applying through
   * another region: that region's groups see the new case, not the earlier one; an `assigned` group).
   */
  detailedView(record: CaseRecord, actor: Actor): CaseView {
    const view = this.view(record);
    if (record.final || record.tasks.length === 0) return view;
    const told = this.#foretold.of({
      version: this.version(record),
      record,
      earlier: this.index.casesOfSubject(record.subject, record.process, record.id),
      versionOf: (earlier) => this.version(earlier),
      today: chinaDateOf(this.clock.now()),
    });
    if (told === undefined) return view;
    const seen = told.earlier.filter((earlier) => {
      const summary = this.index.get(earlier.id);
      return summary !== undefined && this.sees(actor, summary);
    });
    return { ...view, foretold: { ...told, earlier: seen } };
  }

  transition(record: CaseRecord, version: RuntimeVersion, now: Date, actor: string): Transition {
    return new Transition(record, {
      version,
      calendar: this.definitions.calendarOf(version),
      now,
      actor,
      history: this.index
        .casesOfSubject(record.subject, record.process, record.id)
        .map((other) => ({ status: other.status, statusDate: other.statusDate })),
      newId: (kind) => this.ids.next(kind),
    });
  }

  /** The case's process instance: the hot one at this revision, or recovered from its saved state. */
  async liveOf(record: CaseRecord, version: RuntimeVersion, now: Date): Promise<LiveInstance> {
    const hot = this.live.take(record.id, record.revision);
    if (hot !== undefined) return hot;
    return LiveInstance.recover(
      version,
      await this.repository.state(record),
      this.transition(record, version, now, SYSTEM),
      record.layout,
    );
  }

  /** Runs one step on the case's process instance and commits it; an error leaves the case as it was. */
  async run(
    record: CaseRecord,
    now: Date,
    actor: string,
    step: Step,
    submissions: Omit<Submission, 'seq'>[],
    origin?: TaskRecord['origin'],
    options: RunOptions = {},
  ): Promise<CaseRecord> {
    const version = this.version(record);
    let live: LiveInstance;
    try {
      live = await this.liveOf(record, version, now);
    } catch (error) {
      return this.#raiseIncident(record, version, now, error, options.firing);
    }
    const transition = this.transition(record, version, now, actor);
    try {
      live.step(transition, () => {
        step(live, transition);
      });
    } catch (error) {
      this.live.drop(record.id);
      live.release();
      return this.#raiseIncident(record, version, now, error, options.firing);
    }
    return this.settle(transition, live, submissions, origin, options);
  }

  /**
   * What a step would do, without committing anything: the status the case would be in, and whether
   * it would end. The instance it ran on is thrown away (a hot one leaves the cache).
   */
  async preview(
    record: CaseRecord,
    now: Date,
    actor: string,
    step: Step,
  ): Promise<{ status: string; final: boolean; reason?: string }> {
    const version = this.version(record);
    const live = await this.liveOf(record, version, now);
    this.live.drop(record.id);
    const transition = this.transition(record, version, now, actor);
    try {
      live.step(transition, () => {
        step(live, transition);
      });
      const { status, reason } = transition.record;
      return { status, final: transition.ended || live.completed, ...(reason !== undefined && { reason }) };
    } finally {
      live.release();
    }
  }

  /** After a step: tasks, timers and windows read from the instance, committed; the instance kept hot. */
  async settle(
    transition: Transition,
    live: LiveInstance,
    submissions: Omit<Submission, 'seq'>[],
    origin?: TaskRecord['origin'],
    options: RunOptions = {},
  ): Promise<CaseRecord> {
    const ended = transition.ended || live.completed;
    transition.settle(ended ? undefined : live.snapshot(), {
      newRef: () => this.ids.next('task'),
      ...(origin !== undefined && { origin }),
    });
    const state = ended ? undefined : live.state();
    if (live.layout !== AS_DRAWN) transition.record.layout = live.layout;
    const { keepHot = true } = options;
    const keep =
      !ended && this.live.capacity > 0 && (typeof keepHot === 'function' ? keepHot(transition.record) : keepHot);
    if (!keep) live.release();
    let committed: CaseRecord;
    try {
      committed = await this.repository.commit(transition.record, {
        ...(state !== undefined && { state }),
        audit: transition.audit,
        submissions,
      });
    } catch (error) {
      // The hot instance has moved past what is stored (e.g. `conflict`: another writer committed
      // first): it no longer stands for the case, so the next command recovers from the store.
      this.live.drop(transition.record.id);
      if (isEngineError(error, 'conflict')) await this.#reread(transition.record.id);
      throw error;
    }
    if (keep) this.live.keep(committed, live);
    else this.live.drop(committed.id);
    this.index.remember(committed);
    await this.#committed(transition, committed, submissions);
    return committed;
  }

  /**
   * Commits what a transition did without a process step (incidents, a migration). The hot instance
   * and record of the case are dropped: they stand for the revision before.
   */
  async commitRecord(transition: Transition, state?: Awaited<ReturnType<LiveInstance['state']>>): Promise<CaseRecord> {
    this.live.drop(transition.record.id);
    let committed: CaseRecord;
    try {
      committed = await this.repository.commit(transition.record, {
        ...(state !== undefined && { state }),
        audit: transition.audit,
        submissions: [],
      });
    } catch (error) {
      if (isEngineError(error, 'conflict')) await this.#reread(transition.record.id);
      throw error;
    }
    this.index.remember(committed);
    await this.#committed(transition, committed);
    return committed;
  }

  /** After a conflict: the case as another writer left it, so this process's index lists its tasks. */
  async #reread(id: string): Promise<void> {
    try {
      const stored = await this.repository.record(id);
      if (stored !== undefined) this.index.remember(stored);
    } catch {
      // The conflict is what the caller hears; a case that cannot be read now is read on its next use.
    }
  }

  /** Tells the incident listeners of `events` (a commit's, or a case set aside, which commits nothing). */
  tellIncidents(events: Iterable<IncidentEvent>): void {
    for (const event of events) {
      for (const listener of this.incidentListeners) {
        try {
          listener(event);
        } catch {
          // As for onCommit below: a listener's failure must not turn a done command into a failure.
        }
      }
    }
  }

  async #committed(
    transition: Transition,
    record: CaseRecord,
    submissions: readonly Omit<Submission, 'seq'>[] = [],
  ): Promise<void> {
    if (this.incidentListeners.size > 0) this.tellIncidents(incidentEventsOf(transition.audit));
    if (this.onCommit === undefined) return;
    const { definition, model } = this.version(record);
    try {
      await this.onCommit({
        record,
        audit: transition.audit,
        before: transition.before,
        reached: transition.reached,
        manifest: definition.manifest,
        model,
        submissions,
      });
    } catch {
      // The case is committed and its audit holds what happened; a notification that could not be
      // stored must not turn a done command into a failure.
    }
  }

  async #raiseIncident(
    record: CaseRecord,
    version: RuntimeVersion,
    now: Date,
    error: unknown,
    firing?: TimerRecord,
  ): Promise<never> {
    const message = error instanceof Error ? error.message : String(error);
    const transition = this.transition(record, version, now, SYSTEM);
    const element = isEngineError(error) && typeof error.context.element === 'string' ? error.context.element : '';
    const id = this.ids.next('incident');
    transition.record.incidents.push({ id, kind: 'evaluation', element, message, at: now.toISOString() });
    // The timer waits for an administrator's retry (retryIncidents) instead of failing again at once.
    if (firing !== undefined) {
      transition.record.timers = transition.record.timers.map((timer) =>
        timer.executionId === firing.executionId ? { ...timer, incident: id } : timer,
      );
    }
    transition.note('incident.raised', {
      kind: 'evaluation',
      element,
      message,
      ...(firing !== undefined && { timer: firing.elementId }),
    });
    await this.commitRecord(transition);
    throw new EngineError(
      'incident',
      `案件 ${record.id} 流程定义无法执行，已记录异常：${message}`,
      { caseId: record.id },
      { cause: error },
    );
  }

  /** Fires a timer at its own due instant (a late one too: catching up keeps the dates it counts). */
  fireTimer(record: CaseRecord, timer: TimerRecord, options: RunOptions = {}): Promise<CaseRecord> {
    const at = new Date(timer.fireAt ?? this.clock.now().toISOString());
    return this.run(
      record,
      at,
      SYSTEM,
      (live, transition) => {
        transition.note('timer.fired', {
          element: timer.elementId,
          ...(timer.due !== undefined && { due: timer.due }),
          ...(timer.rule !== undefined && { rule: timer.rule }),
        });
        transition.firing(timer);
        if (!live.fireTimer(timer.executionId)) {
          throw new EngineError('incident', `timer ${timer.elementId} is not armed in the process instance`, {
            element: timer.elementId,
          });
        }
      },
      [],
      undefined,
      { ...options, firing: timer },
    );
  }

  /**
   * Fires the case's earliest timer due by `now`, on the case as stored; false when none is due (a
   * process that claimed the case late finds its timers fired by another).
   */
  async fireEarliestDue(id: string, now: string, options: RunOptions = {}): Promise<boolean> {
    const record = await this.record(id);
    if (record.final) return false;
    const due = record.timers
      .filter((timer) => armed(timer) && timer.fireAt <= now)
      .sort((a, b) => (a.fireAt ?? '').localeCompare(b.fireAt ?? ''))[0];
    if (due === undefined) return false;
    await this.fireTimer(record, due, options);
    return true;
  }

  /**
   * Fires the case's overdue timers, in due order, before a command acts on it. A due timer held by
   * the incident its firing raised refuses the command (the case is where it was when it failed: an
   * objection after its notice's end would otherwise be taken), without noting another incident;
   * `pastHeld` lets a migration through, which is how such a case is mended.
   */
  async catchUp(record: CaseRecord, options: { pastHeld?: boolean } = {}): Promise<CaseRecord> {
    const now = this.clock.now().toISOString();
    let current = record;
    for (;;) {
      const due = current.timers.find(
        (timer) => timer.fireAt !== undefined && timer.fireAt <= now && (options.pastHeld !== true || armed(timer)),
      );
      if (due === undefined || current.final) return current;
      if (!armed(due)) {
        throw new EngineError('incident', ENGINE_SAYS.timerHeld(current.id, due.elementId), {
          caseId: current.id,
          element: due.elementId,
        });
      }
      current = await this.fireTimer(current, due);
    }
  }
}
