import { EngineError, isEngineError } from './errors.js';
import { RandomIds } from './clock.js';
import { DefinitionRegistry } from './definitions/registry.js';
import { FormValidator } from './forms/form-validator.js';
import { chinaDateOf } from './legal-time/pure.js';
import type { Clock, IdGenerator, Store } from './ports.js';
import { LiveInstance } from './runtime/live-instance.js';
import type { RuntimeVersion } from './runtime/runtime-version.js';
import { dataHash, verifyChain, type AuditEntry } from './audit/audit-chain.js';
import { ADMIN_GROUP, mayActAs, maySee, PUBLIC_GROUP, type Actor } from './cases/actors.js';
import type { Manifest } from './definitions/types.js';
import type { CaseRecord, Submission, TaskRecord, TimerRecord } from './cases/case-record.js';
import { CaseRepository, newAuditHead } from './cases/case-repository.js';
import { caseViewOf, taskViewOf, type CaseSummary, type CaseView, type TaskView } from './cases/case-view.js';
import { CaseIndex } from './cases/case-index.js';
import { LiveCache } from './cases/live-cache.js';
import { Transition } from './cases/transition.js';
import { startGroups } from './cases/start-groups.js';
import { planMigration, type MigrationPlan } from './cases/migration.js';

export interface PublicWindow {
  view: CaseView;
  message: string;
  opensOn?: string;
  closesOn?: string;
}

/** The timer on another branch of the event-based gateway in front of a catch event (the window's end). */
function closingTimerOf(model: RuntimeVersion['model'], catchId: string) {
  const gateways = (model.nodes.get(catchId)?.incoming ?? [])
    .map((flow) => model.nodes.get(model.flows.get(flow)?.source ?? ''))
    .filter((node) => node?.type === 'bpmn:EventBasedGateway');
  for (const gateway of gateways) {
    for (const flow of gateway?.outgoing ?? []) {
      const target = model.flows.get(flow)?.target;
      const timer = model.dates.find((date) => date.elementId === target && date.isTimer);
      if (timer !== undefined) return timer;
    }
  }
  return undefined;
}

/** Groups that maintain definitions and may move cases between versions. */
const DEFINITION_ADMINS: ReadonlySet<string> = new Set(['admin', 'policy-admin']);

export interface EngineOptions {
  /** A definitions directory, or a registry already loaded. */
  definitions: string | DefinitionRegistry;
  store: Store;
  clock: Clock;
  ids?: IdGenerator;
  /** How many process instances stay in memory between transitions (the rest are recovered on demand). */
  hotCases?: number;
}

const SYSTEM = 'system';

type Step = (live: LiveInstance, transition: Transition) => void;

/**
 * The workflow engine (CONTRACT §2, §5, §8): durable cases on bpmn-engine, each on the definition
 * version in force on its start day, with legal-time timers it fires itself. Every command is one
 * transition per case, serialised per case, saved before it is answered.
 */
export class WorkflowEngine {
  readonly #index = new CaseIndex();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #validators = new Map<string, FormValidator>();

  #definitions: DefinitionRegistry;

  private constructor(
    definitions: DefinitionRegistry,
    private readonly repository: CaseRepository,
    readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly live: LiveCache,
  ) {
    this.#definitions = definitions;
  }

  /** The definition versions the engine runs. */
  get definitions(): DefinitionRegistry {
    return this.#definitions;
  }

  /**
   * Reads the definitions directory again (after a version was published): new cases see the new
   * version from its effective date; running cases keep theirs, which stay in the directory.
   */
  async reloadDefinitions(): Promise<void> {
    this.#definitions = await DefinitionRegistry.load(this.#definitions.root, this.#definitions.options);
    this.#validators.clear();
  }

  static async open(options: EngineOptions): Promise<WorkflowEngine> {
    const definitions =
      typeof options.definitions === 'string'
        ? await DefinitionRegistry.load(options.definitions)
        : options.definitions;
    const repository = new CaseRepository(options.store);
    const engine = new WorkflowEngine(
      definitions,
      repository,
      options.clock,
      options.ids ?? new RandomIds(),
      new LiveCache(options.hotCases ?? 64),
    );
    for (const id of await repository.ids()) {
      const record = await repository.record(id);
      if (record !== undefined) engine.#remember(record);
    }
    await engine.retryIncidents();
    return engine;
  }

  // ---- queries ---------------------------------------------------------------------------------

  async getCase(id: string, actor: Actor): Promise<CaseView> {
    const record = await this.#visibleRecord(id, actor);
    return this.#view(record);
  }

  listCases(actor: Actor): CaseView[] {
    return [...this.#index.all()].filter((summary) => this.#sees(actor, summary)).map((summary) => this.#view(summary));
  }

  /** Open tasks the actor may complete, oldest first. */
  listTasks(actor: Actor): TaskView[] {
    const tasks: TaskView[] = [];
    for (const summary of this.#index.all()) {
      const { manifest } = this.#version(summary).definition;
      for (const task of summary.tasks) {
        if (mayActAs(actor, task.groups, manifest, summary as CaseRecord, task.scope))
          tasks.push(taskViewOf(summary, task));
      }
    }
    return tasks.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Cases with an open window for a message anyone may send (public notices, Art. 22), with the
   * window's dates: those of the timer that closes it (its `from` and `due`).
   */
  publicWindows(): PublicWindow[] {
    const result: PublicWindow[] = [];
    for (const summary of this.#index.all()) {
      if (summary.final) continue;
      const { model } = this.#version(summary);
      for (const catcher of model.messageCatches) {
        if (!summary.windows.includes(catcher.elementId) || !catcher.candidateGroups.includes(PUBLIC_GROUP)) continue;
        const closing = closingTimerOf(model, catcher.elementId);
        const opensOn = closing?.from === undefined ? undefined : summary.due[closing.from];
        const closesOn = closing?.due === undefined ? undefined : summary.due[closing.due];
        result.push({
          view: this.#view(summary),
          message: catcher.messageName ?? '',
          ...(opensOn !== undefined && { opensOn }),
          ...(closesOn !== undefined && { closesOn }),
        });
      }
    }
    return result;
  }

  /** The case's diagram and where its tokens have been and are now (for the workbench's overlays). */
  async diagram(id: string, actor: Actor): Promise<{ xml: string; visited: string[]; active: string[] }> {
    const record = await this.#visibleRecord(id, actor);
    const active = new Set([
      ...record.tasks.map((task) => task.elementId),
      ...record.timers.map((timer) => timer.elementId),
      ...record.windows,
    ]);
    return { xml: this.#version(record).definition.processXml, visited: record.visited, active: [...active] };
  }

  async audit(id: string, actor: Actor): Promise<AuditEntry[]> {
    await this.#visibleRecord(id, actor);
    return this.repository.audit(id);
  }

  /**
   * The forms submitted on a case. What the public sent (an objection: name, ID number, contact,
   * Art. 22) is personal data: only national groups and admins read it; others see that it came.
   */
  async submissions(id: string, actor: Actor): Promise<Submission[]> {
    const record = await this.#visibleRecord(id, actor);
    const version = this.#version(record);
    const national = this.mayReadPublicSubmissions(actor, version.definition.manifest);
    const fromPublic = new Set(
      version.model.messageCatches
        .filter((catcher) => catcher.candidateGroups.includes(PUBLIC_GROUP))
        .map((catcher) => catcher.messageName),
    );
    return (await this.repository.submissions(id)).map((submission) =>
      national || submission.kind !== 'message' || !fromPublic.has(submission.name)
        ? submission
        : { ...submission, actor: '—', data: null, redacted: true },
    );
  }

  /** Admins and roles of groups not scoped to a park or province (SAMR, ministries, experts). */
  mayReadPublicSubmissions(actor: Actor, manifest: Manifest): boolean {
    return actor.roles.some((role) => {
      if (role.group === ADMIN_GROUP) return true;
      const declared = manifest.groups[role.group];
      return (
        declared !== undefined &&
        role.group !== PUBLIC_GROUP &&
        (declared.scope === undefined || declared.scope === 'element')
      );
    });
  }

  /** Checks a case's audit chain against the head its record holds. */
  async verifyAudit(id: string): Promise<ReturnType<typeof verifyChain>> {
    const record = await this.#record(id);
    return verifyChain(await this.repository.audit(id), { count: record.audit.count, hash: record.audit.head });
  }

  /** When the next timer of any case is due (for a scheduler outside the engine). */
  nextTimerAt(): Date | undefined {
    let next: string | undefined;
    for (const summary of this.#index.all()) {
      const first = summary.timers.find((timer) => timer.fireAt !== undefined)?.fireAt;
      if (first !== undefined && (next === undefined || first < next)) next = first;
    }
    return next === undefined ? undefined : new Date(next);
  }

  // ---- commands --------------------------------------------------------------------------------

  async startCase(
    input: { process: string; park: string; province: string; id?: string },
    actor: Actor,
  ): Promise<CaseView> {
    const now = this.clock.now();
    const version = this.definitions.inForce(input.process, chinaDateOf(now));
    const { manifest } = version.definition;
    const id = input.id ?? this.ids.next('case');
    return this.#withLock(id, async () => {
      const record = this.#newRecord(id, input, version, now);
      // Who may start comes first: a refusal must not tell another park's cases apart.
      if (!mayActAs(actor, startGroups(version.model), manifest, record)) {
        throw new EngineError('forbidden', `当前用户无权为 ${input.park} 发起申请`, { park: input.park });
      }
      if (this.#index.has(id) || (await this.repository.record(id)) !== undefined) {
        throw new EngineError('conflict', `案件编号 ${id} 已存在`, { caseId: id });
      }
      const active = this.#index.casesOfPark(input.park, input.process).find((summary) => !summary.final);
      if (active !== undefined) {
        throw new EngineError('conflict', `园区 ${input.park} 已有办理中的案件 ${active.id}`, { caseId: active.id });
      }
      this.#checkProvince(version, input.province);
      const transition = this.#transition(record, version, now, actor.id);
      transition.note('case.started', { park: input.park, province: input.province });
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
      const committed = await this.#settle(transition, live, []);
      return this.#view(committed);
    });
  }

  async completeTask(ref: string, actor: Actor, data: unknown): Promise<CaseView> {
    const caseId = this.#index.caseOfTask(ref);
    if (caseId === undefined) throw new EngineError('not-open', `任务 ${ref} 不存在或已办结`, { ref });
    return this.#withLock(caseId, async () => {
      let record = await this.#catchUp(await this.#record(caseId));
      const task = record.tasks.find((open) => open.ref === ref);
      if (task === undefined) throw new EngineError('not-open', `任务 ${ref} 不存在或已办结`, { ref });
      const version = this.#version(record);
      if (!mayActAs(actor, task.groups, version.definition.manifest, record, task.scope)) {
        throw new EngineError('forbidden', '当前用户无权办理该任务', { ref, taskId: task.taskId });
      }
      this.#validator(version).assertValid(task.formKey, data, { variant: this.#variant(version, record, data) });
      record = this.#bindForCompletion(record, task);
      const executionId = record.tasks.find((open) => open.ref === ref)?.executionId ?? '';
      const now = this.clock.now();
      const committed = await this.#run(
        record,
        version,
        now,
        actor.id,
        (live, transition) => {
          Object.assign(transition.record.variables, data);
          transition.record.tasks = transition.record.tasks.filter((open) => open.ref !== ref);
          transition.note('task.completed', {
            ref,
            taskId: task.taskId,
            element: task.elementId,
            dataHash: dataHash(data),
          });
          live.signalTask(task.elementId, executionId);
        },
        [{ at: now.toISOString(), actor: actor.id, kind: 'task', name: task.taskId, ref, data }],
      );
      return this.#view(committed);
    });
  }

  async sendMessage(caseId: string, name: string, actor: Actor, data: unknown): Promise<CaseView> {
    return this.#withLock(caseId, async () => {
      const record = await this.#catchUp(await this.#recordForMessage(caseId));
      const version = this.#version(record);
      const message = version.model.messages.find((candidate) => candidate.name === name);
      if (message === undefined) throw new EngineError('not-found', `流程没有消息 ${name}`, { name });
      const catches = version.model.messageCatches.filter(
        (catcher) => catcher.messageName === name && record.windows.includes(catcher.elementId),
      );
      const [open] = catches;
      if (open === undefined || record.final) {
        throw new EngineError('not-open', `当前不在 ${name} 的受理期内`, { caseId, name });
      }
      const groups = [...new Set(catches.flatMap((catcher) => catcher.candidateGroups))];
      if (!mayActAs(actor, groups, version.definition.manifest, record)) {
        throw new EngineError('forbidden', '当前用户无权发送该事项', { caseId, name });
      }
      this.#validator(version).assertValid(open.formKey ?? '', data, { variant: this.#variant(version, record, data) });
      const now = this.clock.now();
      const origin = { message: name, submission: record.submissions + 1 };
      const committed = await this.#run(
        record,
        version,
        now,
        actor.id,
        (live, transition) => {
          Object.assign(transition.record.variables, data);
          transition.note('message.received', { message: name, dataHash: dataHash(data) });
          live.deliverMessage(message.id);
        },
        [{ at: now.toISOString(), actor: actor.id, kind: 'message', name, data }],
        origin,
      );
      return this.#view(committed);
    });
  }

  /** Fires every timer due by the clock, each at its own due instant, in due order. */
  async runDueTimers(): Promise<number> {
    let fired = 0;
    const now = this.clock.now().toISOString();
    for (;;) {
      const next = this.#earliestTimer();
      if (next === undefined || (next.timer.fireAt ?? '~') > now) return fired;
      await this.#withLock(next.caseId, async () => {
        const record = await this.#record(next.caseId);
        await this.#fireTimer(record, next.timer);
      });
      fired += 1;
    }
  }

  /** Recomputes timer dates held up by incidents (e.g. a calendar year added since). */
  async retryIncidents(): Promise<number> {
    await this.definitions.reloadCalendars();
    let resolved = 0;
    for (const summary of [...this.#index.all()]) {
      if (!summary.timers.some((timer) => timer.incident !== undefined)) continue;
      await this.#withLock(summary.id, async () => {
        const record = await this.#record(summary.id);
        const version = this.#version(record);
        const transition = this.#transition(record, version, this.clock.now(), SYSTEM);
        if (!transition.retryTimers()) return;
        resolved += 1;
        this.#remember(await this.repository.commit(transition.record, { audit: transition.audit, submissions: [] }));
      });
    }
    return resolved;
  }

  /**
   * Moves a running case to another version of its process: a dry run reports where each open task,
   * timer and message window goes (timers re-dated under the target's rules); the move itself is
   * refused when anything cannot be mapped, and audited when done.
   */
  async migrateCase(
    caseId: string,
    to: string,
    actor: Actor,
    options: { dryRun?: boolean } = {},
  ): Promise<{ plan: MigrationPlan; applied: boolean; view?: CaseView }> {
    if (!actor.roles.some((role) => DEFINITION_ADMINS.has(role.group))) {
      throw new EngineError('forbidden', '只有政策管理人员或系统管理员可以迁移案件', { caseId });
    }
    return this.#withLock(caseId, async () => {
      const record = await this.#catchUp(await this.#record(caseId));
      const from = this.#version(record);
      const target = this.definitions.get(record.process, to);
      if (record.final) throw new EngineError('conflict', `案件 ${caseId} 已办结，不能迁移`, { caseId });
      if (target.key === from.key)
        throw new EngineError('conflict', `案件 ${caseId} 已在 ${to} 版本上运行`, { caseId });
      let live: LiveInstance | undefined;
      let recoverError: string | undefined;
      try {
        live = await LiveInstance.recover(
          target,
          await this.repository.state(record),
          this.#transition(record, target, this.clock.now(), SYSTEM),
        );
      } catch (error) {
        recoverError = (error as Error).message;
      }
      const plan = planMigration(
        record,
        from,
        target,
        this.definitions.calendarOf(target),
        live?.snapshot(),
        recoverError,
      );
      if (options.dryRun === true || !plan.possible || live === undefined) {
        if (options.dryRun !== true) {
          throw new EngineError(
            'conflict',
            `案件 ${caseId} 无法迁移到 ${to}：${plan.items.find((item) => item.problem)?.problem ?? ''}`,
            {
              caseId,
              plan,
            },
          );
        }
        return { plan, applied: false };
      }
      this.live.drop(caseId);
      const transition = this.#transition(
        { ...record, version: target.definition.manifest.version },
        target,
        this.clock.now(),
        actor.id,
      );
      transition.redateTimers();
      transition.record.tasks = transition.record.tasks.map((task) => ({
        ...task,
        formKey: target.model.userTasks.find((spec) => spec.elementId === task.elementId)?.formKey ?? task.formKey,
      }));
      transition.note('case.migrated', { from: from.key, to: target.key, items: plan.items });
      const committed = await this.repository.commit(transition.record, {
        state: await live.state(),
        audit: transition.audit,
        submissions: [],
      });
      this.live.keep(committed, live);
      this.#remember(committed);
      return { plan, applied: true, view: this.#view(committed) };
    });
  }

  // ---- transitions -----------------------------------------------------------------------------

  async #catchUp(record: CaseRecord): Promise<CaseRecord> {
    const now = this.clock.now().toISOString();
    let current = record;
    for (;;) {
      const due = current.timers.find((timer) => timer.fireAt !== undefined && timer.fireAt <= now);
      if (due === undefined || current.final) return current;
      current = await this.#fireTimer(current, due);
    }
  }

  async #fireTimer(record: CaseRecord, timer: TimerRecord): Promise<CaseRecord> {
    const version = this.#version(record);
    const at = new Date(timer.fireAt ?? this.clock.now().toISOString());
    return this.#run(
      record,
      version,
      at,
      SYSTEM,
      (live, transition) => {
        transition.note('timer.fired', {
          element: timer.elementId,
          ...(timer.due !== undefined && { due: timer.due }),
          ...(timer.rule !== undefined && { rule: timer.rule }),
        });
        if (!live.fireTimer(timer.executionId)) {
          throw new EngineError('incident', `timer ${timer.elementId} is not armed in the process instance`, {
            element: timer.elementId,
          });
        }
      },
      [],
    );
  }

  /** Runs one step on the case's process instance and commits it; an error leaves the case as it was. */
  async #run(
    record: CaseRecord,
    version: RuntimeVersion,
    now: Date,
    actor: string,
    step: Step,
    submissions: Omit<Submission, 'seq'>[],
    origin?: TaskRecord['origin'],
  ): Promise<CaseRecord> {
    let live: LiveInstance;
    try {
      live = await this.#liveOf(record, version, now);
    } catch (error) {
      return this.#raiseIncident(record, version, now, error);
    }
    const transition = this.#transition(record, version, now, actor);
    try {
      live.step(transition, () => {
        step(live, transition);
      });
    } catch (error) {
      this.live.drop(record.id);
      return this.#raiseIncident(record, version, now, error);
    }
    return this.#settle(transition, live, submissions, origin);
  }

  async #settle(
    transition: Transition,
    live: LiveInstance,
    submissions: Omit<Submission, 'seq'>[],
    origin?: TaskRecord['origin'],
  ): Promise<CaseRecord> {
    const ended = transition.ended || live.completed;
    transition.settle(ended ? undefined : live.snapshot(), {
      newRef: () => this.ids.next('task'),
      ...(origin !== undefined && { origin }),
    });
    const state = ended ? undefined : await live.state();
    const committed = await this.repository.commit(transition.record, {
      ...(state !== undefined && { state }),
      audit: transition.audit,
      submissions,
    });
    if (ended) this.live.drop(committed.id);
    else this.live.keep(committed, live);
    this.#remember(committed);
    return committed;
  }

  async #raiseIncident(record: CaseRecord, version: RuntimeVersion, now: Date, error: unknown): Promise<never> {
    const message = error instanceof Error ? error.message : String(error);
    const transition = this.#transition(record, version, now, SYSTEM);
    const element = isEngineError(error) && typeof error.context.element === 'string' ? error.context.element : '';
    transition.record.incidents.push({
      id: this.ids.next('incident'),
      kind: 'evaluation',
      element,
      message,
      at: now.toISOString(),
    });
    transition.note('incident.raised', { kind: 'evaluation', element, message });
    this.#remember(await this.repository.commit(transition.record, { audit: transition.audit, submissions: [] }));
    throw new EngineError(
      'incident',
      `案件 ${record.id} 流程定义无法执行，已记录异常：${message}`,
      { caseId: record.id },
      { cause: error },
    );
  }

  /** Completing a queued task runs the element's waiting instance; the task that held it queues. */
  #bindForCompletion(record: CaseRecord, task: TaskRecord): CaseRecord {
    if (task.executionId !== undefined) return record;
    const holder = record.tasks.find((open) => open.elementId === task.elementId && open.executionId !== undefined);
    if (holder === undefined) throw new EngineError('not-open', `任务 ${task.ref} 尚不能办理`, { ref: task.ref });
    const tasks = record.tasks.map((open) => {
      if (open.ref === task.ref) return { ...open, executionId: holder.executionId };
      if (open.ref === holder.ref) {
        const { executionId: _executionId, ...queued } = open;
        return queued;
      }
      return open;
    });
    return { ...record, tasks };
  }

  async #liveOf(record: CaseRecord, version: RuntimeVersion, now: Date): Promise<LiveInstance> {
    const hot = this.live.take(record.id, record.revision);
    if (hot !== undefined) return hot;
    return LiveInstance.recover(
      version,
      await this.repository.state(record),
      this.#transition(record, version, now, SYSTEM),
    );
  }

  #transition(record: CaseRecord, version: RuntimeVersion, now: Date, actor: string): Transition {
    return new Transition(record, {
      version,
      calendar: this.definitions.calendarOf(version),
      now,
      actor,
      history: this.#index
        .casesOfPark(record.park, record.process, record.id)
        .map((other) => ({ status: other.status, statusDate: other.statusDate })),
      newId: (kind) => this.ids.next(kind),
    });
  }

  // ---- helpers ---------------------------------------------------------------------------------

  #newRecord(
    id: string,
    input: { process: string; park: string; province: string },
    version: RuntimeVersion,
    now: Date,
  ): CaseRecord {
    const at = now.toISOString();
    return {
      id,
      process: input.process,
      version: version.definition.manifest.version,
      park: input.park,
      province: input.province,
      status: '',
      statusDate: chinaDateOf(now),
      final: false,
      startedAt: at,
      updatedAt: at,
      due: {},
      dueBasis: {},
      variables: {},
      tasks: [],
      timers: [],
      windows: [],
      visited: [],
      incidents: [],
      revision: 0,
      stateRevision: 0,
      audit: newAuditHead(),
      submissions: 0,
    };
  }

  #checkProvince(version: RuntimeVersion, province: string): void {
    const { manifest } = version.definition;
    for (const group of Object.values(manifest.groups)) {
      if (group.scope !== 'province' || group.directory === undefined) continue;
      const directory = this.definitions.directory(group.directory);
      if (directory !== undefined && !directory.entries.some((entry) => entry.code === province)) {
        throw new EngineError('validation', `省级单位代码 ${province} 不在 ${directory.title} 中`, { province });
      }
    }
  }

  #remember(record: CaseRecord): void {
    this.#index.remember(record);
  }

  #earliestTimer(): { caseId: string; timer: TimerRecord } | undefined {
    return this.#index.earliestTimer();
  }

  async #record(id: string): Promise<CaseRecord> {
    const hot = this.live.record(id);
    if (hot !== undefined) return hot;
    const record = await this.repository.record(id);
    if (record === undefined) throw new EngineError('not-found', `案件 ${id} 不存在`, { caseId: id });
    return record;
  }

  #sees(actor: Actor, summary: CaseSummary): boolean {
    return maySee(actor, this.#version(summary).definition.manifest, summary as CaseRecord);
  }

  /** Out of scope answers as not found: a case's existence is not disclosed (CONTRACT §6). */
  async #visibleRecord(id: string, actor: Actor): Promise<CaseRecord> {
    const summary = this.#index.get(id);
    if (summary === undefined || !this.#sees(actor, summary)) {
      throw new EngineError('not-found', `案件 ${id} 不存在`, { caseId: id });
    }
    return this.#record(id);
  }

  /**
   * Messages are answered by their window and their senders (CONTRACT §6: 409 outside the window,
   * 403 for the wrong sender), not by who may read the case: the public objects to notices of cases
   * it cannot otherwise see (Art. 22).
   */
  async #recordForMessage(id: string): Promise<CaseRecord> {
    return this.#record(id);
  }

  #openMessages(summary: CaseSummary): CaseView['openMessages'] {
    if (summary.final) return [];
    const { model } = this.#version(summary);
    const byName = new Map<string, Set<string>>();
    for (const catcher of model.messageCatches) {
      if (!summary.windows.includes(catcher.elementId) || catcher.messageName === undefined) continue;
      const groups = byName.get(catcher.messageName) ?? new Set<string>();
      for (const group of catcher.candidateGroups) groups.add(group);
      byName.set(catcher.messageName, groups);
    }
    return [...byName].map(([name, groups]) => ({ name, groups: [...groups] }));
  }

  #view(record: CaseSummary & Partial<Pick<CaseRecord, 'dueBasis'>>): CaseView {
    return caseViewOf(record, this.#version(record).definition.manifest, this.#openMessages(record));
  }

  #version(record: Pick<CaseRecord, 'process' | 'version'>): RuntimeVersion {
    return this.definitions.get(record.process, record.version);
  }

  #validator(version: RuntimeVersion): FormValidator {
    let validator = this.#validators.get(version.key);
    if (validator === undefined) {
      validator = new FormValidator(version.definition.forms, version.definition.indicators);
      this.#validators.set(version.key, validator);
    }
    return validator;
  }

  #variant(version: RuntimeVersion, record: CaseRecord, data: unknown): string | undefined {
    const field = version.definition.indicators.variantField;
    const fromData = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
    const value = fromData ?? record.variables[field];
    return typeof value === 'string' ? value : undefined;
  }

  async #withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
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

  async close(): Promise<void> {
    await Promise.all([...this.#locks.values()]);
    this.live.clear();
  }
}
