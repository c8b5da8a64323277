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
  readVersionSource,
  type AuditEntry,
  type Problem,
  type Store,
  type VersionSource,
  type WorkflowEngine,
} from '../../engine/index.js';
import { DRAFT_JOB_LIMITS, JobWorker, limitProblems, type JobLimits } from './off-thread.js';
import type { Simulation } from './simulate.js';
import { diffVersions, type VersionDiff } from './version-diff.js';

const DRAFTS = 'drafts';
const DEFINITION_AUDIT = 'definition-audit';
const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface Draft {
  id: string;
  process: string;
  /** The version it was started from. */
  baseVersion: string;
  files: Record<string, string>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAs?: string;
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

/**
 * Definition drafts policy staff edit in the designer: a copy of a published version's files, kept
 * in the store until it is published as a new, immutable version directory (CONTRACT §1).
 * Validating and simulating a draft evaluates its FEEL and replays its process: both run off the
 * request thread, in two long-lived workers (a long simulation never queues a validation behind it).
 */
export class DraftService {
  #publishing: Promise<unknown> = Promise.resolve();
  readonly validator: JobWorker;
  readonly simulator: JobWorker;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly store: Store,
    limits: DraftJobOptions = {},
  ) {
    this.validator = new JobWorker(limits.validation ?? DRAFT_JOB_LIMITS);
    this.simulator = new JobWorker(limits.simulation ?? DRAFT_JOB_LIMITS);
  }

  /** Stops the workers (a server exiting needs nothing: an idle worker never keeps the process alive). */
  async close(): Promise<void> {
    await Promise.all([this.validator.close(), this.simulator.close()]);
  }

  get #root(): string {
    return this.engine.definitions.root;
  }

  async list(): Promise<Omit<Draft, 'files'>[]> {
    const drafts: Omit<Draft, 'files'>[] = [];
    for (const id of await this.store.list(DRAFTS)) {
      const draft = await this.store.get<Draft>(DRAFTS, id);
      if (draft !== undefined) {
        const { files: _files, ...rest } = draft;
        drafts.push(rest);
      }
    }
    return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async get(id: string): Promise<Draft> {
    const draft = /^d_[\w-]+$/.test(id) ? await this.store.get<Draft>(DRAFTS, id) : undefined;
    if (draft === undefined) throw new EngineError('not-found', `草稿 ${id} 不存在`, { draft: id });
    return draft;
  }

  async create(process: string, from: string, actor: string): Promise<Draft> {
    const version = this.engine.definitions.get(process, from);
    const source = await readVersionSource(join(this.#root, process, from));
    const now = this.engine.clock.now().toISOString();
    const draft: Draft = {
      id: `d_${randomBytes(8).toString('base64url')}`,
      process: version.definition.manifest.process,
      baseVersion: from,
      files: Object.fromEntries([...source.files].filter(([path]) => isVersionFile(path))),
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.put(DRAFTS, draft.id, draft);
    return draft;
  }

  async saveFile(id: string, path: string, text: string | null): Promise<Draft> {
    const draft = await this.get(id);
    if (draft.publishedAs !== undefined)
      throw new EngineError('conflict', `草稿已发布为 ${draft.publishedAs}，不能再修改`, { draft: id });
    if (!isVersionFile(path)) throw new EngineError('validation', `文件 ${path} 不属于定义版本`, { path });
    const files = Object.fromEntries(Object.entries(draft.files).filter(([name]) => name !== path));
    if (text !== null) files[path] = text;
    const next = { ...draft, files, updatedAt: this.engine.clock.now().toISOString() };
    await this.store.put(DRAFTS, id, next);
    return next;
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.store.delete(DRAFTS, id);
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
  async simulate(draft: Draft, scripts: { name: string; text: string }[]): Promise<Simulation[]> {
    const definitions = this.engine.definitions;
    const root = await mkdtemp(join(tmpdir(), 'qbz-simulation-'));
    try {
      return await this.simulator.run({
        kind: 'simulate',
        draft,
        definitionsRoot: definitions.root,
        shared: definitions.options.shared ?? definitions.root,
        scripts,
        root,
      });
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
    return { ...(await diffVersions(baseSource, this.sourceOf(draft))), against: base };
  }

  /**
   * Publishes the draft as `<process>/<version>/`, taking effect on `effectiveFrom` (today or later:
   * cases already started keep their version). Refused with the problems when the validator finds
   * errors; the directory appears whole (written aside, then renamed) and the engine reloads.
   */
  async publish(
    id: string,
    version: string,
    effectiveFrom: string,
    actor: string,
  ): Promise<{ version: string; problems: Problem[] }> {
    const run = this.#publishing.then(() => this.#publish(id, version, effectiveFrom, actor));
    this.#publishing = run.catch(() => undefined);
    return run;
  }

  async #publish(
    id: string,
    version: string,
    effectiveFrom: string,
    actor: string,
  ): Promise<{ version: string; problems: Problem[] }> {
    const draft = await this.get(id);
    // A draft becomes one version: publishing it again (under any name) would fork its history.
    if (draft.publishedAs !== undefined)
      throw new EngineError('conflict', `草稿已发布为 ${draft.publishedAs}，不能再次发布`, {
        draft: id,
        version: draft.publishedAs,
      });
    if (!VERSION_NAME.test(version))
      throw new EngineError('validation', '版本名称只能包含字母、数字、点、下划线和连字符', { field: 'version' });
    if (!isLocalDate(effectiveFrom))
      throw new EngineError('validation', '「生效日期」应为 YYYY-MM-DD', { field: 'effectiveFrom' });
    const today = chinaDateOf(this.engine.clock.now());
    if (compareDates(effectiveFrom, today) < 0) {
      throw new EngineError('validation', `生效日期不能早于今天（${today}）：已经开始的案件不会改变规则版本`, {
        field: 'effectiveFrom',
      });
    }
    const target = join(this.#root, draft.process, version);
    if (await exists(target))
      throw new EngineError('conflict', `版本 ${version} 已存在，发布的版本不可修改`, { version });
    const manifest = parseManifest(draft);
    const files = {
      ...draft.files,
      [VERSION_FILES.manifest]: `${JSON.stringify({ ...manifest, version, effectiveFrom }, null, 2)}\n`,
    };
    const source: VersionSource = {
      dir: `definitions/${draft.process}/${version}`,
      files: new Map(Object.entries(files)),
    };
    const problems = await this.#check(source);
    if (problems.some((problem) => problem.severity === 'error')) {
      throw new EngineError('validation', '草稿未通过校验，不能发布', { problems });
    }
    const clash = this.engine.definitions
      .list(draft.process)
      .find((other) => other.definition.manifest.effectiveFrom === effectiveFrom);
    if (clash !== undefined)
      throw new EngineError('conflict', `${clash.key} 已于 ${effectiveFrom} 生效：每个日期只能有一个版本`, {
        effectiveFrom,
      });

    const aside = join(dirname(target), `.${version}.${randomBytes(4).toString('hex')}.tmp`);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(aside, path)), { recursive: true });
      await writeFile(join(aside, path), text);
    }
    await rename(aside, target);
    try {
      await this.engine.reloadDefinitions();
    } catch (error) {
      await rm(target, { recursive: true, force: true });
      await this.engine.reloadDefinitions();
      throw error;
    }
    await this.store.put(DRAFTS, id, {
      ...draft,
      files,
      publishedAs: version,
      updatedAt: this.engine.clock.now().toISOString(),
    });
    await this.#audit(actor, `${draft.process}@${version}`, {
      from: draft.baseVersion,
      effectiveFrom,
      files: Object.keys(files).length,
    });
    return { version, problems };
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
    const run = this.#publishing.then(() => this.#audit(actor, subject, details, type));
    this.#publishing = run.catch(() => undefined);
    return run;
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
    const message = `${file} 不是有效的 JSON：${(cause as Error).message}`;
    throw new EngineError('validation', message, { problems: [manifestProblem(message)] }, { cause });
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    const message = `${file} 应为 JSON 对象`;
    throw new EngineError('validation', message, { problems: [manifestProblem(message)] });
  }
  return manifest as Record<string, unknown>;
}

function manifestProblem(message: string): Problem {
  return { severity: 'error', check: 'json', file: VERSION_FILES.manifest, message };
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
