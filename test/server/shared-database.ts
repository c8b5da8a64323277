import { randomBytes } from 'node:crypto';
import { chainEntries, GENESIS_HASH, type AuditEntry } from '../../engine/audit/audit-chain.js';
import type { CaseRecord } from '../../engine/cases/case-record.js';
import { SimulatedClock } from '../../engine/clock.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { as, formExample } from '../support/engine-harness.js';
import pg from 'pg';
import { adminQuery, POSTGRES_URL } from '../support/postgres.js';

/** A new empty database of its own (two server processes share it), and how to drop it; `prefix` starts its name. */
export async function freshDatabase(prefix = 'qbz_mp'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** One statement on a database of its own (`freshDatabase().url`). */
export async function databaseQuery<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/**
 * The engine in the test process on the shared database, on a simulated clock: it puts cases where
 * the servers take over — much faster than over HTTP — and reads them back for the checks.
 */
export class Seeder {
  private constructor(
    readonly engine: WorkflowEngine,
    readonly store: PostgresStore,
    readonly clock: SimulatedClock,
  ) {}

  static async open(url: string, start: string): Promise<Seeder> {
    const store = await PostgresStore.open({ connectionString: url });
    const clock = new SimulatedClock(new Date(start));
    const definitions = await DefinitionRegistry.load('definitions', { shared: 'definitions' });
    return new Seeder(await WorkflowEngine.open({ definitions, store, clock }), store, clock);
  }

  async #complete(caseId: string, taskId: string, group: string, scope?: string, patch: unknown = {}): Promise<void> {
    const view = await this.engine.getCase(caseId, as('admin'));
    const task = view.openTasks.find((open) => open.taskId === taskId && (scope === undefined || open.scope === scope));
    if (task === undefined) throw new Error(`no open ${taskId} on ${caseId}`);
    await this.engine.completeTask(task.ref, as(group, scope), await formExample(task.formKey, patch));
  }

  async #start(park: string): Promise<string> {
    const view = await this.engine.startCase(
      { process: 'quality-brand-zone', park, province: '320000' },
      { ...as('park', park), region: '320000' },
    );
    await this.#complete(view.id, 'submitCreationApplication', 'park', park, { parkType: 'industry' });
    return view.id;
  }

  /** A case waiting for the province's feasibility review (then the leading group's). */
  async awaitingReview(park: string): Promise<string> {
    return this.#start(park);
  }

  /** A case through creation (status `creating`): one timer armed, due when acceptance opens. */
  async creating(park: string): Promise<string> {
    const id = await this.#start(park);
    await this.#complete(id, 'provincialFeasibilityReview', 'province', '320000');
    await this.#complete(id, 'provincialLeadingGroupReview', 'province-leading-group', '320000');
    for (const ministry of ['moa', 'mofcom', 'mct', 'cnipa'])
      await this.#complete(id, 'departmentOpinion', 'ministry', ministry);
    await this.#complete(id, 'samrCreationApproval', 'samr');
    return id;
  }

  /**
   * `count` copies of a case, as the engine would have written them had it run each (a real run per
   * case costs ~1 s on a busy machine): every id, park and task ref renamed, the audit chain linked
   * anew over the renamed entries. Returns the new case ids.
   */
  async copies(templateId: string, count: number, park: (index: number) => string): Promise<string[]> {
    const record = await this.store.get<CaseRecord>('cases', templateId);
    if (record === undefined) throw new Error(`no case ${templateId}`);
    const texts = {
      record: JSON.stringify(record),
      state: JSON.stringify(await this.store.get('states', `${templateId}.${record.stateRevision}`)),
      audit: JSON.stringify(await this.store.readLog<AuditEntry>('audit', templateId)),
      submissions: JSON.stringify(await this.store.readLog('submissions', templateId)),
    };
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const id = `c_copy${randomBytes(6).toString('hex')}`;
      const renames: [string, string][] = [
        [templateId, id],
        [record.subject, park(index)],
        ...record.tasks.map((task): [string, string] => [task.ref, `t_copy${randomBytes(6).toString('hex')}`]),
      ];
      const rename = (text: string) => renames.reduce((out, [from, to]) => out.split(from).join(to), text);
      const copy = JSON.parse(rename(texts.record)) as CaseRecord;
      const drafts = (JSON.parse(rename(texts.audit)) as AuditEntry[]).map(
        ({ seq: _seq, prevHash: _prevHash, hash: _hash, ...draft }) => draft,
      );
      const audit = chainEntries({ seq: 0, hash: GENESIS_HASH }, drafts);
      copy.audit = { count: audit.length, head: audit.at(-1)?.hash ?? GENESIS_HASH };
      await this.store.commit(
        [
          { kind: 'append', log: 'audit', id, entries: audit },
          { kind: 'append', log: 'submissions', id, entries: JSON.parse(rename(texts.submissions)) as unknown[] },
          {
            kind: 'put',
            collection: 'states',
            id: `${id}.${copy.stateRevision}`,
            value: JSON.parse(rename(texts.state)),
          },
          { kind: 'put', collection: 'cases', id, value: copy },
        ],
        { collection: 'cases', id, revision: null },
      );
      ids.push(id);
    }
    return ids;
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.store.close();
  }
}
