import type { Clock } from '../../engine/ports.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { WorkflowEngine } from '../../engine/workflow-engine.js';
import { freshSchema, POSTGRES_URL } from './postgres.js';

/** Engines on one fresh PostgreSQL schema, each on a pool of its own, as server processes on one database. */
export interface EnginesOnPostgres {
  /** The schema they share (for a test that reads its tables). */
  readonly schema: string;
  /** One more engine on the schema, on the project's definitions (or the root given). */
  open(): Promise<WorkflowEngine>;
  /** Closes every engine and its pool, then drops the schema. */
  close(): Promise<void>;
}

export async function enginesOnPostgres(clock: Clock, root = 'definitions'): Promise<EnginesOnPostgres> {
  const { schema, drop } = await freshSchema();
  const definitions = await DefinitionRegistry.load(root, { shared: 'definitions' });
  const engines: WorkflowEngine[] = [];
  const stores: PostgresStore[] = [];
  return {
    schema,
    async open() {
      const store = await PostgresStore.open({ connectionString: POSTGRES_URL, schema });
      stores.push(store);
      const engine = await WorkflowEngine.open({ definitions, store, clock });
      engines.push(engine);
      return engine;
    },
    async close() {
      for (const engine of engines.splice(0)) await engine.close();
      for (const store of stores.splice(0)) await store.close();
      await drop();
    },
  };
}
