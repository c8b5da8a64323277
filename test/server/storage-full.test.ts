import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/index.js';
import type { Store } from '../../engine/ports.js';
import { MemoryStore } from '../../engine/store/index.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { adminQuery, freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';
import { PROCESS, ServerHarness, withUsers } from './harness.js';

/** A store whose case writes can be made to fail as a full disk's do, and another failure for contrast. */
interface FillableStore {
  store: Store;
  /** The failure a full disk gives this store, and an unrelated one. */
  codes: { full: readonly string[]; other: string };
  /** From now on every write of a case fails with `code`, writing nothing; undefined: writes again. */
  fail: (code: string | undefined) => Promise<void>;
  drop: () => Promise<void>;
}

/** The embedded stores' way of failing: the write's error (a file system's code), nothing written. */
function embedded(): Promise<FillableStore> {
  const failing: { error?: Error } = {};
  class FullStore extends MemoryStore {
    override async commit(...args: Parameters<MemoryStore['commit']>): Promise<void> {
      if (failing.error !== undefined) throw failing.error;
      return super.commit(...args);
    }
  }
  return Promise.resolve({
    store: new FullStore(),
    codes: { full: ['ENOSPC', 'EDQUOT'], other: 'EIO' },
    fail: (code) => {
      if (code === undefined) delete failing.error;
      else failing.error = Object.assign(new Error(`${code}: write failed`), { code });
      return Promise.resolve();
    },
    drop: () => Promise.resolve(),
  });
}

/**
 * PostgreSQL refusing as a full disk does (SQLSTATE 53100 disk_full, the transaction rolled back), from
 * a trigger on the cases table: the real store, driver and transaction, without filling a disk.
 */
async function postgres(): Promise<FillableStore> {
  const { schema, drop } = await freshSchema();
  const store = await PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 });
  await adminQuery(
    `CREATE TABLE failing_writes (code text);
     CREATE FUNCTION fail_write() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE failure text := (SELECT code FROM failing_writes LIMIT 1);
     BEGIN
       IF failure IS NOT NULL THEN
         RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = failure;
       END IF;
       RETURN NEW;
     END $$;
     CREATE TRIGGER fail_write BEFORE INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION fail_write();`,
    [],
    schema,
  );
  return {
    store,
    // 58030 io_error: a failure that is not a full disk.
    codes: { full: ['53100'], other: '58030' },
    fail: async (code) => {
      await adminQuery('DELETE FROM failing_writes', [], schema);
      if (code !== undefined) await adminQuery('INSERT INTO failing_writes VALUES ($1)', [code], schema);
    },
    drop,
  };
}

const stores: [string, () => Promise<FillableStore>][] = [['embedded', embedded]];
if (await postgresAvailable()) stores.push(['PostgreSQL', postgres]);

const NO_SPACE = {
  error: { code: 'insufficient-storage', message: '服务器存储空间不足，操作未能完成，请稍后再试或联系系统管理员' },
};

describe.each(stores)('a case when the store is out of space (%s)', (_name, open) => {
  let h: ServerHarness;
  let fillable: FillableStore;
  beforeAll(async () => {
    fillable = await open();
    h = await ServerHarness.create({ store: fillable.store });
    await withUsers(h, ['park1']);
  });
  afterAll(async () => {
    await h.close();
    await fillable.drop();
  });

  const start = () =>
    h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
      allow5xx: true,
    });
  const listed = async () => ((await h.api.get('/api/cases', { token: h.token('park1') })).body as CaseView[]).length;

  it('answers a full disk with 507 in Chinese, any other failure with 500, and keeps nothing of the case', async () => {
    for (const code of fillable.codes.full) {
      await fillable.fail(code);
      const refused = await start();
      expect(refused.status, code).toBe(507);
      expect(refused.body, code).toEqual(NO_SPACE);
    }
    await fillable.fail(fillable.codes.other);
    expect((await start()).status).toBe(500);
    await fillable.fail(undefined);
    expect(await listed()).toBe(0);
  });

  it('completes the task it refused once there is room again, from where the case was', async () => {
    const started = await start();
    expect(started.status).toBe(201);
    const { id } = started.body as CaseView;
    const [task] = await h.tasks('park1');
    if (task === undefined) throw new Error('no task');
    const data = await h.withUploads('park1', await h.example(task.formKey, { parkType: 'industry' }));
    const submit = () =>
      h.api.post(`/api/tasks/${task.ref}/complete`, { token: h.token('park1'), body: { data }, allow5xx: true });
    const open = async () => (await h.tasks('park1')).filter((each) => each.caseId === id).map((each) => each.ref);

    await fillable.fail(fillable.codes.full[0]);
    expect((await submit()).body).toEqual(NO_SPACE);
    expect(await open()).toEqual([task.ref]);
    await fillable.fail(undefined);

    const done = await submit();
    expect(done.status).toBe(200);
    expect(await open()).toEqual([]);
  });
});
