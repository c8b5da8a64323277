import { randomBytes } from 'node:crypto';
import { dataHash, verifyChain } from './audit/audit-chain.js';
import { RandomIds } from './clock.js';
import { DefinitionRegistry } from './definitions/registry.js';
import {
  declaredSubjectRegion,
  readSubjectRegion,
  regionDirectory,
  type SubjectRegion,
} from './definitions/subject-region.js';
import type { Manifest } from './definitions/types.js';
import type { ProcessModel } from './definitions/process-model.js';
import { EngineError, isEngineError } from './errors.js';
import type { FieldError } from './forms/form-validator.js';
import { trimmedTexts } from './forms/text-ends.js';
import { damageOf, type StoreDamage } from './store/damage.js';
import { chinaDateOf, missingCalendarYear, type CalendarFile } from './legal-time/pure.js';
import { publishCalendarYear, type CalendarPublication } from './cases/calendar-publication.js';
import type { Clock, IdGenerator, Store } from './ports.js';
import { LiveInstance } from './runtime/live-instance.js';
import type { RuntimeVersion } from './runtime/runtime-version.js';
import { mayActAs, mayStart, regionMissing, type Actor } from './cases/actors.js';
import { RedactionPolicy, type AuditView } from './redaction/redaction-policy.js';
import { newCaseRecord, type CaseRecord, type Submission } from './cases/case-record.js';
import { CaseRepository } from './cases/case-repository.js';
import { CaseRuntime, SYSTEM, type Step } from './cases/case-runtime.js';
import { namesOf, readmitRestored } from './cases/set-aside.js';
import {
  elementNamesOf,
  subjectRegionOfView,
  taskViewOf,
  type CaseSummary,
  type CaseView,
  type TaskView,
} from './cases/case-view.js';
import { HistoryDigest, type LogHead, type Reader, type StatusChange } from './cases/history-digest.js';
import { LiveCache } from './cases/live-cache.js';
import { migrateCase } from './cases/migrate-case.js';
import type { MigrationPlan } from './cases/migration.js';
import { publicWindows, type PublicWindow } from './cases/public-windows.js';
import { startGroups } from './cases/start-groups.js';
import { bindQueuedTask } from './cases/task-table.js';
import { describeOrigin, receiptCode } from './cases/task-origin.js';
import { returnedTask } from './cases/returned-task.js';
import { listedAside, unavailableCases, unavailableTasks } from './cases/unavailable.js';
import { remindTask } from './cases/remind-task.js';
import { fireSharedDueTimers } from './cases/shared-timers.js';
import { fireDueTimers } from './cases/timer-wave.js';
import { seedCompleted } from './cases/transition.js';
import { deriveNotifications } from './notifications/derive.js';
import { dueWarnings } from './notifications/due-warnings.js';
import type { NotificationChannel } from './notifications/notification.js';
import { NotificationCenter } from './notifications/notification-center.js';
import { storedBeforeParts } from './notifications/stored-before.js';
import { ENGINE_SAYS } from './messages.js';
import type { IncidentListener } from './cases/incident-events.js';

export type { PublicWindow } from './cases/public-windows.js';
export type { CalendarPublication } from './cases/calendar-publication.js';
export type { IncidentEvent, IncidentListener } from './cases/incident-events.js';

/** One published calendar year, without its days (GET /api/calendars). */
export type CalendarYearSummary = Pick<CalendarFile, 'calendar' | 'year' | 'notice' | 'source'> & {
  revision: number;
  holidays: number;
  workdays: number;
};

/** A check of submitted data beyond its form schema, run after the schema passed: field errors ([] = fine). */
export type DataCheck = (data: unknown) => Promise<FieldError[]>;

/** Runs (or previews) a checked step: a task's completion, a message. */
type FinishStep<T> = (
  runtime: CaseRuntime,
  record: CaseRecord,
  step: Step,
  submission: { now: Date; entry: Omit<Submission, 'seq'> },
) => Promise<T>;

/** What a step would do to its case (a preview): the status it would be in, whether it would end, and why. */
export interface StepOutcome {
  status: string;
  /** The status's title in the programme's words. */
  statusTitle?: string;
  final: boolean;
  reason?: string;
}

async function assertChecked(formKey: string, data: unknown, check: DataCheck | undefined): Promise<void> {
  const errors = check === undefined ? [] : await check(data);
  const [first] = errors;
  if (first !== undefined) throw new EngineError('validation', first.message, { formKey, errors });
}

/**
 * Enough for the cases people are working on right now (a case is worked a step after another, a
 * few at a time), few enough to matter little to memory and to the garbage collector: an instance
 * of this diagram holds ~7 MB, and each one kept is copied into the old generation. Measured with
 * 50 HTTP clients spread over 250 cases (docs/benchmarks.md): 64 kept gave 26 completions/s, 16
 * gave 34, none 35.
 */
const DEFAULT_HOT_CASES = 16;

export interface EngineOptions {
  /** A definitions directory, or a registry already loaded. */
  definitions: string | DefinitionRegistry;
  store: Store;
  clock: Clock;
  ids?: IdGenerator;
  /**
   * How many process instances stay in memory between transitions (the rest are recovered on
   * demand); default DEFAULT_HOT_CASES.
   */
  hotCases?: number;
  /** Where notifications go besides the in-app centre (e-mail); none: nothing is sent. */
  notificationChannel?: NotificationChannel;
  /**
   * `background`: `open` returns once the definitions are loaded and the stored cases are read into
   * the index behind it; `ready` settles when they are (a server listens at once and holds requests
   * until then). Default `before-open`: `open` returns with every case loaded.
   */
  loadCases?: 'before-open' | 'background';
  /**
   * Told of each incident raised or resolved from the start — the retries of `open` itself included,
   * which a listener added by watchIncidents afterwards would miss.
   */
  onIncident?: IncidentListener;
}

/**
 * The workflow engine (CONTRACT §2, §5, §8): durable cases on bpmn-engine, each on the definition
 * version in force on its start day, with legal-time timers it fires itself. Every command is one
 * transition per case, serialised per case, saved before it is answered.
 */
export class WorkflowEngine {
  /** The in-app notification centre (README "Notification centre"). */
  readonly notifications: NotificationCenter;
  /** Calendar publications, one after the other. */
  #calendarQueue: Promise<unknown> = Promise.resolve();
  /** This process's name on the timer leases it takes (shared stores). */
  readonly #timerHolder = `timers-${randomBytes(8).toString('hex')}`;
  #ready: Promise<void> = Promise.resolve();
  /** What reports read from every case's history, per case at the head its record names. */
  readonly #history = new HistoryDigest();
  /** Each loaded version's redaction policy (it reads only the version's manifest and diagram). */
  readonly #policies = new WeakMap<RuntimeVersion, RedactionPolicy>();
  #loading = false;

  private constructor(
    private readonly runtime: CaseRuntime,
    store: Store,
    channel: NotificationChannel | undefined,
  ) {
    // A notification about a task no longer open (done, by this user or another holder) is not unread.
    const center = new NotificationCenter(
      store,
      runtime.clock,
      channel,
      (ref) => runtime.index.caseOfTask(ref) !== undefined,
      (notification) => {
        const summary = runtime.index.get(notification.caseId);
        // A case in the index runs on a loaded version (the registry holds every one a case is on).
        const found = summary && {
          process: summary.process,
          ...(summary.subjectName !== undefined && { subjectName: summary.subjectName }),
          model: runtime.version(summary).model,
        };
        return storedBeforeParts(notification, found);
      },
    );
    this.notifications = center;
    runtime.onCommit = async (change) => {
      await center.publish(deriveNotifications(change), change.manifest);
    };
  }

  static async open(options: EngineOptions): Promise<WorkflowEngine> {
    const definitions =
      typeof options.definitions === 'string'
        ? await DefinitionRegistry.load(options.definitions)
        : options.definitions;
    const repository = new CaseRepository(options.store);
    const live = new LiveCache(options.hotCases ?? DEFAULT_HOT_CASES);
    const runtime = new CaseRuntime(definitions, repository, options.clock, options.ids ?? new RandomIds(), live);
    const engine = new WorkflowEngine(runtime, options.store, options.notificationChannel);
    if (options.onIncident !== undefined) runtime.incidentListeners.add(options.onIncident);
    engine.#loading = true;
    engine.#ready = (async () => {
      await WorkflowEngine.#load(runtime);
      // The cases just set aside were just read: reading them again only logs their damage twice.
      await engine.retryIncidents({ readmit: false });
      engine.#loading = false;
    })();
    // Observed here so that a failure before the caller awaits `ready` is not an unhandled rejection;
    // `ready` itself still rejects with it.
    engine.#ready.catch(() => undefined);
    if (options.loadCases !== 'background') await engine.#ready;
    return engine;
  }

  /**
   * Settles when every stored case is in the index (and damaged ones quarantined); rejects when they
   * could not be read. Already settled unless the engine was opened with `loadCases: 'background'`:
   * until then nothing but the definitions, the clock and `loading` may be used.
   */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** True while the stored cases are still being read into the index (`loadCases: 'background'`). */
  get loading(): boolean {
    return this.#loading;
  }

  /**
   * Reads every case into the index. A case whose record or log cannot be read is quarantined (the
   * store has reported its file): one damaged file is not an outage.
   */
  static async #load(runtime: CaseRuntime): Promise<void> {
    // A shared store (PostgreSQL) cannot be damaged, and its first look reads every case at once.
    if (runtime.shared) return runtime.sync();
    const { repository } = runtime;
    const ids = await repository.ids();
    // Read several at a time (the reads wait on the disk, not on this thread); taken into the index
    // in id order, as one by one, so lists come out the same.
    const read = await mapBounded(ids, LOAD_CONCURRENCY, async (id) => {
      try {
        return { id, record: await repository.record(id) };
      } catch (error) {
        const damage = damageOf(error);
        if (damage === undefined) throw error;
        return { id, damage, readable: damage.name === 'cases' ? undefined : await repository.readable(id) };
      }
    });
    for (const loaded of read) {
      if (loaded.damage === undefined) {
        if (loaded.record !== undefined) runtime.index.remember(loaded.record);
        continue;
      }
      const { readable } = loaded;
      runtime.quarantine.add(
        loaded.id,
        loaded.damage,
        readable,
        runtime.clock.now(),
        namesOf(runtime.definitions, readable),
      );
    }
  }

  /** Cases quarantined at start-up for a damaged file, with the damage (also listed by `store:check`). */
  get damaged(): { caseId: string; damage: StoreDamage }[] {
    return this.runtime.quarantine.damages();
  }

  get clock(): Clock {
    return this.runtime.clock;
  }

  /** Every calendar year loaded, per calendar, ascending (the working-day calendars cases count in). */
  calendarYears(): CalendarYearSummary[] {
    const { definitions } = this.runtime;
    return definitions.calendarIds().flatMap((id) =>
      definitions
        .calendarFiles(id)
        .map((file) => ({
          calendar: file.calendar,
          year: file.year,
          revision: file.revision ?? 1,
          ...(file.notice !== undefined && { notice: file.notice }),
          ...(file.source !== undefined && { source: file.source }),
          holidays: file.holidays.length,
          workdays: file.workdays.length,
        }))
        .sort((a, b) => a.year - b.year),
    );
  }

  /**
   * Calendars missing the year they need now: the current year, or from 1 November the next one
   * (README "Calendars"). Empty when every calendar is ready.
   */
  missingCalendarYears(): { calendar: string; year: number }[] {
    const today = chinaDateOf(this.runtime.clock.now());
    const { definitions } = this.runtime;
    return definitions.calendarIds().flatMap((calendar) => {
      const year = missingCalendarYear(
        today,
        definitions.calendarFiles(calendar).map((file) => file.year),
      );
      return year === undefined ? [] : [{ calendar, year }];
    });
  }

  /**
   * Publishes a calendar year entered in the product (cases/calendar-publication.ts): one at a time,
   * so that two corrections of a year never take the same revision number.
   */
  publishCalendarYear(year: number, entry: unknown, actor: Actor): Promise<CalendarPublication> {
    const calendar =
      typeof entry === 'object' && entry !== null ? (entry as { calendar?: unknown }).calendar : undefined;
    const run = this.#calendarQueue.then(() => publishCalendarYear(this.runtime, { calendar, year, entry }, actor));
    this.#calendarQueue = run.catch(() => undefined);
    return run;
  }

  /** The definition versions the engine runs. */
  get definitions(): DefinitionRegistry {
    return this.runtime.definitions;
  }

  /**
   * Reads the definitions directory again (after a version was published): new cases see the new
   * version from its effective date; running cases keep theirs, which stay in the directory.
   */
  reloadDefinitions(): Promise<void> {
    return this.runtime.reloadDefinitions();
  }

  /** The manifest a case view runs on, when its version is known (not for a damaged case). */
  manifestOf(view: { process: string; version: string }): Manifest | undefined {
    try {
      return this.runtime.definitions.get(view.process, view.version).definition.manifest;
    } catch {
      return undefined;
    }
  }

  /** The message a case's public notice offers (`publicNotice.message`); undefined: no such case or none. */
  publicNoticeMessage(caseId: string): string | undefined {
    const summary = this.runtime.index.get(caseId);
    return summary === undefined ? undefined : this.manifestOf(summary)?.publicNotice?.message;
  }

  /**
   * What people call message `name`: the title of the form it is sent with, from the newest version
   * that declares it (the name itself when none does). By name alone, so that a refusal reads the
   * same for a case the caller may not see as for one they may.
   */
  messageTitle(name: string): string {
    for (const version of [...this.definitions.list()].reverse()) {
      const formKey = version.model.messageCatches.find((catcher) => catcher.messageName === name)?.formKey;
      const title = formKey === undefined ? undefined : version.definition.forms.get(formKey)?.title;
      if (typeof title === 'string') return title;
    }
    return name;
  }

  /** Whether `name` is a message anyone may send on this case (what it brings is the public's); false for no such case. */
  isPublicMessage(caseId: string, name: string): boolean {
    const summary = this.runtime.index.get(caseId);
    return summary !== undefined && this.redaction(summary).publicMessages.has(name);
  }

  /** A case's subject and region, read from under the names its programme declares. */
  subjectRegionOf(view: CaseView): SubjectRegion {
    return subjectRegionOfView(view, this.manifestOf(view));
  }

  /**
   * With several processes on one store (README "Several processes on one database"): takes in the
   * cases the others committed since the last call, so what this process lists and answers next is
   * as stored. The server calls it before every API request; on a store of one process it does nothing.
   */
  sync(): Promise<void> {
    return this.runtime.sync();
  }

  // ---- queries ---------------------------------------------------------------------------------

  async getCase(id: string, actor: Actor): Promise<CaseView> {
    const quarantined = this.runtime.quarantine.view(id, actor);
    if (quarantined !== undefined) return quarantined;
    try {
      return this.runtime.detailedView(await this.runtime.visibleRecord(id, actor), actor);
    } catch (error) {
      // Its file found damaged by this very read: set aside (cases/set-aside.ts), it reads as one set
      // aside at start-up does (the first look answered 500 with the file's name and nothing else).
      if (!isEngineError(error, 'damaged') || !this.runtime.quarantine.has(id)) throw error;
      const aside = this.runtime.quarantine.view(id, actor);
      if (aside === undefined) throw this.runtime.unseen(id, actor);
      return aside;
    }
  }

  /** The cases the actor may see; those set aside for a damaged file as admins or their own people see them. */
  listCases(actor: Actor): CaseView[] {
    return [...this.runtime.index.all()]
      .filter((summary) => this.runtime.sees(actor, summary))
      .map((summary) => this.runtime.view(summary))
      .concat(this.runtime.quarantine.views(actor), unavailableCases(this.runtime, actor));
  }

  /** Open tasks the actor may complete, oldest first. */
  listTasks(actor: Actor): TaskView[] {
    const tasks: TaskView[] = [];
    for (const summary of this.runtime.index.all()) {
      const { definition, model } = this.runtime.version(summary);
      const { manifest } = definition;
      for (const task of summary.tasks) {
        if (mayActAs(actor, task.groups, manifest, summary as CaseRecord, task.scope))
          tasks.push(taskViewOf(summary, task, elementNamesOf(model)));
      }
    }
    return tasks.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Open tasks the actor may complete, as an inbox lists them: a task a message opened (one review
   * per objection, otherwise all alike) carries what tells it apart — the message's number on the
   * case, when it came and, read through the redaction policy, the opening words of what was sent.
   */
  async inboxTasks(actor: Actor): Promise<TaskView[]> {
    const read = new Map<string, Promise<Submission[]>>();
    const submissionsOf = (caseId: string) => {
      const pending = read.get(caseId) ?? this.submissions(caseId, actor).catch(() => []);
      read.set(caseId, pending);
      return pending;
    };
    const listed = await Promise.all(
      this.listTasks(actor).map(async (task) => {
        const summary = this.runtime.index.get(task.caseId);
        if (summary === undefined) return task;
        const { definition, model } = this.runtime.version(summary);
        const described = await this.withReturn(task, summary, model, submissionsOf);
        if (described.origin === undefined) return described;
        const schemaOf = (message: string) => {
          const formKey = model.messageCatches.find((catcher) => catcher.messageName === message)?.formKey;
          return formKey === undefined ? undefined : definition.forms.get(formKey);
        };
        const detail = describeOrigin(described.origin, await submissionsOf(task.caseId), schemaOf);
        return detail === undefined ? described : { ...described, origin: { ...described.origin, ...detail } };
      }),
    );
    // The tasks it held on cases set aside since: listed, marked, not to be done (they vanished).
    const aside = unavailableTasks(this.runtime, actor);
    return aside.length === 0 ? listed : [...listed, ...aside].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * A task whose step was done before on its case may have been sent back: only then are the case's
   * submissions read, to tell when and by which step.
   */
  private async withReturn(
    task: TaskView,
    summary: CaseSummary,
    model: ProcessModel,
    submissionsOf: (caseId: string) => Promise<Submission[]>,
  ): Promise<TaskView> {
    const elementId = summary.tasks.find((open) => open.ref === task.ref)?.elementId;
    if (elementId === undefined || !(summary.completed ?? []).includes(elementId)) return task;
    const review = returnedTask(await submissionsOf(task.caseId), task.taskId, task.scope)?.review;
    if (review === undefined) return task;
    const step = model.userTasks.find((spec) => spec.taskId === review.name);
    const name = step === undefined ? undefined : model.nodes.get(step.elementId)?.name;
    return { ...task, returned: { at: review.at, step: name === undefined || name === '' ? review.name : name } };
  }

  /**
   * The open task `ref` when the actor may complete it (as the inbox lists it, without its origin);
   * undefined when it is not open, or not the actor's to do.
   */
  taskFor(ref: string, actor: Actor): TaskView | undefined {
    const caseId = this.runtime.index.caseOfTask(ref);
    const summary = caseId === undefined ? undefined : this.runtime.index.get(caseId);
    const task = summary?.tasks.find((open) => open.ref === ref);
    if (summary === undefined || task === undefined) return undefined;
    const { definition, model } = this.runtime.version(summary);
    return mayActAs(actor, task.groups, definition.manifest, summary as CaseRecord, task.scope)
      ? taskViewOf(summary, task, elementNamesOf(model))
      : undefined;
  }

  /** The case an open task belongs to (undefined: no such open task). */
  caseOfTask(ref: string): string | undefined {
    return this.runtime.index.caseOfTask(ref);
  }

  /** Open windows for messages anyone may send (public notices, Art. 22), with their dates. */
  publicWindows(): PublicWindow[] {
    return publicWindows(this.runtime);
  }

  /**
   * The case's diagram and where it stands: `active` holds the steps waiting now (tasks, timers, open
   * message windows), `done` the steps completed, `visited` every step entered (done, waiting, or
   * discarded behind an event-based gateway).
   */
  async diagram(
    id: string,
    actor: Actor,
  ): Promise<{ xml: string; visited: string[]; active: string[]; done: string[] }> {
    const record = await this.runtime.visibleRecord(id, actor);
    const active = new Set([
      ...record.tasks.map((task) => task.elementId),
      ...record.timers.map((timer) => timer.elementId),
      ...record.windows,
    ]);
    return {
      xml: this.runtime.version(record).definition.processXml,
      visited: record.visited,
      active: [...active],
      done: record.completed ?? seedCompleted(record),
    };
  }

  /** The case's audit trail, through the redaction policy (the public's senders withheld, Art. 22). */
  async audit(id: string, actor: Actor): Promise<AuditView[]> {
    const record = await this.runtime.visibleRecord(id, actor);
    const { repository } = this.runtime;
    return this.redaction(record).audit(actor, await repository.audit(id), await repository.submissions(id));
  }

  /**
   * The forms submitted on a case, through the redaction policy: what the public sent (an objection:
   * name, ID number, contact, Art. 22) is personal data, read only by the groups the manifest names.
   */
  async submissions(id: string, actor: Actor): Promise<Submission[]> {
    const record = await this.runtime.visibleRecord(id, actor);
    return this.redaction(record).submissions(actor, await this.runtime.repository.submissions(id));
  }

  /**
   * The statuses the case entered, and when, oldest first: the `status.changed` entries of its audit
   * trail as `audit` gives it to the actor. For reports over every case (GET /api/statistics): the
   * trail is read once per head its record names (HistoryDigest), not on every call. None for a
   * quarantined case (its files cannot be read until it is restored), which admins and those who could
   * see it find listed, nor for one whose audit log is found damaged while the server runs.
   */
  async statusChanges(id: string, actor: Actor): Promise<readonly StatusChange[]> {
    if (listedAside(this.runtime, actor, id)) return [];
    const { head, reader } = this.#historyReader(id, actor);
    const known = this.#history.statusChanges(id, head, reader);
    if (known !== undefined) return known;
    return this.#history.readOnce(id, head, reader, 'statuses', async () => {
      const audit = await readableHistory(() => this.audit(id, actor));
      return audit === undefined ? [] : this.#history.rememberStatusChanges(id, head, reader, audit);
    });
  }

  /**
   * The value of `field` in the case's latest submission whose data holds it, as `submissions` gives
   * them to the actor (undefined: none holds it, or the case is quarantined or its log damaged). Read once per head its
   * record names, as statusChanges.
   */
  async latestSubmitted(id: string, actor: Actor, field: string): Promise<unknown> {
    if (listedAside(this.runtime, actor, id)) return undefined;
    const { head, reader } = this.#historyReader(id, actor);
    const known = this.#history.latestValue(id, head, reader, field);
    if (known !== undefined) return known.value;
    return this.#history.readOnce(id, head, reader, `latest ${field}`, async () => {
      const submissions = await readableHistory(() => this.submissions(id, actor));
      return submissions === undefined
        ? undefined
        : this.#history.rememberLatestValue(id, head, reader, field, submissions);
    });
  }

  /** Where the case's logs end as this process last took its record in, and what the actor may read of them. */
  #historyReader(id: string, actor: Actor): { head: LogHead; reader: Reader } {
    const summary = this.runtime.index.get(id);
    if (summary === undefined || !this.runtime.sees(actor, summary)) {
      throw new EngineError('not-found', ENGINE_SAYS.noSuchCase(id), { caseId: id });
    }
    const head = { audit: { ...summary.audit }, submissions: summary.submissions };
    return { head, reader: this.redaction(summary).mayReadPublic(actor) ? 'public-readable' : 'redacted' };
  }

  /**
   * The redaction policy of a case's version (engine/redaction). Every read path that shows a case's
   * history (notifications, exports, …) applies it.
   */
  redaction(of: { process: string; version: string }): RedactionPolicy {
    const version = this.runtime.version(of);
    let policy = this.#policies.get(version);
    if (policy === undefined) {
      policy = new RedactionPolicy(version.definition.manifest, version.model);
      this.#policies.set(version, policy);
    }
    return policy;
  }

  /** Whether the actor may read the public's submissions on cases of this manifest's version. */
  mayReadPublicSubmissions(actor: Actor, manifest: Manifest): boolean {
    return this.redaction(manifest).mayReadPublic(actor);
  }

  /** Checks a case's audit chain against the head its record holds. */
  async verifyAudit(id: string): Promise<ReturnType<typeof verifyChain>> {
    const record = await this.runtime.record(id);
    return verifyChain(await this.runtime.repository.audit(id), { count: record.audit.count, hash: record.audit.head });
  }

  /** When the next timer of any case is due (for a scheduler outside the engine). */
  nextTimerAt(): Date | undefined {
    const next = this.runtime.index.earliestTimer()?.timer.fireAt;
    return next === undefined ? undefined : new Date(next);
  }

  // ---- commands --------------------------------------------------------------------------------

  /**
   * Starts a case. Its subject and region come under the names the programme declares
   * (`{ process, park, province }`) or the neutral `{ process, subject, region }`.
   */
  async startCase(input: StartCaseInput, actor: Actor): Promise<CaseView> {
    const { runtime } = this;
    const now = runtime.clock.now();
    const version = runtime.definitions.inForce(input.process, chinaDateOf(now));
    const { manifest } = version.definition;
    const { subject, region } = requiredSubjectRegion(manifest, input);
    const id = input.id ?? runtime.ids.next('case');
    const declared = declaredSubjectRegion(manifest, { subject, region });
    return runtime.withLock(id, async () => {
      const record = newCaseRecord(id, { process: input.process, version: manifest.version, subject, region }, now);
      // Who may start comes first: a refusal must not tell another subject's cases apart.
      if (!mayStart(actor, startGroups(version.model), manifest, record)) {
        const missing = regionMissing(actor, startGroups(version.model), manifest, record);
        const said =
          missing === undefined ? ENGINE_SAYS.mayNotStart(subject, region) : ENGINE_SAYS.noRegionOnAccount(missing);
        throw new EngineError('forbidden', said, declared);
      }
      if (runtime.index.has(id) || runtime.quarantine.has(id) || (await runtime.repository.record(id)) !== undefined) {
        throw new EngineError('conflict', ENGINE_SAYS.caseIdTaken(id), { caseId: id });
      }
      const limit = manifest.openCasesPerSubject;
      const open = [
        ...runtime.index
          .casesOfSubject(subject, input.process)
          .filter((summary) => !summary.final)
          .map((summary) => summary.id),
        ...runtime.quarantine.openOf(subject, input.process),
      ];
      const active = open[0];
      if (limit !== undefined && active !== undefined && open.length >= limit) {
        throw new EngineError('conflict', ENGINE_SAYS.openCase(manifest.subject.title, subject, active), {
          caseId: active,
        });
      }
      this.#checkRegion(manifest, region);
      const transition = runtime.transition(record, version, now, actor.id);
      transition.note('case.started', declared);
      let live: LiveInstance;
      try {
        live = await LiveInstance.start(version, transition);
      } catch (error) {
        throw new EngineError(
          'incident',
          `流程无法启动：${(error as Error).message}`,
          { process: input.process },
          { cause: error },
        );
      }
      return runtime.detailedView(await runtime.settle(transition, live, []), actor);
    });
  }

  /** `check`: what the engine cannot know (e.g. whether attachment ids exist and are the actor's), after the schema. */
  async completeTask(ref: string, actor: Actor, data: unknown, check?: DataCheck): Promise<CaseView> {
    return this.#completion(ref, actor, data, check, async (runtime, record, step, submission) =>
      runtime.view(await runtime.run(record, submission.now, actor.id, step, [submission.entry])),
    );
  }

  /**
   * What completing the task with `data` would do, checked as the completion itself is (who may act,
   * the form) but committing nothing: the status the case would be in, and whether it would end (the
   * workbench asks before a submission that ends the case, e.g. an Art. 7 declaration).
   */
  async previewCompletion(ref: string, actor: Actor, data: unknown, check?: DataCheck): Promise<StepOutcome> {
    return this.#completion(ref, actor, data, check, async (runtime, record, step, submission) =>
      this.#titled(record, await runtime.preview(record, submission.now, actor.id, step)),
    );
  }

  /** A task's completion up to the step: found, allowed, validated; `finish` runs (or previews) it. */
  async #completion<T>(
    ref: string,
    actor: Actor,
    sent: unknown,
    check: DataCheck | undefined,
    finish: FinishStep<T>,
  ): Promise<T> {
    const { runtime } = this;
    const data = trimmedTexts(sent);
    // A task another process opened since this one last looked: look again before answering 409.
    if (runtime.index.caseOfTask(ref) === undefined) await runtime.sync();
    const caseId = runtime.index.caseOfTask(ref);
    if (caseId === undefined) throw EngineError.taskNotOpen(ref);
    return runtime.withCase(caseId, async () => {
      const record = await runtime.catchUp(await runtime.record(caseId));
      const task = record.tasks.find((open) => open.ref === ref);
      if (task === undefined) throw EngineError.taskNotOpen(ref);
      const version = runtime.version(record);
      if (!mayActAs(actor, task.groups, version.definition.manifest, record, task.scope)) {
        throw new EngineError('forbidden', ENGINE_SAYS.mayNotDoTask, { ref, taskId: task.taskId });
      }
      runtime.validator(version).assertValid(task.formKey, data, {
        variant: runtime.variant(version, record, data),
        today: chinaDateOf(runtime.clock.now()),
      });
      await assertChecked(task.formKey, data, check);
      const bound = bindQueuedTask(record, task);
      const executionId = bound.tasks.find((open) => open.ref === ref)?.executionId ?? '';
      const now = runtime.clock.now();
      const entry = {
        at: now.toISOString(),
        actor: actor.id,
        kind: 'task' as const,
        name: task.taskId,
        ref,
        ...(task.scope !== undefined && { scope: task.scope }),
        ...(task.origin !== undefined && { origin: task.origin }),
        data,
      };
      const step: Step = (live, transition) => {
        Object.assign(transition.record.variables, data);
        transition.record.tasks = transition.record.tasks.filter((open) => open.ref !== ref);
        transition.note('task.completed', {
          ref,
          taskId: task.taskId,
          element: task.elementId,
          dataHash: dataHash(data),
        });
        live.signalTask(task.elementId, executionId);
      };
      return finish(runtime, bound, step, { now, entry });
    });
  }

  /**
   * Sends a message to a case. Messages are answered by their window and their senders (CONTRACT §6:
   * 409 outside the window, 403 for the wrong sender), not by who may read the case: the public
   * objects to notices of cases it cannot otherwise see (Art. 22).
   */
  async sendMessage(caseId: string, name: string, actor: Actor, data: unknown, check?: DataCheck): Promise<CaseView> {
    return this.#message(caseId, name, actor, data, check, async (runtime, record, step, submission) =>
      runtime.view(
        await runtime.run(record, submission.now, actor.id, step, [submission.entry], {
          message: name,
          submission: record.submissions + 1,
        }),
      ),
    );
  }

  /**
   * Sends a message as `sendMessage` does and says which of its name it is on the case (1: the first
   * objection: the number the inbox gives the review it opens) and the receipt code stored with it,
   * for the sender to quote (random: the number is not told to the public, it counts objections).
   */
  async sendNumberedMessage(
    caseId: string,
    name: string,
    actor: Actor,
    data: unknown,
    check?: DataCheck,
  ): Promise<{ view: CaseView; number: number; receipt: string }> {
    return this.#message(caseId, name, actor, data, check, async (runtime, record, step, submission) => {
      const seq = record.submissions + 1;
      const receipt = receiptCode();
      const entry = { ...submission.entry, receipt };
      const committed = await runtime.run(record, submission.now, actor.id, step, [entry], {
        message: name,
        submission: seq,
      });
      // Counted as describeOrigin counts (task-origin.ts), within the case's lock: no other message between.
      const sent = await runtime.repository.submissions(caseId);
      const number = sent.filter((entry) => entry.kind === 'message' && entry.name === name && entry.seq <= seq).length;
      return { view: runtime.view(committed), number, receipt };
    });
  }

  /**
   * What sending the message would do, checked as sending it is, committing nothing (the workbench
   * asks before a message that ends the case: a withdrawal, Art. 3).
   */
  async previewMessage(
    caseId: string,
    name: string,
    actor: Actor,
    data: unknown,
    check?: DataCheck,
  ): Promise<StepOutcome> {
    return this.#message(caseId, name, actor, data, check, async (runtime, record, step, submission) =>
      this.#titled(record, await runtime.preview(record, submission.now, actor.id, step)),
    );
  }

  /** A message up to the step: its window open, its sender allowed, its form valid; `finish` runs (or previews) it. */
  async #message<T>(
    caseId: string,
    name: string,
    actor: Actor,
    sent: unknown,
    check: DataCheck | undefined,
    finish: FinishStep<T>,
  ): Promise<T> {
    const { runtime } = this;
    const data = trimmedTexts(sent);
    return runtime.withCase(caseId, async () => {
      const record = await runtime.catchUp(await runtime.record(caseId));
      const version = runtime.version(record);
      const message = version.model.messages.find((candidate) => candidate.name === name);
      if (message === undefined) throw new EngineError('not-found', `流程没有消息 ${name}`, { name });
      const catches = version.model.messageCatches.filter(
        (catcher) => catcher.messageName === name && record.windows.includes(catcher.elementId),
      );
      const [open] = catches;
      if (open === undefined || record.final)
        throw new EngineError('not-open', ENGINE_SAYS.notInWindow(this.messageTitle(name)), { caseId, name });
      const groups = [...new Set(catches.flatMap((catcher) => catcher.candidateGroups))];
      if (!mayActAs(actor, groups, version.definition.manifest, record)) {
        throw new EngineError('forbidden', ENGINE_SAYS.mayNotSend, { caseId, name });
      }
      runtime.validator(version).assertValid(open.formKey ?? '', data, {
        variant: runtime.variant(version, record, data),
        today: chinaDateOf(runtime.clock.now()),
      });
      await assertChecked(open.formKey ?? name, data, check);
      const now = runtime.clock.now();
      // What the public sends is kept as its submission, never as the case's data: a public form's
      // field named like the park's (`commitment`) or a decision's would otherwise overwrite it.
      const fromPublic = this.redaction(record).publicMessages.has(name);
      const step: Step = (live, transition) => {
        if (!fromPublic) Object.assign(transition.record.variables, data);
        transition.note('message.received', { message: name, dataHash: dataHash(data) });
        live.deliverMessage(message.id);
      };
      return finish(runtime, record, step, {
        now,
        entry: { at: now.toISOString(), actor: actor.id, kind: 'message', name, data },
      });
    });
  }

  /** A previewed step's outcome with its status's title (the words the workbench asks in). */
  #titled(record: CaseRecord, outcome: Omit<StepOutcome, 'statusTitle'>): StepOutcome {
    const title = this.manifestOf(record)?.statuses[outcome.status]?.title;
    return { ...outcome, ...(title !== undefined && { statusTitle: title }) };
  }

  /** 催办: a supervising group reminds the holders of an open task (cases/remind-task.ts). */
  remindTask(ref: string, actor: Actor, note?: string): Promise<CaseView> {
    return remindTask(this.runtime, ref, actor, note);
  }

  /**
   * Tells `listener` of each incident a committed transition raises or resolves from now on, in
   * order, with the instant the engine recorded it (cases/incident-events.ts); returns the call that
   * stops telling it. What a command did to the cases' incidents, not only where they stand after it.
   */
  watchIncidents(listener: IncidentListener): () => void {
    const { incidentListeners } = this.runtime;
    incidentListeners.add(listener);
    return () => {
      incidentListeners.delete(listener);
    };
  }

  /**
   * Fires every timer due by the clock, each at its own due instant, in due order. A timer whose
   * firing fails is held by its incident and the others fire; then the first failure is thrown, its
   * context `timersFired` saying how many fired besides (timer-wave.ts, waveFailure). Then — whatever
   * the timers did — warns the holders of open tasks whose due date is near or past (warnDueTasks).
   */
  async runDueTimers(): Promise<number> {
    const { runtime } = this;
    const { shared } = runtime.repository;
    const firing =
      shared !== undefined ? fireSharedDueTimers(runtime, shared, this.#timerHolder) : fireDueTimers(runtime);
    // The warnings follow the timers even when one failed, whose error is the one thrown.
    const fired = await firing.catch(async (error: unknown) => {
      await this.warnDueTasks().catch(() => undefined);
      throw error;
    });
    await this.warnDueTasks();
    return fired;
  }

  /**
   * Tells the holders of each open task with a due date, once, that it is near (`task.dueSoon`, the
   * manifest's `dueSoonWorkingDays` before it) or past (`task.overdue`): notifications/due-warnings.ts.
   * Run after the timers fire, on the real clock and on an advance of the simulated one alike; on a
   * shared store after taking in what other processes committed (a task done there is not warned
   * here), each warning stored once among them. Returns how many were published.
   */
  async warnDueTasks(): Promise<number> {
    const { runtime } = this;
    if (runtime.shared) await runtime.sync();
    const now = runtime.clock.now();
    let published = 0;
    for (const summary of [...runtime.index.all()]) {
      if (summary.final || !summary.tasks.some((task) => task.due !== undefined)) continue;
      const version = runtime.version(summary);
      const { manifest } = version.definition;
      const warnings = dueWarnings({
        summary,
        manifest,
        model: version.model,
        calendar: runtime.definitions.calendarOf(version),
        now,
      });
      if (warnings.length > 0) published += (await this.notifications.publishOnce(warnings, manifest)).length;
    }
    return published;
  }

  /**
   * How many running cases have a timer due by the clock — on a shared store, those another process
   * holds too (a caller that must see every due timer fired waits while this is not 0).
   */
  async dueTimerCases(): Promise<number> {
    const { runtime } = this;
    const now = runtime.clock.now();
    const { shared } = runtime.repository;
    if (shared !== undefined) return shared.dueTimerCases(now);
    const next = runtime.index.earliestTimer()?.timer.fireAt;
    return next !== undefined && next <= now.toISOString() ? 1 : 0;
  }

  /**
   * Takes back the cases set aside whose files read again (restored from a backup), then recomputes
   * timer and task dates held up by incidents (e.g. a calendar year added since). Each case
   * under withCase: on a shared store, a case another process's retry committed first is read again
   * and found resolved (the commit refused as a conflict ended this retry with 409, the cases after it
   * left held).
   */
  async retryIncidents(options: { readmit?: boolean } = {}): Promise<number> {
    const { runtime } = this;
    await runtime.definitions.reloadCalendars();
    let resolved = options.readmit === false ? 0 : await readmitRestored(runtime);
    for (const summary of [...runtime.index.all()]) {
      if (!summary.timers.some((timer) => timer.incident !== undefined) && summary.incidents.length === 0) continue;
      await runtime.withCase(summary.id, async () => {
        const record = await runtime.record(summary.id);
        const transition = runtime.transition(record, runtime.version(record), runtime.clock.now(), SYSTEM);
        const timers = transition.retryTimers();
        const tasks = transition.redateTasks({}, { all: false });
        if (!timers && !tasks) return;
        await runtime.commitRecord(transition);
        resolved += 1;
      });
    }
    return resolved;
  }

  /** Moves a running case to another version (a dry run first); see cases/migrate-case.ts. */
  migrateCase(
    caseId: string,
    to: string,
    actor: Actor,
    options: { dryRun?: boolean } = {},
  ): Promise<{ plan: MigrationPlan; applied: boolean; view?: CaseView }> {
    return migrateCase(this.runtime, caseId, to, actor, options);
  }

  async close(): Promise<void> {
    await this.runtime.idle();
    this.runtime.live.clear();
  }

  #checkRegion(manifest: Manifest, region: string): void {
    const name = regionDirectory(manifest);
    const directory = name === undefined ? undefined : this.runtime.definitions.directory(name);
    if (directory !== undefined && !directory.entries.some((entry) => entry.code === region)) {
      throw new EngineError('validation', `${manifest.region.title}代码 ${region} 不在 ${directory.title} 中`, {
        [manifest.region.name]: region,
      });
    }
  }
}

/** How many cases start-up reads at once. */
const LOAD_CONCURRENCY = 32;

/** `work` on every item, at most `limit` at a time; the results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What starts a case: the process, and its subject and region under declared or neutral names. */
export interface StartCaseInput {
  process: string;
  id?: string;
  /** The subject and region: `park`/`province` as declared, or `subject`/`region`. */
  readonly [name: string]: unknown;
}

/** The subject and region a start names, each a non-empty text (「园区」为必填项 otherwise). */
function requiredSubjectRegion(manifest: Manifest, input: StartCaseInput): SubjectRegion {
  const { subject, region } = readSubjectRegion(manifest, input);
  const required = (value: unknown, title: string): string => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new EngineError('validation', `「${title}」为必填项`, {});
    }
    return value;
  };
  return { subject: required(subject, manifest.subject.title), region: required(region, manifest.region.title) };
}

/**
 * A case's log as a report reads it, or undefined when it is damaged: the store has told its damage
 * listener (the server logs the file at error), and the case counts as a quarantined one does — one
 * damaged log met while the server runs made every statistics call covering its case answer 500.
 */
async function readableHistory<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isEngineError(error, 'damaged')) return undefined;
    throw error;
  }
}
