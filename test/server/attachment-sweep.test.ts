import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import type { Store } from '../../engine/ports.js';
import { LowdbStore, MemoryStore } from '../../engine/store/index.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { sweepUnlinked, UnlinkedSweeper, type SweepResult } from '../../server/attachment-sweep.js';
import { AttachmentStore, bytesName, type AttachmentMeta } from '../../server/attachments.js';
import { freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';
import { tinyPdf } from '../support/tiny-pdf.js';
import { PROCESS, ServerHarness, withUsers } from './harness.js';

const HOUR = 60 * 60_000;
/** No form draft cites anything here (drafts keeping uploads: form-drafts-over-http). */
const NONE: ReadonlySet<string> = new Set();
const T0 = new Date('2024-04-01T00:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

/** Two server processes' attachment stores on one database (or one store) and one attachment folder. */
interface Shared {
  first: AttachmentStore;
  second: AttachmentStore;
  store: Store;
  close: () => Promise<void>;
}

async function sharing(open: () => Promise<Store[]>): Promise<Shared> {
  const dir = await mkdtemp(join(tmpdir(), 'qbz-sweep-'));
  const stores = await open();
  const store = stores[0];
  if (store === undefined) throw new Error('no store');
  const other = stores[1] ?? store;
  return {
    first: new AttachmentStore(dir, store, 1024 * 1024, 24 * HOUR),
    second: new AttachmentStore(dir, other, 1024 * 1024, 24 * HOUR),
    store,
    close: async () => {
      for (const each of new Set(stores)) await each.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function readable(attachments: AttachmentStore, meta: AttachmentMeta | undefined): Promise<boolean> {
  if (meta === undefined) return false;
  return attachments.content(meta).then(
    () => true,
    () => false,
  );
}

/** The sweep's promises, against each store (PostgreSQL: two stores, as two processes would have). */
function sweepContract(name: string, open: () => Promise<Store[]>): void {
  describe(`sweeping unlinked uploads (${name})`, () => {
    let shared: Shared;
    afterEach(async () => {
      await shared.close();
    });

    it('deletes uploads on no case older than the age kept, with their files; keeps the rest', async () => {
      shared = await sharing(open);
      const { first: attachments, store } = shared;
      const abandoned = await attachments.save(tinyPdf('abandoned'), 'a.pdf', 'park1', T0);
      const linked = await attachments.save(tinyPdf('linked'), 'b.pdf', 'park1', T0);
      await attachments.link('case-1', { plan: linked.id });
      const young = await attachments.save(tinyPdf('young'), 'c.pdf', 'park1', at(20));
      // Same bytes as the linked one: the record goes, the file stays.
      const twin = await attachments.save(tinyPdf('linked'), 'd.pdf', 'park2', T0);
      // A record from before revisions is never swept.
      const before = { ...(await attachments.save(tinyPdf('before'), 'e.pdf', 'park1', T0)) };
      delete before.revision;
      await store.put('attachments', before.id, before);

      expect(await sweepUnlinked(attachments, at(25), NONE)).toEqual({ records: 2, files: 1 });
      expect(await attachments.meta(abandoned.id)).toBeUndefined();
      expect(await attachments.meta(twin.id)).toBeUndefined();
      expect(await readable(attachments, abandoned)).toBe(false);
      for (const kept of [linked, young, before])
        expect(await readable(attachments, await attachments.meta(kept.id)), kept.name).toBe(true);

      expect(await sweepUnlinked(attachments, at(45), NONE)).toEqual({ records: 1, files: 1 });
      expect(await attachments.meta(young.id)).toBeUndefined();
      expect((await attachments.meta(linked.id))?.cases).toEqual(['case-1']);
    });

    it('keeps an old upload a submission cites meanwhile (held), for the age kept from then', async () => {
      shared = await sharing(open);
      const { first: attachments } = shared;
      const cited = await attachments.save(tinyPdf('cited'), 'a.pdf', 'park1', T0);
      expect((await attachments.hold(cited, at(5)))?.heldAt).toBeUndefined(); // young: nothing written
      expect((await attachments.hold(cited, at(23)))?.heldAt).toBe(at(23).toISOString());
      expect(await sweepUnlinked(attachments, at(25), NONE)).toEqual({ records: 0, files: 0 });
      expect(await sweepUnlinked(attachments, at(47), NONE)).toEqual({ records: 1, files: 1 });
      expect(await attachments.hold(cited, at(48))).toBeUndefined();
    });

    it('never deletes an upload linked while two processes sweep; fresh identical uploads keep their bytes', async () => {
      shared = await sharing(open);
      const { first, second } = shared;
      const old: AttachmentMeta[] = [];
      for (let index = 0; index < 48; index += 1) {
        const by = index % 2 === 0 ? first : second;
        old.push(await by.save(tinyPdf(`content ${index % 12}`), `${index}.pdf`, 'park1', T0));
      }
      const toLink = old.filter((_meta, index) => index % 3 !== 0);
      const linked: string[] = [];
      const fresh: AttachmentMeta[] = [];
      const swept: SweepResult[] = [];
      await Promise.all([
        ...toLink.map(async (meta, index) => {
          linked.push(...(await (index % 2 === 0 ? second : first).link(`case-${index}`, { plan: meta.id })));
        }),
        sweepUnlinked(first, at(25), NONE).then((result) => swept.push(result)),
        sweepUnlinked(second, at(25), NONE).then((result) => swept.push(result)),
        ...Array.from({ length: 12 }, async (_, index) => {
          fresh.push(await first.save(tinyPdf(`content ${index}`), `new ${index}.pdf`, 'park2', at(25)));
        }),
      ]);
      swept.push(await sweepUnlinked(second, at(25), NONE));

      expect(linked.length).toBeGreaterThan(0);
      for (const id of linked) {
        const meta = await first.meta(id);
        expect(meta?.cases, id).toHaveLength(1);
        expect(await readable(first, meta), id).toBe(true);
      }
      for (const meta of fresh) expect(await readable(second, await second.meta(meta.id)), meta.name).toBe(true);
      for (const meta of old.filter((each) => !linked.includes(each.id)))
        expect(await first.meta(meta.id), meta.name).toBeUndefined();
      // Every record removed once, and no file left over or moved aside.
      expect(swept.reduce((sum, result) => sum + result.records, 0)).toBe(old.length - linked.length);
      const { records } = await first.records();
      expect((await readdir(first.filesDir)).sort()).toEqual([...new Set(records.map(bytesName))].sort());
    });
  });
}

/** A store whose writes of upload records wait while `held` is set: an upload caught between its file and its record. */
class HeldRecords extends MemoryStore {
  held: Promise<void> | undefined;

  override async put(collection: string, id: string, value: unknown): Promise<void> {
    if (collection === 'attachments' && this.held !== undefined) await this.held;
    return super.put(collection, id, value);
  }
}

describe('an identical upload saved while a sweep takes the same bytes away', () => {
  it('ends with its bytes: its record stored, it writes them again', async () => {
    const store = new HeldRecords();
    const shared = await sharing(() => Promise.resolve([store]));
    const attachments = shared.first;
    await attachments.save(tinyPdf('same'), 'old.pdf', 'park1', T0);
    let release: () => void = () => undefined;
    store.held = new Promise((resolve) => {
      release = resolve;
    });
    const saving = attachments.save(tinyPdf('same'), 'new.pdf', 'park2', at(25));
    await new Promise((resolve) => setTimeout(resolve, 100)); // its file is written, its record waits
    // The sweep sees no record naming the bytes but the old one's, which it deletes: the file goes.
    expect(await sweepUnlinked(attachments, at(25), NONE)).toEqual({ records: 1, files: 1 });
    store.held = undefined;
    release();
    const saved = await saving;
    expect(await readable(attachments, await attachments.meta(saved.id))).toBe(true);
    await shared.close();
  });
});

describe('an upload body left behind (a process killed while one came)', () => {
  it('is removed once a day old on the machine’s clock; one still coming stays', async () => {
    const shared = await sharing(() => Promise.resolve([new MemoryStore()]));
    const { filesDir } = shared.first;
    await mkdir(filesDir, { recursive: true });
    const left = join(filesDir, 'incoming.4242.00aa11bb22cc33dd.part');
    const coming = join(filesDir, 'incoming.4242.44ee55ff6677aabb.part');
    await writeFile(left, 'half a file');
    await writeFile(coming, 'a file on its way');
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR);
    await utimes(left, twoDaysAgo, twoDaysAgo);
    // The sweep's own clock (a rehearsal's, years on) does not decide: a body comes in hours at most.
    await sweepUnlinked(shared.first, new Date(Date.now() + 1000 * 24 * HOUR), NONE);
    expect((await readdir(filesDir)).filter((name) => name.startsWith('incoming.'))).toEqual([
      'incoming.4242.44ee55ff6677aabb.part',
    ]);
    await shared.close();
  });
});

describe('an upload whose record fails while an identical one is saved beside it', () => {
  it('leaves the bytes the other one stored, and no record of its own', async () => {
    let fail: () => void = () => undefined;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    class OneFails extends MemoryStore {
      override async put(collection: string, id: string, value: unknown): Promise<void> {
        if (collection === 'attachments' && (value as AttachmentMeta).name === 'fails.pdf') {
          await failing;
          throw Object.assign(new Error('EIO: the record could not be written'), { code: 'EIO' });
        }
        return super.put(collection, id, value);
      }
    }
    const shared = await sharing(() => Promise.resolve([new OneFails()]));
    const attachments = shared.first;
    const failed = attachments.save(tinyPdf('same'), 'fails.pdf', 'park1', T0);
    const stored = await attachments.save(tinyPdf('same'), 'stored.pdf', 'park2', T0);
    fail();
    await expect(failed).rejects.toThrow(/EIO/);
    expect(await readable(attachments, stored)).toBe(true);
    expect((await attachments.records()).records).toEqual([stored]);
    expect(await readdir(attachments.filesDir)).toEqual([bytesName(stored)]);
    await shared.close();
  });
});

describe('bytes no record names (their record never written: a process killed between the two)', () => {
  it('are removed once a day old on the machine’s clock; bytes a record names, and fresh ones, stay', async () => {
    const shared = await sharing(() => Promise.resolve([new MemoryStore()]));
    const attachments = shared.first;
    const { filesDir } = attachments;
    const named = await attachments.save(tinyPdf('named'), 'a.pdf', 'park1', T0);
    await attachments.link('case-1', { plan: named.id });
    const orphan = join(filesDir, 'a'.repeat(64));
    const fresh = join(filesDir, 'b'.repeat(64));
    await writeFile(orphan, 'bytes whose record was never written');
    await writeFile(fresh, 'bytes whose record is being written');
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR);
    for (const path of [orphan, join(filesDir, bytesName(named))]) await utimes(path, twoDaysAgo, twoDaysAgo);
    // The sweep's own clock (a rehearsal's, years on) does not decide: a save takes milliseconds.
    expect(await sweepUnlinked(attachments, new Date(Date.now() + 1000 * 24 * HOUR), NONE)).toEqual({
      records: 0,
      files: 1,
    });
    expect((await readdir(filesDir)).sort()).toEqual([bytesName(named), 'b'.repeat(64)].sort());
    expect(await readable(attachments, named)).toBe(true);
    await shared.close();
  });
});

sweepContract('MemoryStore', () => Promise.resolve([new MemoryStore()]));
sweepContract('LowdbStore', async () => [new LowdbStore(await mkdtemp(join(tmpdir(), 'qbz-sweep-store-')))]);

const postgresUp = await postgresAvailable();
if (postgresUp) {
  const schemas: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of schemas) await drop();
  });
  sweepContract('PostgresStore, two processes', async () => {
    const { schema, drop } = await freshSchema();
    schemas.push(drop);
    const open = () => PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 });
    const first = await open();
    return [first, await open()];
  });
}

describe('the server sweeps what no submission took up', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create({ store: 'lowdb' });
    await withUsers(h, ['park1', 'park2']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('an upload a completed task cites stays; one left on no case goes, on the sweeper’s timer', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    const caseId = (started.body as CaseView).id;
    const task = await h.task('park1', caseId, 'submitCreationApplication');
    const data = await h.withUploads('park1', await h.example(task.formKey, { parkType: 'industry' }));
    const abandoned = await h.api.post('/api/attachments', {
      token: h.token('park1'),
      raw: tinyPdf('never sent'),
      headers: { 'X-File-Name': 'draft.pdf' },
    });
    const done = await h.api.post(`/api/tasks/${task.ref}/complete`, { token: h.token('park1'), body: { data } });
    expect(done.status).toBe(200);

    const reports: (SweepResult | Error)[] = [];
    const day = new Date(h.clock.now().getTime() + 25 * HOUR);
    const sweeper = new UnlinkedSweeper(
      h.attachments,
      () => day,
      20,
      (result) => reports.push(result),
      () => Promise.resolve(new Set()),
    );
    sweeper.start(5);
    await expect.poll(() => reports.length).toBeGreaterThan(0);
    await sweeper.stop();
    expect(reports[0]).toEqual({ records: 1, files: 1 });

    const id = (abandoned.body as { id: string }).id;
    expect((await h.api.get(`/api/attachments/${id}/meta`, { token: h.token('park1') })).status).toBe(404);
    const cited = [...new Set(JSON.stringify(data).match(/\b[0-9a-f]{64}\b/g) ?? [])];
    expect(cited.length).toBeGreaterThan(0);
    for (const file of cited) {
      const download = await h.api.get(`/api/attachments/${file}`, { token: h.token('park1') });
      expect(download.status, file).toBe(200);
    }
  });

  it('an old upload a submission cites is held from the sweep while the submission is under way', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const task = await h.task('park2', (started.body as CaseView).id, 'submitCreationApplication');
    const data = await h.withUploads('park2', await h.example(task.formKey, { parkType: 'industry' }));
    const uploadedAt = h.clock.now().getTime();
    await h.advanceTo(new Date(uploadedAt + 23 * HOUR).toISOString());
    const preview = await h.api.post(`/api/tasks/${task.ref}/preview`, { token: h.token('park2'), body: { data } });
    expect(preview.status).toBe(200);
    // A day after the upload, but two hours after the citation: kept.
    await sweepUnlinked(h.attachments, new Date(uploadedAt + 25 * HOUR), NONE);
    const done = await h.api.post(`/api/tasks/${task.ref}/complete`, { token: h.token('park2'), body: { data } });
    expect(done.status, done.text).toBe(200);
  });
});
