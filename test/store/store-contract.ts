import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEngineError, type ErrorCode } from '../../engine/errors.js';
import type { Store } from '../../engine/ports.js';
import { damageOf } from '../../engine/store/damage.js';

/** What a store implementation hands the contract: a fresh empty store, and how to open it again. */
export interface StoreFixture {
  store: Store;
  /** A new store object on the same data, for stores that keep data beyond the object. */
  reopen?: () => Promise<Store>;
  /**
   * For durable stores: makes one stored record unreadable, as a torn file or a stray write on disk
   * would (a document cut short; a log line before the last that is not JSON). Returns what a
   * StoreDamage's `file` must contain to name it.
   */
  damage?: {
    document: (collection: string, id: string) => Promise<string>;
    logLine: (log: string, id: string, line: number) => Promise<string>;
  };
  cleanup: () => Promise<void>;
}

/** Names every store must refuse, as collection, log and id alike. */
const BAD_NAMES = ['../x', 'a/b', 'a\\b', '.hidden', '.', '..', '', 'x\u0000', 'a b', 'a'.repeat(129)];

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isEngineError(error, code), `expected EngineError ${code}, got ${String(error)}`).toBe(true);
}

/** The behaviour every Store has (engine/ports.ts), run by test/store/stores.test.ts against each one. */
export function storeContract(
  name: string,
  makeStore: () => Promise<StoreFixture>,
  { durable, damageable }: { durable: boolean; damageable: boolean },
): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });

    afterEach(async () => {
      await store.close();
      await fixture.cleanup();
    });

    describe('documents', () => {
      it('gets undefined for a missing document', async () => {
        expect(await store.get('cases', 'nothing')).toBeUndefined();
        await store.put('cases', 'c1', { a: 1 });
        expect(await store.get('cases', 'c2')).toBeUndefined();
        expect(await store.get('tasks', 'c1')).toBeUndefined();
      });

      it('round-trips nested objects, Chinese text and numbers', async () => {
        const value = {
          title: '质量品牌示范区创建申报',
          park: { name: '苏州工业园区', province: '江苏省', tags: ['国家级', 'A类'] },
          numbers: [0, -1, 3.14159, 1e-7, 2 ** 53 - 1, -(2 ** 31)],
          flags: { done: false, skipped: null },
          nested: [[{ deep: [{ deeper: '第三层' }] }]],
          emoji: '✅ 通过',
        };
        await store.put('cases', 'c1', value);
        expect(await store.get('cases', 'c1')).toEqual(value);
      });

      it('round-trips documents that are not objects, null included', async () => {
        await store.put('values', 'array', [1, '二', { three: 3 }]);
        await store.put('values', 'text', '文本');
        await store.put('values', 'number', 42);
        await store.put('values', 'null', null);
        expect(await store.get('values', 'array')).toEqual([1, '二', { three: 3 }]);
        expect(await store.get('values', 'text')).toBe('文本');
        expect(await store.get('values', 'number')).toBe(42);
        expect(await store.get('values', 'null')).toBeNull();
      });

      it('stores the JSON form of a value', async () => {
        const at = new Date('2025-03-01T08:00:00.000Z');
        await store.put('cases', 'c1', { at, gone: undefined, kept: 1 });
        expect(await store.get('cases', 'c1')).toStrictEqual({ at: '2025-03-01T08:00:00.000Z', kept: 1 });
      });

      it('refuses a value with no JSON form', async () => {
        await expectCode(store.put('cases', 'c1', undefined), 'validation');
        await expectCode(
          store.put('cases', 'c1', () => 1),
          'validation',
        );
        await expectCode(store.put('cases', 'c1', { big: 1n }), 'validation');
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        await expectCode(store.put('cases', 'c1', cycle), 'validation');
        expect(await store.get('cases', 'c1')).toBeUndefined();
      });

      it('replaces a document on put', async () => {
        await store.put('cases', 'c1', { version: 1, old: true });
        await store.put('cases', 'c1', { version: 2 });
        expect(await store.get('cases', 'c1')).toEqual({ version: 2 });
      });

      it('keeps the last of several puts started together', async () => {
        await Promise.all([1, 2, 3, 4, 5].map((version) => store.put('cases', 'c1', { version })));
        expect(await store.get('cases', 'c1')).toEqual({ version: 5 });
      });

      it('hands out copies: mutating a value read or written does not change the store', async () => {
        const written = { park: { name: '园区' }, list: [1, 2] };
        await store.put('cases', 'c1', written);
        written.park.name = 'changed after put';
        const read = await store.get<typeof written>('cases', 'c1');
        if (read === undefined) throw new Error('document missing');
        read.park.name = 'changed after get';
        read.list.push(3);
        expect(await store.get('cases', 'c1')).toEqual({ park: { name: '园区' }, list: [1, 2] });
      });

      it('deletes a document, and deleting a missing one is fine', async () => {
        await store.put('cases', 'c1', { a: 1 });
        await store.put('cases', 'c2', { a: 2 });
        await store.delete('cases', 'c1');
        expect(await store.get('cases', 'c1')).toBeUndefined();
        expect(await store.get('cases', 'c2')).toEqual({ a: 2 });
        await store.delete('cases', 'c1');
        await store.delete('never-used', 'c1');
        expect(await store.list('cases')).toEqual(['c2']);
      });

      it('applies a put and a delete started together in call order', async () => {
        await Promise.all([store.put('cases', 'c1', { a: 1 }), store.delete('cases', 'c1')]);
        expect(await store.get('cases', 'c1')).toBeUndefined();
        await Promise.all([store.delete('cases', 'c1'), store.put('cases', 'c1', { a: 2 })]);
        expect(await store.get('cases', 'c1')).toEqual({ a: 2 });
      });

      it('lists the ids of one collection, sorted', async () => {
        const ids = ['b', 'a-2', 'A', '10', '9', 'a.b', '_x', 'a'.repeat(128)];
        for (const id of ids) await store.put('cases', id, { id });
        await store.put('tasks', 't1', {});
        expect(await store.list('cases')).toEqual([...ids].sort());
        expect(await store.list('tasks')).toEqual(['t1']);
        expect(await store.list('never-used')).toEqual([]);
      });
    });

    describe('logs', () => {
      it('reads an empty list for a missing log', async () => {
        expect(await store.readLog('audit', 'c1')).toEqual([]);
        await store.append('audit', 'c1', [{ n: 1 }]);
        expect(await store.readLog('audit', 'c2')).toEqual([]);
      });

      it('reads entries in append order across calls', async () => {
        await store.append('audit', 'c1', [{ n: 1 }, { n: 2 }]);
        await store.append('audit', 'c1', []);
        await store.append('audit', 'c1', [{ n: 3, text: '第三条' }]);
        await store.append('audit', 'c2', [{ other: true }]);
        await store.append('audit', 'c1', [4, 'five', null]);
        expect(await store.readLog('audit', 'c1')).toEqual([
          { n: 1 },
          { n: 2 },
          { n: 3, text: '第三条' },
          4,
          'five',
          null,
        ]);
        expect(await store.readLog('audit', 'c2')).toEqual([{ other: true }]);
      });

      it('keeps call order for appends started together', async () => {
        const numbers = Array.from({ length: 50 }, (_, n) => n);
        await Promise.all(numbers.map((n) => store.append('audit', 'c1', [n])));
        expect(await store.readLog('audit', 'c1')).toEqual(numbers);
      });

      it('hands out copies of entries', async () => {
        await store.append('audit', 'c1', [{ details: { ok: true } }]);
        const [entry] = await store.readLog<{ details: { ok: boolean } }>('audit', 'c1');
        if (entry === undefined) throw new Error('entry missing');
        entry.details.ok = false;
        expect(await store.readLog('audit', 'c1')).toEqual([{ details: { ok: true } }]);
      });

      it('refuses an append with an entry that has no JSON form, appending none of it', async () => {
        await expectCode(store.append('audit', 'c1', [{ n: 1 }, undefined]), 'validation');
        expect(await store.readLog('audit', 'c1')).toEqual([]);
      });

      it('truncates a log to its first entries', async () => {
        await store.append('audit', 'c1', [1, 2, 3]);
        await store.append('audit', 'c1', [4, 5]);
        await store.truncateLog('audit', 'c1', 2);
        expect(await store.readLog('audit', 'c1')).toEqual([1, 2]);
        await store.append('audit', 'c1', [6]);
        expect(await store.readLog('audit', 'c1')).toEqual([1, 2, 6]);
        await store.truncateLog('audit', 'c1', 10);
        expect(await store.readLog('audit', 'c1')).toEqual([1, 2, 6]);
        await store.truncateLog('audit', 'c1', 0);
        expect(await store.readLog('audit', 'c1')).toEqual([]);
        await store.truncateLog('audit', 'missing', 0);
        expect(await store.readLog('audit', 'missing')).toEqual([]);
      });

      it('refuses a count that is not a whole number ≥ 0', async () => {
        await store.append('audit', 'c1', [1, 2]);
        for (const count of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
          await expectCode(store.truncateLog('audit', 'c1', count), 'validation');
        }
        expect(await store.readLog('audit', 'c1')).toEqual([1, 2]);
      });
    });

    describe('commit (transactions and optimistic concurrency)', () => {
      it('applies puts, deletes and appends of one commit, in order', async () => {
        await store.put('states', 'c1.1', { old: true });
        await store.commit([
          { kind: 'append', log: 'audit', id: 'c1', entries: [{ n: 1 }, { n: 2 }] },
          { kind: 'put', collection: 'states', id: 'c1.2', value: { step: 2 } },
          { kind: 'delete', collection: 'states', id: 'c1.1' },
          { kind: 'put', collection: 'cases', id: 'c1', value: { revision: 1, title: '申报' } },
          { kind: 'put', collection: 'cases', id: 'c1', value: { revision: 2, title: '申报（改）' } },
          { kind: 'append', log: 'audit', id: 'c1', entries: [{ n: 3 }] },
        ]);
        expect(await store.get('cases', 'c1')).toEqual({ revision: 2, title: '申报（改）' });
        expect(await store.list('states')).toEqual(['c1.2']);
        expect(await store.readLog('audit', 'c1')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
        await store.commit([]);
      });

      it('commits when the document is at the expected revision, or absent when null is expected', async () => {
        await store.commit([{ kind: 'put', collection: 'cases', id: 'c1', value: { revision: 1 } }], {
          collection: 'cases',
          id: 'c1',
          revision: null,
        });
        await store.commit(
          [
            { kind: 'append', log: 'audit', id: 'c1', entries: ['second'] },
            { kind: 'put', collection: 'cases', id: 'c1', value: { revision: 2 } },
          ],
          { collection: 'cases', id: 'c1', revision: 1 },
        );
        expect(await store.get('cases', 'c1')).toEqual({ revision: 2 });
        expect(await store.readLog('audit', 'c1')).toEqual(['second']);
      });

      it('refuses a stale writer with `conflict` and writes nothing of its commit', async () => {
        await store.put('cases', 'c1', { revision: 3, title: '第三版' });
        const stale = (revision: number | null) =>
          store.commit(
            [
              { kind: 'append', log: 'audit', id: 'c1', entries: ['lost'] },
              { kind: 'put', collection: 'states', id: 'c1.4', value: { lost: true } },
              { kind: 'delete', collection: 'cases', id: 'other' },
              { kind: 'put', collection: 'cases', id: 'c1', value: { revision: 4, title: '覆盖' } },
            ],
            { collection: 'cases', id: 'c1', revision },
          );
        await store.put('cases', 'other', { kept: true });
        await expectCode(stale(2), 'conflict');
        await expectCode(stale(null), 'conflict');
        await expectCode(
          store.commit([{ kind: 'put', collection: 'cases', id: 'c9', value: { revision: 1 } }], {
            collection: 'cases',
            id: 'c9',
            revision: 0,
          }),
          'conflict',
        );
        // A document without a number `revision` matches no expectation.
        await store.put('cases', 'plain', { title: 'no revision' });
        await expectCode(
          store.commit([{ kind: 'put', collection: 'cases', id: 'plain', value: {} }], {
            collection: 'cases',
            id: 'plain',
            revision: 0,
          }),
          'conflict',
        );
        expect(await store.get('cases', 'c1')).toEqual({ revision: 3, title: '第三版' });
        expect(await store.get('cases', 'other')).toEqual({ kept: true });
        expect(await store.get('cases', 'c9')).toBeUndefined();
        expect(await store.list('states')).toEqual([]);
        expect(await store.readLog('audit', 'c1')).toEqual([]);
      });

      it('refuses a commit with one bad write (`validation`), writing none of it', async () => {
        await store.put('cases', 'c1', { revision: 1 });
        const good = { kind: 'put', collection: 'cases', id: 'c1', value: { revision: 2 } } as const;
        await expectCode(
          store.commit([good, { kind: 'append', log: 'audit', id: 'c1', entries: [1, undefined] }]),
          'validation',
        );
        await expectCode(
          store.commit([good, { kind: 'put', collection: 'cases', id: '../x', value: {} }]),
          'validation',
        );
        await expectCode(store.commit([good, { kind: 'delete', collection: 'a/b', id: 'c1' }]), 'validation');
        await expectCode(store.commit([good], { collection: 'cases', id: '..', revision: 1 }), 'validation');
        expect(await store.get('cases', 'c1')).toEqual({ revision: 1 });
        expect(await store.readLog('audit', 'c1')).toEqual([]);
      });

      it('lets exactly one of two writers that read the same revision commit', async () => {
        await store.put('cases', 'c1', { revision: 1, by: 'nobody' });
        const write = (by: string) =>
          store
            .commit(
              [
                { kind: 'append', log: 'audit', id: 'c1', entries: [by] },
                { kind: 'put', collection: 'cases', id: 'c1', value: { revision: 2, by } },
              ],
              { collection: 'cases', id: 'c1', revision: 1 },
            )
            .then(
              () => 'ok',
              (error: unknown) => (isEngineError(error, 'conflict') ? 'conflict' : String(error)),
            );
        const outcomes = await Promise.all([write('A'), write('B')]);
        expect([...outcomes].sort()).toEqual(['conflict', 'ok']);
        const winner = outcomes[0] === 'ok' ? 'A' : 'B';
        expect(await store.get('cases', 'c1')).toEqual({ revision: 2, by: winner });
        expect(await store.readLog('audit', 'c1')).toEqual([winner]);
      });

      it('loses no update when many writers race, each retrying on conflict', async () => {
        await store.put('counters', 'k', { revision: 0, count: 0 });
        const increment = async (writer: number): Promise<number> => {
          for (let attempt = 1; ; attempt++) {
            const read = await store.get<{ revision: number; count: number }>('counters', 'k');
            if (read === undefined) throw new Error('counter missing');
            try {
              await store.commit(
                [
                  { kind: 'append', log: 'increments', id: 'k', entries: [{ writer, count: read.count + 1 }] },
                  {
                    kind: 'put',
                    collection: 'counters',
                    id: 'k',
                    value: { revision: read.revision + 1, count: read.count + 1 },
                  },
                ],
                { collection: 'counters', id: 'k', revision: read.revision },
              );
              return attempt;
            } catch (error) {
              if (!isEngineError(error, 'conflict')) throw error;
            }
          }
        };
        await Promise.all(Array.from({ length: 12 }, (_, writer) => increment(writer)));
        expect(await store.get('counters', 'k')).toEqual({ revision: 12, count: 12 });
        const log = await store.readLog<{ count: number }>('increments', 'k');
        expect(log.map((entry) => entry.count)).toEqual(Array.from({ length: 12 }, (_, n) => n + 1));
      });
    });

    it('keeps a collection and a log with the same name apart', async () => {
      await store.put('cases', 'c1', { doc: true });
      await store.append('cases', 'c1', [{ entry: true }]);
      expect(await store.get('cases', 'c1')).toEqual({ doc: true });
      expect(await store.readLog('cases', 'c1')).toEqual([{ entry: true }]);
      expect(await store.list('cases')).toEqual(['c1']);
      await store.delete('cases', 'c1');
      expect(await store.readLog('cases', 'c1')).toEqual([{ entry: true }]);
      await store.truncateLog('cases', 'c1', 0);
      await store.put('cases', 'c1', { doc: 2 });
      expect(await store.get('cases', 'c1')).toEqual({ doc: 2 });
    });

    it.each(BAD_NAMES)('refuses the name %j in every method, as collection, log and id', async (bad) => {
      const calls: [string, () => Promise<unknown>][] = [
        ['get collection', () => store.get(bad, 'ok')],
        ['get id', () => store.get('ok', bad)],
        ['put collection', () => store.put(bad, 'ok', {})],
        ['put id', () => store.put('ok', bad, {})],
        ['delete collection', () => store.delete(bad, 'ok')],
        ['delete id', () => store.delete('ok', bad)],
        ['list collection', () => store.list(bad)],
        ['append log', () => store.append(bad, 'ok', [1])],
        ['append id', () => store.append('ok', bad, [1])],
        ['append id, no entries', () => store.append('ok', bad, [])],
        ['readLog log', () => store.readLog(bad, 'ok')],
        ['readLog id', () => store.readLog('ok', bad)],
        ['truncateLog log', () => store.truncateLog(bad, 'ok', 0)],
        ['truncateLog id', () => store.truncateLog('ok', bad, 0)],
      ];
      for (const [what, call] of calls) {
        const error: unknown = await call().then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(isEngineError(error, 'validation'), what).toBe(true);
      }
      expect(await store.list('ok')).toEqual([]);
      expect(await store.readLog('ok', 'ok')).toEqual([]);
    });

    // Only a store that keeps data beyond the object has this test (declared, not skipped, per store).
    if (durable)
      it('keeps documents and logs across a reopen', async () => {
        const { reopen } = fixture;
        if (reopen === undefined) throw new Error(`${name}: a durable store's fixture must say how to reopen it`);
        await store.put('cases', 'c1', { title: '申报' });
        await store.put('cases', 'c2', { title: '复核' });
        await store.delete('cases', 'c2');
        await store.append('audit', 'c1', [1, 2, 3]);
        await store.truncateLog('audit', 'c1', 2);
        // Not awaited: close() is what waits for it.
        void store.put('cases', 'c3', { late: true });
        void store.append('audit', 'c1', [4]);
        await store.close();

        const again = await reopen();
        try {
          expect(await again.get('cases', 'c1')).toEqual({ title: '申报' });
          expect(await again.get('cases', 'c3')).toEqual({ late: true });
          expect(await again.list('cases')).toEqual(['c1', 'c3']);
          expect(await again.readLog('audit', 'c1')).toEqual([1, 2, 4]);
        } finally {
          await again.close();
        }
      });

    // A store whose records cannot be torn (PostgreSQL's JSONB rows) has no `damaged` to report.
    if (damageable)
      it('reports a damaged document or log as `damaged`, naming it, and keeps the rest readable', async () => {
        const { damage } = fixture;
        if (damage === undefined) throw new Error(`${name}: a durable store's fixture must say how to damage it`);
        await store.put('cases', 'c1', { title: '申报' });
        await store.put('cases', 'c2', { title: '复核' });
        await store.append('audit', 'c1', [1, 2, 3]);
        await store.append('audit', 'c2', [1]);
        const documentFile = await damage.document('cases', 'c1');
        const logFile = await damage.logLine('audit', 'c1', 2);

        const documentError: unknown = await store.get('cases', 'c1').catch((error: unknown) => error);
        expect(damageOf(documentError)).toMatchObject({ name: 'cases', id: 'c1' });
        expect(damageOf(documentError)?.file).toContain(documentFile);
        const logError: unknown = await store.readLog('audit', 'c1').catch((error: unknown) => error);
        expect(damageOf(logError)).toMatchObject({ name: 'audit', id: 'c1', line: 2 });
        expect(damageOf(logError)?.file).toContain(logFile);

        expect(await store.list('cases')).toEqual(['c1', 'c2']);
        expect(await store.get('cases', 'c2')).toEqual({ title: '复核' });
        expect(await store.readLog('audit', 'c2')).toEqual([1]);
        // A damaged document can be replaced whole (recovery from a backup goes this way).
        await store.put('cases', 'c1', { title: '恢复' });
        expect(await store.get('cases', 'c1')).toEqual({ title: '恢复' });
      });
  });
}
