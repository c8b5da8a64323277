import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/ports.js';
import { LowdbStore, MemoryStore } from '../../engine/store/index.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { FormDrafts } from '../../server/form-drafts.js';
import { HttpError } from '../../server/http-errors.js';
import { freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';

const draft = (data: unknown) => ({
  username: 'park1',
  taskRef: 't_Ref0001',
  caseId: 'c_Case0001',
  data,
  savedAt: '2024-04-01T01:00:00.000Z',
});

const conflict = (error: unknown) => error instanceof HttpError && error.status === 409;

/**
 * A user's saved form as two server processes see it (or one, on a store only one process uses):
 * a save names the revision it started from, so neither a stale tab nor a racing one writes over another.
 */
function draftContract(name: string, open: () => Promise<Store[]>): void {
  describe(`form drafts (${name})`, () => {
    let stores: Store[] = [];
    afterEach(async () => {
      for (const store of new Set(stores)) await store.close();
    });

    it('keeps a save; refuses one that started from a revision since replaced (409), nothing written', async () => {
      stores = await open();
      const [first, second] = [new FormDrafts(stores[0] as Store), new FormDrafts(stores.at(-1) as Store)];
      expect((await first.save(draft({ a: 1 }), null)).revision).toBe(1);
      await expect(second.save(draft({ a: 'stale' }), null)).rejects.toSatisfy(conflict);
      expect((await second.save(draft({ a: 2 }), 1)).revision).toBe(2);
      await expect(first.save(draft({ a: 'stale' }), 1)).rejects.toSatisfy(conflict);
      expect(await first.get('park1', 't_Ref0001')).toMatchObject({ data: { a: 2 }, revision: 2 });
      // Another user's draft of the same task is another document.
      expect(await first.get('park2', 't_Ref0001')).toBeUndefined();
    });

    it('lets one of two saves from the same revision at once win, the other refused', async () => {
      stores = await open();
      const [first, second] = [new FormDrafts(stores[0] as Store), new FormDrafts(stores.at(-1) as Store)];
      await first.save(draft({ a: 0 }), null);
      const results = await Promise.allSettled([first.save(draft({ a: 1 }), 1), second.save(draft({ a: 2 }), 1)]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const kept = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.data] : []));
      expect((await second.get('park1', 't_Ref0001'))?.data).toEqual(kept[0]);
    });
  });
}

describe('form drafts: the sweep reading them', () => {
  it('stops, keeping every file, when a draft cannot be read for another reason than damage (a dropped connection)', async () => {
    const store = new MemoryStore();
    const drafts = new FormDrafts(store);
    await drafts.save(draft({ plan: 'a'.repeat(64) }), null);
    // Lists as the store does; every read fails as a dropped connection would.
    const failing = new FormDrafts({
      list: (collection: string) => store.list(collection),
      get: () => Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    } as unknown as Store);
    await expect(failing.sweep(() => true, new Date(), 0)).rejects.toThrow('ECONNRESET');
    expect([...(await drafts.sweep(() => true, new Date(), 0))]).toEqual(['a'.repeat(64)]);
  });
});

draftContract('MemoryStore', () => Promise.resolve([new MemoryStore()]));
draftContract('LowdbStore', async () => [new LowdbStore(await mkdtemp(join(tmpdir(), 'qbz-form-drafts-')))]);

const postgresUp = await postgresAvailable();
if (postgresUp) {
  const schemas: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of schemas) await drop();
  });
  draftContract('PostgresStore, two processes', async () => {
    const { schema, drop } = await freshSchema();
    schemas.push(drop);
    const open = () => PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 });
    return [await open(), await open()];
  });
}
