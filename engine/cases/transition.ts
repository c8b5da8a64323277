import { EngineError, isEngineError } from '../errors.js';
import { PROPERTY } from '../definitions/conventions.js';
import { caseFacts, evaluateFeel, feelContext, type CaseFacts } from '../feel/feel-context.js';
import {
  addDays,
  chinaDateOf,
  nthPeriodLastDay,
  parsePeriod,
  startOfChinaDay,
  type LocalDate,
  type WorkingDayCalendar,
} from '../legal-time/pure.js';
import type { AuditDraft } from '../audit/audit-chain.js';
import type { StepHost } from '../runtime/live-instance.js';
import type { RuntimeVersion } from '../runtime/runtime-version.js';
import type { Snapshot } from '../runtime/snapshot.js';
import type { DateSpec } from '../definitions/process-model.js';
import type { CaseRecord, Incident, TaskPeriod, TaskRecord, TimerRecord } from './case-record.js';
import { computeDate, exposedDay } from './due-dates.js';
import { reconcileTasks, type TaskFactory } from './task-table.js';

export interface TransitionContext {
  version: RuntimeVersion;
  calendar: WorkingDayCalendar;
  /** The instant the transition happens at (a timer's due instant when catching up). */
  now: Date;
  actor: string;
  /** This subject's earlier cases of the process. */
  history: CaseFacts['history'];
  newId(kind: 'incident'): string;
}

/**
 * One transition of a case: the StepHost bpmn-engine reports to while it runs, and the bookkeeping
 * after it settles — statuses, named dates, output assignments, the end of the case, then tasks,
 * timers and message windows read from the instance. It works on its own copy of the record; the
 * engine saves it only when the whole transition succeeded.
 */
export class Transition implements StepHost {
  readonly record: CaseRecord;
  readonly audit: AuditDraft[] = [];
  readonly today: LocalDate;
  readonly at: string;
  /** The message windows open, the elements visited and the tasks open before this transition (for notifications). */
  readonly before: { windows: readonly string[]; visited: ReadonlySet<string>; tasks: readonly TaskRecord[] };
  /** The elements a token entered in this transition, in order (for notifications: a branch's end reached). */
  readonly reached: string[] = [];
  /** The period of a cycle the timer this transition fires ended, given to the tasks it opens. */
  #period: TaskPeriod | undefined;
  #ended = false;
  /** The end event that ended the case in this step: the last element whose completion counts. */
  #endedAt: string | undefined;

  constructor(
    record: CaseRecord,
    private readonly context: TransitionContext,
  ) {
    this.record = structuredClone(record);
    this.record.completed ??= seedCompleted(record);
    this.before = { windows: [...record.windows], visited: new Set(record.visited), tasks: [...record.tasks] };
    this.at = context.now.toISOString();
    this.today = chinaDateOf(context.now);
  }

  get ended(): boolean {
    return this.#ended;
  }

  note(type: string, details: Record<string, unknown>): void {
    const { manifest } = this.context.version.definition;
    this.audit.push({
      at: this.at,
      type,
      caseId: this.record.id,
      actor: this.context.actor,
      version: `${manifest.process}@${manifest.version}`,
      details,
    });
  }

  /**
   * The timer this transition fires. When it is a cycle's (the k-th anniversary), the tasks it opens
   * belong to the period it ended — the first and last days the basis it was armed with gives — so
   * that two annual reports open at once (one late) say which year each is for.
   */
  firing(timer: TimerRecord): void {
    const basis = timer.due === undefined ? undefined : this.record.dueBasis[timer.due];
    const k = basis?.periods;
    if (timer.due === undefined || basis === undefined || k === undefined || basis.value === undefined) return;
    if (basis.element !== timer.elementId || basis.lastDay !== timer.lastDay || basis.fromDate === undefined) return;
    const { value } = basis;
    if (typeof value !== 'string') return; // a cycle counts years or months, never working days
    const previousEnd = k === 1 ? basis.fromDate : nthPeriodLastDay(basis.fromDate, parsePeriod(value), k - 1);
    this.#period = { due: timer.due, number: k, start: addDays(previousEnd, 1), end: basis.lastDay };
  }

  evaluate(expression: string, element: string): unknown {
    const { rules, indicators } = this.context.version.definition;
    const context = feelContext({
      variables: this.record.variables,
      facts: caseFacts(this.record, this.context.history),
      names: this.context.version.definition.manifest,
      rules,
      indicators,
      today: this.today,
    });
    const { value, warnings } = evaluateFeel(expression, context);
    if (warnings.length > 0) {
      throw new EngineError('incident', `FEEL at ${element} cannot be evaluated: ${warnings.join('; ')}`, {
        element,
        expression,
      });
    }
    return value;
  }

  entered(elementId: string): void {
    if (this.#ended) return;
    const node = this.context.version.model.nodes.get(elementId);
    if (node === undefined) return;
    this.reached.push(elementId);
    if (!this.record.visited.includes(elementId)) this.record.visited.push(elementId);
    if (node.status !== undefined && node.status !== this.record.status) {
      this.note('status.changed', { from: this.record.status, to: node.status, element: elementId });
      this.record.status = node.status;
      this.record.statusDate = this.today;
    }
    const date = this.context.version.model.dates.find((spec) => spec.elementId === elementId && !spec.isTimer);
    // A user task's date is its task's own, counted when the task opens (#dateTask): a token that comes
    // round to a task still open (the second year's report while the first is late) waits in its queue
    // and enters only once that one is done — counted from then, it took another day than its own.
    if (date !== undefined && !this.#isUserTask(elementId))
      this.#setDate(date.elementId, () =>
        computeDate(date, this.today, this.record.due, this.context.version.definition.rules, this.context.calendar),
      );
    if (node.isEnd && node.status !== undefined) {
      const declared = this.context.version.definition.manifest.statuses[node.status];
      if (declared?.final === true) {
        this.#endedAt = elementId;
        this.#end(node.properties.get(PROPERTY.reason));
      }
    }
  }

  completed(elementId: string): void {
    // The instance may run on after the end event that ended the case: in an execution phase the
    // terminate end becomes an error end that bpmn-elements does not catch on the phase during a
    // signal, so the phase completes and its exit is taken (runtime/phased-source.ts). None of that
    // happened to the case.
    if (this.#ended && elementId !== this.#endedAt) return;
    const completed = (this.record.completed ??= []);
    if (this.context.version.model.nodes.has(elementId) && !completed.includes(elementId)) completed.push(elementId);
    if (this.#ended) return;
    for (const output of this.context.version.model.outputs) {
      if (output.elementId === elementId)
        this.record.variables[output.name] = this.evaluate(output.expression, elementId);
    }
  }

  #end(reason: string | undefined): void {
    this.#ended = true;
    this.record.final = true;
    this.record.endedAt = this.at;
    if (reason !== undefined) this.record.reason = reason;
    this.note('case.ended', { status: this.record.status, ...(reason !== undefined && { reason }) });
  }

  /** Computes a named date; a date that cannot be computed becomes an incident, never a guess. */
  #setDate(
    elementId: string,
    compute: () => ReturnType<typeof computeDate>,
    options: { quiet?: boolean } = {},
  ): Omit<TimerRecord, 'executionId' | 'startedOn'> {
    const spec = this.context.version.model.dates.find((date) => date.elementId === elementId);
    try {
      const basis = compute();
      if (spec?.due !== undefined) {
        this.record.due[spec.due] = exposedDay(basis);
        this.record.dueBasis[spec.due] = basis;
      }
      const resolved = this.record.incidents.filter((incident) => incident.element === elementId);
      this.record.incidents = this.record.incidents.filter((incident) => incident.element !== elementId);
      // Every incident that goes is in the audit, as every one raised is: an element entered again
      // whose date now computes (a migration, a loop reaching a year with data) clears it as surely
      // as a calendar year published does (rederiveTimers notes that one itself, `quiet`).
      if (options.quiet !== true) {
        for (const incident of resolved)
          this.note('incident.resolved', { element: elementId, kind: incident.kind, message: incident.message });
      }
      return {
        elementId,
        ...(spec?.rule !== undefined && { rule: spec.rule }),
        ...(spec?.due !== undefined && { due: spec.due }),
        lastDay: basis.lastDay,
        fireDay: basis.fireDay,
        // A UTC instant, so that timers compare as text with the clock's toISOString().
        fireAt: new Date(startOfChinaDay(basis.fireDay)).toISOString(),
      };
    } catch (error) {
      if (!isEngineError(error) || (error.code !== 'calendar-missing' && error.code !== 'not-found')) throw error;
      const incident: Incident = {
        id: this.context.newId('incident'),
        kind: error.code === 'calendar-missing' ? 'calendar-missing' : 'missing-date',
        element: elementId,
        message: error.message,
        at: this.at,
        ...(typeof error.context.year === 'number' && { year: error.context.year }),
      };
      this.record.incidents = [...this.record.incidents.filter((known) => known.element !== elementId), incident];
      // The date is unknown now: an earlier value of it (a previous notice's end) must not stand in.
      const stale = spec?.due;
      if (stale !== undefined) {
        this.record.due = Object.fromEntries(Object.entries(this.record.due).filter(([name]) => name !== stale));
        this.record.dueBasis = Object.fromEntries(
          Object.entries(this.record.dueBasis).filter(([name]) => name !== stale),
        );
      }
      this.note('incident.raised', { element: elementId, kind: incident.kind, message: incident.message });
      return { elementId, ...(spec?.rule !== undefined && { rule: spec.rule }), incident: incident.message };
    }
  }

  /** Timers bpmn-engine armed in this step get their dates; dates they count from come first. */
  #reconcileTimers(snapshot: Snapshot): void {
    const known = new Map(this.record.timers.map((timer) => [timer.executionId, timer]));
    const fresh = snapshot.timers.filter((timer) => !known.has(timer.executionId));
    const specs = this.context.version.model.dates;
    const writes = (elementId: string) => specs.find((spec) => spec.elementId === elementId)?.due;
    const reads = (elementId: string) => specs.find((spec) => spec.elementId === elementId)?.from;
    const ordered = dependencyOrder(fresh, writes, reads);
    const entryDay = this.today;
    const timers: TimerRecord[] = snapshot.timers.flatMap((timer) => {
      const existing = known.get(timer.executionId);
      return existing === undefined ? [] : [existing];
    });
    for (const timer of ordered) {
      const spec = specs.find((date) => date.elementId === timer.elementId && date.isTimer);
      if (spec === undefined) continue;
      const computed = this.#setDate(spec.elementId, () =>
        computeDate(spec, entryDay, this.record.due, this.context.version.definition.rules, this.context.calendar),
      );
      timers.push({ ...computed, executionId: timer.executionId, startedOn: entryDay });
    }
    this.record.timers = timers.sort((a, b) => (a.fireAt ?? '~').localeCompare(b.fireAt ?? '~'));
  }

  /** After the step: tasks, timers and windows from the instance, or nothing left when the case ended. */
  settle(snapshot: Snapshot | undefined, factory: Omit<TaskFactory, 'now'>): void {
    const { record } = this;
    const { model, definition } = this.context.version;
    record.updatedAt = this.at;
    // Before the end below: a case ended by the very submission that names its subject (an Art. 7
    // declaration) is still listed, exported and headed by that name.
    const field = definition.manifest.subjectName;
    const subject = field === undefined ? undefined : record.variables[field];
    if (typeof subject === 'string' && subject !== '') record.subjectName = subject;
    if (this.#ended || snapshot === undefined) {
      if (!this.#ended) this.#end(undefined);
      record.tasks = [];
      record.timers = [];
      record.windows = [];
      return;
    }
    const before = new Set(record.tasks.map((task) => task.ref));
    record.tasks = reconcileTasks(record, snapshot, model, definition.manifest, { ...factory, now: this.at });
    const dated = new Map<string, TaskRecord['due']>();
    for (const task of record.tasks) {
      if (!before.has(task.ref)) this.#dateTask(task, dated);
      if (!before.has(task.ref) && this.#period !== undefined) task.period = { ...this.#period };
      if (!before.has(task.ref))
        this.note('task.opened', {
          ref: task.ref,
          taskId: task.taskId,
          element: task.elementId,
          ...(task.scope !== undefined && { scope: task.scope }),
        });
    }
    this.#reconcileTimers(snapshot);
    record.windows = snapshot.messageCatches;
  }

  #isUserTask(elementId: string): boolean {
    return this.context.version.model.userTasks.some((spec) => spec.elementId === elementId);
  }

  /** The `due` a user task's element declares (README "Task due dates"), if any. */
  #taskDateSpec(task: TaskRecord): (DateSpec & { due: string }) | undefined {
    const spec = this.context.version.model.dates.find((date) => date.elementId === task.elementId && !date.isTimer);
    return spec?.due === undefined ? undefined : { ...spec, due: spec.due };
  }

  /**
   * A task whose element declares `due` takes that date, computed as it opens, from that day (README
   * "Task due dates") — a task queued behind an open one of its element as much as the first; the
   * case's date of that name is the newest task's. Tasks of one element opened in one step (each
   * department's opinion) share one computation (`dated`). The task keeps its date even if a later
   * element writes the same name; a date that cannot be computed yet (a year without calendar data)
   * is an incident, and the task gets its date when the year is published (redateTasks).
   */
  #dateTask(task: TaskRecord, dated: Map<string, TaskRecord['due']>): void {
    const spec = this.#taskDateSpec(task);
    if (spec === undefined) return;
    if (!dated.has(task.elementId)) {
      const { rules } = this.context.version.definition;
      const computed = this.#setDate(spec.elementId, () =>
        computeDate(spec, this.today, this.record.due, rules, this.context.calendar),
      );
      const date = this.record.due[spec.due];
      dated.set(
        task.elementId,
        computed.incident === undefined && date !== undefined ? { name: spec.due, date } : undefined,
      );
    }
    const due = dated.get(task.elementId);
    if (due !== undefined) task.due = due;
  }

  /**
   * Open tasks' dates under the calendar as it is now, each counted from the day its task opened: a
   * task without its date (its year had no calendar data) gets it, and with `all` (a corrected year)
   * a date counted in working days is computed again and moves. Each is noted in the audit with
   * `reason` (the calendar notice), as rederiveTimers notes a timer's.
   */
  redateTasks(reason: Record<string, unknown>, options: { all: boolean }): boolean {
    const { rules } = this.context.version.definition;
    let changed = false;
    for (const task of this.record.tasks) {
      const spec = this.#taskDateSpec(task);
      if (spec === undefined) continue;
      const rule = spec.rule === undefined ? undefined : rules[spec.rule];
      // A period of months or years does not depend on the calendar.
      if (task.due !== undefined && !(options.all && typeof rule?.value === 'number')) continue;
      const opened = chinaDateOf(new Date(task.createdAt));
      const compute = () => computeDate(spec, opened, this.record.due, rules, this.context.calendar);
      try {
        compute();
      } catch (error) {
        if (isEngineError(error) && (error.code === 'calendar-missing' || error.code === 'not-found')) continue;
        throw error;
      }
      const held = this.record.incidents.find((incident) => incident.element === task.elementId);
      this.#setDate(spec.elementId, compute, { quiet: true });
      const date = this.record.due[spec.due];
      if (date === undefined || date === task.due?.date) continue;
      const where = { element: task.elementId, due: spec.due, ref: task.ref, ...reason };
      if (task.due === undefined) {
        this.note('incident.resolved', {
          ...where,
          ...(held !== undefined && { kind: held.kind, message: held.message }),
          to: date,
        });
      } else {
        this.note('due.rederived', { ...where, from: task.due.date, to: date });
      }
      task.due = { name: spec.due, date };
      changed = true;
    }
    return changed;
  }

  /** A timer's dates computed again from the day it started, under this transition's version and calendar. */
  #redate(timer: TimerRecord, options: { quiet?: boolean } = {}): TimerRecord | undefined {
    const spec = this.context.version.model.dates.find((date) => date.elementId === timer.elementId && date.isTimer);
    if (spec === undefined) return undefined;
    const { rules } = this.context.version.definition;
    const computed = this.#setDate(
      spec.elementId,
      () => computeDate(spec, timer.startedOn, this.record.due, rules, this.context.calendar),
      options,
    );
    return { ...computed, executionId: timer.executionId, startedOn: timer.startedOn };
  }

  /** Re-dates every timer under this transition's version (after a migration to it). */
  redateTimers(): void {
    this.record.timers = this.record.timers.map((timer) => this.#redate(timer) ?? timer);
    this.record.timers.sort((a, b) => (a.fireAt ?? '~').localeCompare(b.fireAt ?? '~'));
  }

  /**
   * Recomputes the dates of timers stuck on an incident (after calendar data was added), and lets a
   * timer whose firing failed fire again (its incident resolved; failing again raises a new one).
   */
  retryTimers(reason: Record<string, unknown> = {}): boolean {
    const released = this.#releaseFailedTimers();
    return this.rederiveTimers(reason, { all: false }) || released;
  }

  /** Timers held by the incident their firing raised (`armed`), armed again. */
  #releaseFailedTimers(): boolean {
    let released = false;
    this.record.timers = this.record.timers.map((timer) => {
      const { incident: id, ...rest } = timer;
      if (id === undefined || timer.fireAt === undefined) return timer;
      const incident = this.record.incidents.find((held) => held.id === id);
      this.record.incidents = this.record.incidents.filter((held) => held.id !== id);
      this.note('incident.resolved', {
        element: incident?.element ?? timer.elementId,
        timer: timer.elementId,
        retried: true,
        ...(incident !== undefined && { kind: incident.kind, message: incident.message }),
      });
      released = true;
      return rest;
    });
    return released;
  }

  /**
   * Recomputes the dates of timers not yet fired under the calendar as it is now: those stuck on an
   * incident and, with `all`, every other one (a corrected year). Each timer that got a date or
   * moved is noted in the audit with the old and new dates and `reason` (the calendar notice).
   */
  rederiveTimers(reason: Record<string, unknown>, options: { all: boolean }): boolean {
    let changed = false;
    this.record.timers = this.record.timers.map((timer) => {
      if (timer.incident === undefined && !options.all) return timer;
      // Held by its failed firing, its date known: only an administrator's retry releases it.
      if (timer.incident !== undefined && timer.fireAt !== undefined) return timer;
      // A period of months or years does not depend on the calendar: only working-day ones move.
      if (
        timer.incident === undefined &&
        timer.due !== undefined &&
        this.record.dueBasis[timer.due]?.calendar === undefined
      )
        return timer;
      const before = timer.due === undefined ? undefined : this.record.due[timer.due];
      const held = this.record.incidents.find((incident) => incident.element === timer.elementId);
      const redated = this.#redate(timer, { quiet: true });
      if (redated === undefined || redated.incident !== undefined) {
        if (timer.incident === undefined && redated?.incident !== undefined) changed = true;
        return redated ?? timer;
      }
      const due = redated.due ?? timer.due;
      const where = { element: timer.elementId, ...(due !== undefined && { due }), ...reason };
      if (timer.incident !== undefined) {
        changed = true;
        const date = due === undefined ? undefined : this.record.due[due];
        this.note('incident.resolved', {
          ...where,
          ...(held !== undefined && { kind: held.kind, message: held.message }),
          ...(date !== undefined && { to: date }),
          lastDay: redated.lastDay,
          fireDay: redated.fireDay,
        });
      } else if (redated.lastDay !== timer.lastDay || redated.fireDay !== timer.fireDay) {
        changed = true;
        const after = timer.due === undefined ? undefined : this.record.due[timer.due];
        this.#moveTaskDates(timer.due, before, after);
        this.note('due.rederived', {
          ...where,
          from: before ?? timer.lastDay,
          to: after ?? redated.lastDay,
          lastDay: { from: timer.lastDay, to: redated.lastDay },
          fireDay: { from: timer.fireDay, to: redated.fireDay },
        });
      }
      return redated;
    });
    this.record.timers.sort((a, b) => (a.fireAt ?? '~').localeCompare(b.fireAt ?? '~'));
    return changed;
  }

  /** Open tasks showing a due date that was corrected show the corrected one. */
  #moveTaskDates(name: string | undefined, from: string | undefined, to: string | undefined): void {
    if (name === undefined || from === undefined || to === undefined || from === to) return;
    for (const task of this.record.tasks) {
      if (task.due?.name === name && task.due.date === from) task.due = { name, date: to };
    }
  }
}

/**
 * Timers started in one step, ordered so that a timer counting from a date comes after the timer
 * that sets that date (a new period's end before its re-review window). A timer reading the date
 * it writes itself reads the old value.
 */
function dependencyOrder<T extends { elementId: string }>(
  timers: readonly T[],
  writes: (elementId: string) => string | undefined,
  reads: (elementId: string) => string | undefined,
): T[] {
  const remaining = [...timers];
  const ordered: T[] = [];
  while (remaining.length > 0) {
    const index = remaining.findIndex((timer) => {
      const needs = reads(timer.elementId);
      return !remaining.some(
        (other) => other.elementId !== timer.elementId && needs !== undefined && writes(other.elementId) === needs,
      );
    });
    const [next] = remaining.splice(index < 0 ? 0 : index, 1);
    if (next !== undefined) ordered.push(next);
  }
  return ordered;
}

/**
 * The completed steps of a record from before they were kept: what was entered and is not waiting
 * now (the best the record tells; an event discarded behind a gateway cannot be told apart).
 */
export function seedCompleted(record: Pick<CaseRecord, 'visited' | 'tasks' | 'timers' | 'windows'>): string[] {
  const waiting = new Set([
    ...record.tasks.map((task) => task.elementId),
    ...record.timers.map((timer) => timer.elementId),
    ...record.windows,
  ]);
  return record.visited.filter((elementId) => !waiting.has(elementId));
}
