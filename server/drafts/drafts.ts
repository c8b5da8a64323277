import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  EngineError,
  FORMS_DIR,
  FORM_FILE_SUFFIX,
  GENESIS_HASH,
  VERSION_FILES,
  chainEntries,
  chinaDateOf,
  compareDates,
  isLocalDate,
  jsonPlace,
  jsonSyntaxReason,
  readVersionSource,
  type AuditEntry,
  type Problem,
  type Store,
  type VersionSource,
  type WorkflowEngine,
  unreadable,
  unreadableFile,
} from '../../engine/index.js';
import { DRAFT_JOB_LIMITS, JobWorker, limitProblems, type JobLimits, type RunOptions } from './off-thread.js';
import {
  basisText,
  draftTitle,
  parseRevisionBasis,
  requireRequester,
  requireSecondPerson,
  type PendingPublication,
  type PublicationRefusal,
} from './publication.js';
import type { Simulation } from './simulate.js';
import { SimulationJobs } from './simulation-jobs.js';
import type { VersionDiff } from './version-diff.js';
import { SAY } from '../messages.js';
import { DraftRecords, accountsUnnamed, requireRevision, type AccountNames, type Draft } from './draft-records.js';

export type { Draft } from './draft-records.js';

const DEFINITION_AUDIT = 'definition-audit';
const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a publication request carries: the version's name, its effective date and its basis. */
export interface PublicationRequest {
  version: string;
  effectiveFrom: string;
  revision: unknown;
  /** The draft's revision the asker's page shows (none: not checked, for scripts). */
  draftRevision?: number | undefined;
}

/** A pending publication as its stale-page refusals name it: by the requester's name when they asked. */
function asked(pending: PendingPublication): { requester: string; version: string } {
  return { requester: pending.requestedByName ?? pending.requestedBy, version: pending.version };
}

/** `{ [key]: name }` where the account has a name of its own (people read it; the account stays the record). */
function named<K extends string>(key: K, account: string, name: string): Partial<Record<K, string>> {
  return name === account ? {} : ({ [key]: name } as Record<K, string>);
}

/** Files a definition version may hold (CONTRACT §1). */
export function isVersionFile(path: string): boolean {
  if ((Object.values(VERSION_FILES) as string[]).includes(path)) return true;
  if (!path.startsWith(FORMS_DIR) || !path.endsWith(FORM_FILE_SUFFIX)) return false;
  return /^[a-z][a-z0-9-]*$/.test(path.slice(FORMS_DIR.length, -FORM_FILE_SUFFIX.length));
}

/** The limits of the designer's jobs: validation and simulation each run in a worker of their own. */
export interface DraftJobOptions {
  validation?: JobLimits;
  simulation?: JobLimits;
}

export interface DraftServiceOptions extends DraftJobOptions {
  /** Who changed or deleted a draft, as its messages name them (without: by account). */
  nameOf?: AccountNames;
}

/**
 * Definition drafts policy staff edit in the designer: a copy of a published version's files, kept
 * in the store until it is published as a new, immutable version directory (CONTRACT §1).
 * Validating and simulating a draft evaluates its FEEL and replays its process: both run off the
 * request thread, in two long-lived workers (a long simulation never queues a validation behind it).
 */
export class DraftService {
  #publishing: Promise<unknown> = Promise.resolve();
  readonly #nameOf: AccountNames;
  readonly validator: JobWorker;
  readonly simulator: JobWorker;
  /** Simulations started in the background, followed by id (progress, cancel). */
  readonly simulations = new SimulationJobs();
  readonly #records: DraftRecords;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly store: Store,
    options: DraftServiceOptions = {},
  ) {
    this.#nameOf = options.nameOf ?? accountsUnnamed;
    this.#records = new DraftRecords(store, () => engine.clock.now().toISOString(), this.#nameOf);
    this.validator = new JobWorker(options.validation ?? DRAFT_JOB_LIMITS);
    this.simulator = new JobWorker(options.simulation ?? DRAFT_JOB_LIMITS);
  }

  /** Stops the workers (a server exiting needs nothing: an idle worker never keeps the process alive). */
  async close(): Promise<void> {
    await Promise.all([this.validator.close(), this.simulator.close()]);
  }

  get #root(): string {
    return this.engine.definitions.root;
  }

  async list(): Promise<Omit<Draft, 'files'>[]> {
    const drafts = (await this.#records.list()).map(({ files: _files, ...rest }) => rest);
    return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  get(id: string): Promise<Draft> {
    return this.#records.read(id);
  }

  async create(process: string, from: string, actor: string, title?: unknown): Promise<Draft> {
    const version = this.engine.definitions.get(process, from);
    const source = await readVersionSource(join(this.#root, process, from));
    const now = this.engine.clock.now().toISOString();
    const draft: Draft = {
      id: `d_${randomBytes(8).toString('base64url')}`,
      title: title === undefined ? `基于 ${from} 的修订草稿` : draftTitle(title),
      process: version.definition.manifest.process,
      baseVersion: from,
      files: Object.fromEntries([...source.files].filter(([path]) => isVersionFile(path))),
      createdBy: actor,
      ...named('createdByName', actor, await this.#nameOf(actor)),
      createdAt: now,
      updatedAt: now,
      revision: 0,
    };
    await this.#records.create(draft);
    return draft;
  }

  /**
   * The draft, if it may still change: not once published, and not while a second person is asked
   * to approve it — what they approve is what they read, title included (four-eyes, issue 12).
   * With `expected`, the revision the editor loaded: a draft written since (another tab, another
   * officer) is refused with `conflict`, and one deleted since is said to be.
   */
  async #editable(id: string, expected: number | undefined): Promise<Draft> {
    const draft = await this.#records.read(id, expected);
    if (draft.publishedAs !== undefined)
      throw new EngineError('conflict', SAY.draftPublished(draft.publishedAs), { draft: id });
    if (draft.pendingPublication !== undefined)
      throw new EngineError('conflict', SAY.draftAwaitingEdit, {
        draft: id,
      });
    requireRevision(draft, expected);
    return draft;
  }

  /**
   * Saves (text) or deletes (null) files, all in one write or none. Two saves that read the same
   * revision at once (two requests, two processes): the second is refused, as is one from a tab
   * loaded before (`expected`). A file that cannot be read at all (JSON that does not parse, a
   * diagram that is not readable XML) is refused, 422 naming it, and nothing of the save is written:
   * what cannot be read could be neither shown nor mended in the designer. A file that reads but
   * breaks a rule is kept (a draft may be mid-edit): the validator reports it.
   */
  async saveFiles(
    id: string,
    changes: Readonly<Record<string, string | null>>,
    actor: string,
    expected?: number,
  ): Promise<Draft> {
    const draft = await this.#editable(id, expected);
    for (const path of Object.keys(changes))
      if (!isVersionFile(path)) throw new EngineError('validation', SAY.notVersionFile(path), { path });
    for (const [path, text] of Object.entries(changes)) {
      const refused = text === null ? undefined : await unreadable(path, text);
      if (refused !== undefined) {
        throw new EngineError('validation', SAY.unreadableDraftFile(path, refused), {
          path,
          problems: [refused.problem],
        });
      }
    }
    const files = Object.fromEntries(Object.entries(draft.files).filter(([name]) => !Object.hasOwn(changes, name)));
    for (const [path, text] of Object.entries(changes)) if (text !== null) files[path] = text;
    return this.#records.write(draft, { ...draft, files }, actor);
  }

  /** Saves (text) or deletes (null) one file: `saveFiles` with one. */
  saveFile(id: string, path: string, text: string | null, actor: string, expected?: number): Promise<Draft> {
    return this.saveFiles(id, { [path]: text }, actor, expected);
  }

  async rename(id: string, title: unknown, actor: string, expected?: number): Promise<Draft> {
    const draft = await this.#editable(id, expected);
    return this.#records.write(draft, { ...draft, title: draftTitle(title) }, actor);
  }

  /** Deletes the draft; not one awaiting approval, nor (with `expected`) one written since it was shown. */
  async remove(id: string, actor: string, expected?: number): Promise<void> {
    const draft = await this.#records.read(id, expected);
    if (draft.pendingPublication !== undefined)
      throw new EngineError('conflict', SAY.draftAwaitingDelete, { draft: id });
    requireRevision(draft, expected);
    await this.#records.delete(draft, actor);
  }

  /** The draft as a version source named after the version it would become. */
  sourceOf(draft: Draft, version?: string): VersionSource {
    const name = version ?? manifestVersion(draft) ?? draft.baseVersion;
    return { dir: `definitions/${draft.process}/${name}`, files: new Map(Object.entries(draft.files)) };
  }

  /**
   * The same checks as `npm run validate`, in the validation worker, so the request thread keeps
   * answering meanwhile. FEEL that would run for minutes is stopped at the time or memory limit and
   * answered as the one problem 超出限制 (check `limit`): the author sees why, nothing hangs.
   */
  async validate(id: string): Promise<Problem[]> {
    const source = this.sourceOf(await this.get(id));
    try {
      return await this.#check(source);
    } catch (error) {
      const problems = limitProblems(error);
      if (problems === undefined) throw error;
      return problems;
    }
  }

  #check(source: VersionSource): Promise<Problem[]> {
    return this.validator.run({ kind: 'validate', source, context: this.engine.definitions.context });
  }

  /**
   * Replays case scripts on the version in force and on the draft, in the simulation worker. The
   * draft's temporary directory is made and removed here, so it goes even when a limit stops the worker.
   */
  async simulate(
    draft: Draft,
    scripts: { name: string; text: string }[],
    options: RunOptions = {},
  ): Promise<Simulation[]> {
    const definitions = this.engine.definitions;
    const root = await mkdtemp(join(tmpdir(), 'qbz-simulation-'));
    try {
      return await this.simulator.run(
        {
          kind: 'simulate',
          draft,
          definitionsRoot: definitions.root,
          shared: definitions.options.shared ?? definitions.root,
          scripts,
          root,
        },
        options,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }

  /** What the draft changes against a version (default: the one in force today). */
  async compare(id: string, against?: string): Promise<VersionDiff & { against: string }> {
    const draft = await this.get(id);
    const base =
      against ??
      this.engine.definitions.inForce(draft.process, chinaDateOf(this.engine.clock.now())).definition.manifest.version;
    this.engine.definitions.get(draft.process, base);
    const baseSource = await readVersionSource(join(this.#root, draft.process, base));
    // In the validation worker: both diagrams are parsed, which the request thread must not wait on.
    const diff = await this.validator.run({ kind: 'compare', base: baseSource, draft: this.sourceOf(draft) });
    return { ...diff, against: base };
  }

  /**
   * Asks for the draft to be published as `<process>/<version>/`, taking effect on `effectiveFrom`
   * (today or later: cases already started keep their version), with the revision's basis. Checked
   * now as at approval (name, date, validator, clashes) so that the approver sees what would be
   * written; nothing is written until a second person approves (four-eyes, issue 12). With
   * `draftRevision`, the revision the asker's page shows: a draft changed since is not asked for
   * (the asker would put forward content they have not seen).
   */
  async requestPublication(
    id: string,
    request: PublicationRequest,
    actor: string,
    actorName?: string,
  ): Promise<{ pending: PendingPublication; problems: Problem[] }> {
    return this.#inTurn(async () => {
      const draft = await this.#publishable(id);
      if (draft.pendingPublication !== undefined)
        throw new EngineError('conflict', SAY.draftAwaiting(draft.pendingPublication.version), {
          draft: id,
        });
      const seen = request.draftRevision;
      if (seen !== undefined && seen !== (draft.revision ?? 0))
        throw new EngineError(
          'conflict',
          SAY.requestStale(
            seen,
            draft.revision ?? 0,
            draft.updatedBy === undefined ? undefined : await this.#nameOf(draft.updatedBy),
          ),
          { draft: id, revision: draft.revision ?? 0 },
        );
      this.#checkNameAndDate(request.version, request.effectiveFrom);
      const revision = parseRevisionBasis(request.revision, request.effectiveFrom);
      const pending: PendingPublication = {
        version: request.version,
        effectiveFrom: request.effectiveFrom,
        revision,
        requestedBy: actor,
        ...(actorName !== undefined && actorName !== '' && { requestedByName: actorName }),
        requestedAt: this.engine.clock.now().toISOString(),
      };
      const { problems } = await this.#prepare(draft, pending);
      const { refusal: _refusal, ...rest } = draft;
      await this.#records.write(draft, { ...rest, pendingPublication: pending }, actor);
      await this.#audit(
        actor,
        `${draft.process}@${pending.version}`,
        {
          draft: id,
          from: draft.baseVersion,
          effectiveFrom: pending.effectiveFrom,
          revision,
        },
        'definition.publication-requested',
      );
      return { pending, problems };
    });
  }

  /**
   * A second policy officer (or admin) approves: the version directory appears whole (written aside,
   * then renamed) and the engine reloads. The requester may not approve (403); the checks run again,
   * since the date or the other versions may have moved since the request. With `expected`, the
   * revision the approver's page shows: what is approved is exactly the request they read — not one
   * withdrawn or returned and asked for again since, the draft perhaps changed in between.
   */
  async approvePublication(
    id: string,
    actor: string,
    expected?: number,
  ): Promise<{ version: string; problems: Problem[] }> {
    return this.#inTurn(async () => {
      const draft = await this.#publishable(id, expected);
      const pending = draft.pendingPublication;
      if (pending === undefined) throw new EngineError('conflict', SAY.nothingAwaiting, { draft: id });
      requireSecondPerson(pending, actor);
      if (expected !== undefined && expected !== (draft.revision ?? 0))
        throw new EngineError('conflict', SAY.approvalStale(expected, draft.revision ?? 0, asked(pending)), {
          draft: id,
          revision: draft.revision ?? 0,
        });
      const { files, problems } = await this.#prepare(draft, pending);
      const target = await this.#write(draft.process, pending.version, files);
      const { pendingPublication: _pending, ...rest } = draft;
      // Withdrawn or refused meanwhile (by another process): the version written is taken back.
      await this.#records
        .write(draft, { ...rest, files, publishedAs: pending.version }, actor)
        .catch(async (error: unknown) => {
          await this.#unwrite(target);
          throw error;
        });
      await this.#audit(actor, `${draft.process}@${pending.version}`, {
        draft: id,
        from: draft.baseVersion,
        effectiveFrom: pending.effectiveFrom,
        requestedBy: pending.requestedBy,
        approvedBy: actor,
        files: Object.keys(files).length,
      });
      return { version: pending.version, problems };
    });
  }

  /**
   * A second person refuses a publication, with the reason; the draft is editable again, and keeps
   * what was asked (name, date, basis) for the requester to correct and ask again. With
   * `expected`, the revision the refuser's page shows: a request withdrawn and asked for again since
   * (perhaps put right meanwhile) is not sent back unseen, as an approval is not approved unseen.
   */
  async refusePublication(id: string, reason: unknown, actor: string, expected?: number): Promise<Draft> {
    return this.#inTurn(async () => {
      const draft = await this.#records.read(id, expected);
      const pending = draft.pendingPublication;
      if (pending === undefined) throw new EngineError('conflict', SAY.nothingAwaiting, { draft: id });
      if (expected !== undefined && expected !== (draft.revision ?? 0))
        throw new EngineError('conflict', SAY.refusalStale(expected, draft.revision ?? 0, asked(pending)), {
          draft: id,
          revision: draft.revision ?? 0,
        });
      if (typeof reason !== 'string' || reason.trim() === '')
        throw new EngineError('validation', SAY.returnReason, { field: 'reason' });
      const refusal: PublicationRefusal = {
        version: pending.version,
        effectiveFrom: pending.effectiveFrom,
        revision: pending.revision,
        refusedBy: actor,
        ...named('refusedByName', actor, await this.#nameOf(actor)),
        refusedAt: this.engine.clock.now().toISOString(),
        reason: reason.trim(),
      };
      const { pendingPublication: _pending, ...rest } = draft;
      const next = await this.#records.write(draft, { ...rest, refusal }, actor);
      await this.#audit(
        actor,
        `${draft.process}@${pending.version}`,
        {
          draft: id,
          requestedBy: pending.requestedBy,
          reason: refusal.reason,
        },
        'definition.publication-refused',
      );
      return next;
    });
  }

  /**
   * The requester takes back their own pending publication (to correct the draft or its basis): no
   * reason needed, nothing published, the draft editable again; audited like a request or a refusal.
   * Only the requester may (403): anyone else refuses, with a reason. With `expected`, the revision
   * the requester's page shows: a request withdrawn and asked for again since (in another window,
   * perhaps after a return and a correction) is not withdrawn unseen, as it is not approved unseen.
   */
  async withdrawPublication(id: string, actor: string, expected?: number): Promise<Draft> {
    return this.#inTurn(async () => {
      const draft = await this.#records.read(id, expected);
      const pending = draft.pendingPublication;
      if (pending === undefined) throw new EngineError('conflict', SAY.nothingAwaiting, { draft: id });
      requireRequester(pending, actor);
      if (expected !== undefined && expected !== (draft.revision ?? 0))
        throw new EngineError('conflict', SAY.withdrawalStale(expected, draft.revision ?? 0, asked(pending)), {
          draft: id,
          revision: draft.revision ?? 0,
        });
      const { pendingPublication: _pending, ...rest } = draft;
      const next = await this.#records.write(draft, rest, actor);
      await this.#audit(
        actor,
        `${draft.process}@${pending.version}`,
        { draft: id, requestedAt: pending.requestedAt },
        'definition.publication-withdrawn',
      );
      return next;
    });
  }

  /** Publications and the audit chain run one at a time, so the chain never forks. */
  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#publishing.then(work);
    this.#publishing = run.catch(() => undefined);
    return run;
  }

  async #publishable(id: string, expected?: number): Promise<Draft> {
    const draft = await this.#records.read(id, expected);
    // A draft becomes one version: publishing it again (under any name) would fork its history.
    if (draft.publishedAs !== undefined)
      throw new EngineError('conflict', SAY.publishedAgain(draft.publishedAs), {
        draft: id,
        version: draft.publishedAs,
      });
    return draft;
  }

  /** The files the version would have, after every check a publication must pass. */
  async #prepare(
    draft: Draft,
    { version, effectiveFrom, revision }: PendingPublication,
  ): Promise<{ files: Record<string, string>; problems: Problem[] }> {
    this.#checkNameAndDate(version, effectiveFrom);
    if (await exists(join(this.#root, draft.process, version)))
      throw new EngineError('conflict', SAY.versionExists(version), { version });
    const manifest = parseManifest(draft);
    const files = {
      ...draft.files,
      [VERSION_FILES.manifest]: `${JSON.stringify(
        { ...manifest, version, effectiveFrom, basis: basisText(revision), revision },
        null,
        2,
      )}\n`,
    };
    const problems = await this.#check({
      dir: `definitions/${draft.process}/${version}`,
      files: new Map(Object.entries(files)),
    });
    if (problems.some((problem) => problem.severity === 'error')) {
      throw new EngineError('validation', SAY.draftInvalid, { problems });
    }
    // A warning (a rule's title still saying 五个工作日 of a value of 7) would publish words that
    // contradict the rule, and a version `npm run validate` refuses: published versions are clean.
    if (problems.length > 0) {
      throw new EngineError('validation', SAY.draftWarnings(problems.length), { problems });
    }
    const clash = this.engine.definitions
      .list(draft.process)
      .find((other) => other.definition.manifest.effectiveFrom === effectiveFrom);
    if (clash !== undefined)
      throw new EngineError('conflict', SAY.dateTaken(clash.definition.manifest.version, effectiveFrom), {
        effectiveFrom,
      });
    return { files, problems };
  }

  #checkNameAndDate(version: string, effectiveFrom: string): void {
    if (!VERSION_NAME.test(version)) throw new EngineError('validation', SAY.versionName, { field: 'version' });
    if (!isLocalDate(effectiveFrom))
      throw new EngineError('validation', SAY.dateForm('生效日期', 'The effective date', effectiveFrom), {
        field: 'effectiveFrom',
      });
    const today = chinaDateOf(this.engine.clock.now());
    if (compareDates(effectiveFrom, today) < 0) {
      throw new EngineError('validation', SAY.effectiveInPast(today), {
        field: 'effectiveFrom',
      });
    }
  }

  /**
   * Writes the version directory whole (aside, then renamed) and reloads the engine's definitions;
   * the directory written.
   */
  async #write(process: string, version: string, files: Record<string, string>): Promise<string> {
    const target = join(this.#root, process, version);
    const aside = join(dirname(target), `.${version}.${randomBytes(4).toString('hex')}.tmp`);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(aside, path)), { recursive: true });
      await writeFile(join(aside, path), text);
    }
    await rename(aside, target);
    try {
      await this.engine.reloadDefinitions();
    } catch (error) {
      await this.#unwrite(target);
      throw error;
    }
    return target;
  }

  /** Takes back a version directory just written (nothing may have started on it yet). */
  async #unwrite(target: string): Promise<void> {
    await rm(target, { recursive: true, force: true });
    await this.engine.reloadDefinitions();
  }

  /**
   * Adds an entry to the definitions' audit chain from outside a draft (a calendar year published),
   * in turn with publications so that the chain never forks.
   */
  async recordPublication(
    type: string,
    subject: string,
    actor: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.#inTurn(() => this.#audit(actor, subject, details, type));
  }

  async #audit(
    actor: string,
    subject: string,
    details: Record<string, unknown>,
    type = 'definition.published',
  ): Promise<void> {
    const log = await this.store.readLog<AuditEntry>(DEFINITION_AUDIT, 'all');
    const last = log.at(-1);
    const entries = chainEntries(
      last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.seq, hash: last.hash },
      [
        {
          at: this.engine.clock.now().toISOString(),
          type,
          caseId: subject,
          actor,
          version: subject,
          details,
        },
      ],
    );
    await this.store.append(DEFINITION_AUDIT, 'all', entries);
  }

  async auditLog(): Promise<AuditEntry[]> {
    return this.store.readLog<AuditEntry>(DEFINITION_AUDIT, 'all');
  }

  /** Case scripts shipped with a process (`definitions/<process>/scenarios/*.json`). */
  async scenarios(process: string): Promise<{ name: string; text: string }[]> {
    const dir = join(this.#root, process, 'scenarios');
    if (!(await exists(dir))) return [];
    const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
  }
}

/**
 * The draft's manifest as an object; a manifest that is not a JSON object is the author's input
 * error (422 with the problem), never a 500.
 */
export function parseManifest(draft: Pick<Draft, 'files'>): Record<string, unknown> {
  const file = VERSION_FILES.manifest;
  let manifest: unknown;
  try {
    manifest = JSON.parse(draft.files[file] ?? '{}');
  } catch (cause) {
    // A draft stored before saves refused unreadable files: named, never quoted (the problem table).
    const refused = unreadableFile(file, 'json', jsonSyntaxReason(cause), jsonPlace(draft.files[file] ?? ''));
    throw new EngineError(
      'validation',
      SAY.draftManifestNotJson(file, refused),
      { problems: [refused.problem] },
      { cause },
    );
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    const problem: Problem = {
      severity: 'error',
      check: 'file-shape',
      file,
      pointer: '',
      message: `${file}: must be object`,
    };
    throw new EngineError('validation', SAY.draftManifestNotObject(file), { problems: [problem] });
  }
  return manifest as Record<string, unknown>;
}

function manifestVersion(draft: Draft): string | undefined {
  try {
    const version = (JSON.parse(draft.files[VERSION_FILES.manifest] ?? '{}') as { version?: unknown }).version;
    return typeof version === 'string' && VERSION_NAME.test(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
