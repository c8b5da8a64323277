import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/ports.js';
import { PostgresStore } from '../../engine/store/postgres/postgres-store.js';
import { DraftService } from '../../server/drafts/drafts.js';
import { definitionsWithRevisions } from '../support/definitions-fixture.js';
import { freshSchema, postgresAvailable, POSTGRES_URL } from '../support/postgres.js';
import { PROCESS, ServerHarness, VERSION, withUsers, type ApiResponse } from './harness.js';

interface Draft {
  id: string;
  title: string;
  files: Record<string, string>;
  revision: number;
  updatedBy?: string;
  pendingPublication?: { version: string; requestedBy: string };
  publishedAs?: string;
  refusal?: { reason: string };
}

const BASIS = {
  title: '市场监管总局办公厅关于调整全国质量品牌提升示范区创建期的通知',
  documentNumber: '市监质发〔2024〕21号',
  issuedOn: '2024-04-01',
  url: 'https://www.samr.gov.cn/zw/zfxxgk/fdzdgknr/zljds/art/2024/art_21.html',
};

const error = (answer: ApiResponse) => (answer.body as { error: { code: string; message: string } }).error;

/**
 * Holds the next read of draft `id` until released: the step that read it is paused between its read
 * and its write, so another step can come between them, as two requests (or processes) at once do.
 */
function holdNextRead(store: Store, id: string): { read: Promise<void>; release: () => void } {
  const get = store.get.bind(store);
  const signals: { read?: () => void; release?: () => void } = {};
  const read = new Promise<void>((resolve) => {
    signals.read = resolve;
  });
  const released = new Promise<void>((resolve) => {
    signals.release = resolve;
  });
  store.get = async <T>(collection: string, key: string): Promise<T | undefined> => {
    const value = await get<T>(collection, key);
    if (collection === 'drafts' && key === id) {
      store.get = get;
      signals.read?.();
      await released;
    }
    return value;
  };
  return { read, release: () => signals.release?.() };
}

const stores: [string, () => Promise<{ store?: 'memory' | 'lowdb' | Store; drop?: () => Promise<void> }>][] = [
  ['memory', () => Promise.resolve({ store: 'memory' })],
  ['lowdb', () => Promise.resolve({ store: 'lowdb' })],
];
if (await postgresAvailable())
  stores.push([
    'PostgreSQL',
    async () => {
      const { schema, drop } = await freshSchema();
      return { store: await PostgresStore.open({ connectionString: POSTGRES_URL, schema, poolSize: 4 }), drop };
    },
  ]);

/**
 * Every write of a draft names the revision it read (and, from a page, the one the page shows): no
 * step — a save, a rename, a request to publish, an approval, a deletion — loses another's write or
 * acts on content its officer has not seen.
 */
describe.each(stores)('draft steps, each on the revision it read (%s store)', (_name, open) => {
  let h: ServerHarness;
  let cleanup: () => Promise<void>;
  let drop: (() => Promise<void>) | undefined;
  const token = (user = 'policy') => h.token(user);
  const draftOf = async (id: string) => (await h.api.get(`/api/drafts/${id}`, { token: token() })).body as Draft;
  const create = async () =>
    (await h.api.post('/api/drafts', { token: token(), body: { process: PROCESS, from: VERSION } })).body as Draft;
  const save = (id: string, text: string, revision?: number, user = 'policy') =>
    h.api.call('put', `/api/drafts/${id}/files`, {
      token: token(user),
      body: { path: 'manifest.json', text, ...(revision !== undefined && { revision }) },
    });
  /** The draft's manifest with `words` added to its title (a valid edit). */
  const edited = (draft: Draft, words: string) => {
    const manifest = JSON.parse(draft.files['manifest.json'] ?? '{}') as { title: string };
    return `${JSON.stringify({ ...manifest, title: `${manifest.title}（${words}）` }, null, 2)}\n`;
  };
  const publish = (id: string, version: string, draftRevision?: number) =>
    h.api.post(`/api/drafts/${id}/publish`, {
      token: token(),
      body: { version, effectiveFrom: version, revision: BASIS, ...(draftRevision !== undefined && { draftRevision }) },
    });
  const versions = async () => readdir(join(h.engine.definitions.root, PROCESS));
  /**
   * A request to publish as `version`, read by policy2 at revision `seen`; meanwhile policy withdraws
   * it, changes the draft and asks again (three writes since `seen`).
   */
  const askedAgainUnseen = async (version: string) => {
    const draft = await create();
    expect((await publish(draft.id, version, 0)).status).toBe(202);
    const seen = (await draftOf(draft.id)).revision;
    expect((await h.api.post(`/api/drafts/${draft.id}/withdraw`, { token: token() })).status).toBe(200);
    expect((await save(draft.id, edited(draft, '第二人没有看过的修改'), seen + 1)).status).toBe(200);
    expect((await publish(draft.id, version, seen + 2)).status).toBe(202);
    return { draft, seen };
  };

  beforeAll(async () => {
    const fixture = await definitionsWithRevisions([]);
    for (const dir of ['calendars', 'directory'])
      await cp(join('definitions', dir), join(fixture.root, dir), { recursive: true });
    cleanup = fixture.cleanup;
    const opened = await open();
    drop = opened.drop;
    h = await ServerHarness.create({ definitionsRoot: fixture.root, ...(opened.store && { store: opened.store }) });
    await withUsers(h, ['policy']);
    await h.user('policy2', ['policy-admin']);
    // Messages name officers as people know them, not by account.
    for (const [user, displayName] of [
      ['policy', '李政策'],
      ['policy2', '王政策'],
    ] as const) {
      const named = await h.api.patch(`/api/users/${user}`, { token: h.adminToken, body: { displayName } });
      expect(named.status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await h.close();
    await cleanup();
    await drop?.();
  });

  it('a rename that read the draft before a file save is refused (409): the save is kept', async () => {
    const draft = await create();
    const held = holdNextRead(h.store, draft.id);
    const renaming = h.api.patch(`/api/drafts/${draft.id}`, { token: token('policy2'), body: { title: '改名' } });
    await held.read;
    const text = edited(draft, '另一窗口保存的修改');
    expect((await save(draft.id, text, 0)).status).toBe(200);
    held.release();
    const renamed = await renaming;
    expect(renamed.status).toBe(409);
    expect(error(renamed).message).toBe('此草稿已在其他窗口或由他人修改（第 1 次保存），请重新加载后再改');
    expect(await draftOf(draft.id)).toMatchObject({ revision: 1, files: { 'manifest.json': text } });
  });

  it('a rename from a page loaded before another save is refused; from the current one it counts as a write', async () => {
    const draft = await create();
    expect((await save(draft.id, edited(draft, '一'), 0)).status).toBe(200);
    const stale = await h.api.patch(`/api/drafts/${draft.id}`, {
      token: token(),
      body: { title: '新名', revision: 0 },
    });
    expect(stale.status).toBe(409);
    expect((await draftOf(draft.id)).title).toBe(draft.title);
    const renamed = await h.api.patch(`/api/drafts/${draft.id}`, {
      token: token('policy2'),
      body: { title: '新名', revision: 1 },
    });
    expect(renamed.body).toMatchObject({ title: '新名', revision: 2, updatedBy: 'policy2' });
    // A page that saw revision 1 saves no more unseen over the rename.
    expect((await save(draft.id, edited(draft, '二'), 1)).status).toBe(409);
  });

  it('a file save that read the draft before a request to publish is refused: the request stands, unchanged', async () => {
    const draft = await create();
    const held = holdNextRead(h.store, draft.id);
    const saving = save(draft.id, edited(draft, '申请之后才到的修改'));
    await held.read;
    expect((await publish(draft.id, '2024-05-01', 0)).status).toBe(202);
    held.release();
    expect((await saving).status).toBe(409);
    const after = await draftOf(draft.id);
    expect(after.pendingPublication).toMatchObject({ version: '2024-05-01', requestedBy: 'policy' });
    expect(after.files['manifest.json']).toBe(draft.files['manifest.json']);
    expect((await h.api.post(`/api/drafts/${draft.id}/withdraw`, { token: token() })).status).toBe(200);
  });

  it('a request to publish from a page loaded before a file save is refused (409, said in Chinese): nothing is asked for', async () => {
    const draft = await create();
    expect((await save(draft.id, edited(draft, '另一位处长的修改'), 0, 'policy2')).status).toBe(200);
    const stale = await publish(draft.id, '2024-05-02', 0);
    expect(stale.status).toBe(409);
    expect(error(stale)).toEqual({
      code: 'conflict',
      message:
        '您打开此页后，此草稿已被 王政策 修改（您看到的是第 0 次保存，现为第 1 次）：发布申请未提交。请重新加载，核对修改后再申请发布',
    });
    expect((await draftOf(draft.id)).pendingPublication).toBeUndefined();
    // Reloaded, the same request names revision 1; the request is a write too (2).
    expect((await publish(draft.id, '2024-05-02', 1)).status).toBe(202);
    expect((await draftOf(draft.id)).revision).toBe(2);
    expect((await h.api.post(`/api/drafts/${draft.id}/withdraw`, { token: token() })).status).toBe(200);
  });

  it('an approval from a page showing a request since withdrawn, changed and asked for again is refused; the one read is approved', async () => {
    const { draft, seen } = await askedAgainUnseen('2024-06-01');
    const approve = (draftRevision: number) =>
      h.api.post(`/api/drafts/${draft.id}/approve`, { token: token('policy2'), body: { draftRevision } });
    const stale = await approve(seen);
    expect(stale.status).toBe(409);
    expect(error(stale).message).toBe(
      `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 李政策 重新提交的申请（发布为 2024-06-01，第 ${String(seen + 3)} 次保存；您看到的是第 ${String(seen)} 次）：为免批准未看过的内容，本次未批准。请重新加载，查看申请与差异后再批准`,
    );
    expect(await versions()).not.toContain('2024-06-01');
    const approved = await approve(seen + 3);
    expect(approved.status).toBe(201);
    expect(await versions()).toContain('2024-06-01');
    expect(await draftOf(draft.id)).toMatchObject({ publishedAs: '2024-06-01', updatedBy: 'policy2' });
  });

  it('a refusal (退回) from a page showing a request since withdrawn, changed and asked for again is refused; the one read is returned', async () => {
    const { draft, seen } = await askedAgainUnseen('2024-06-02');
    const refuse = (draftRevision: unknown) =>
      h.api.post(`/api/drafts/${draft.id}/refuse`, {
        token: token('policy2'),
        body: { reason: '依据文号有误', draftRevision },
        request: typeof draftRevision === 'number' ? 'valid' : 'invalid',
      });
    const stale = await refuse(seen);
    expect(stale.status).toBe(409);
    expect(error(stale)).toEqual({
      code: 'conflict',
      message: `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 李政策 重新提交的申请（发布为 2024-06-02，第 ${String(seen + 3)} 次保存；您看到的是第 ${String(seen)} 次）：为免退回未看过的申请，本次未退回。请重新加载，查看申请与差异后再决定`,
    });
    expect(await draftOf(draft.id)).toMatchObject({
      revision: seen + 3,
      pendingPublication: { version: '2024-06-02' },
    });
    expect((await refuse('x')).status).toBe(422);
    const returned = await refuse(seen + 3);
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      revision: seen + 4,
      updatedBy: 'policy2',
      refusal: { reason: '依据文号有误', refusedBy: 'policy2', refusedByName: '王政策' },
      createdBy: 'policy',
      createdByName: '李政策',
    });
    expect(await draftOf(draft.id)).not.toHaveProperty('pendingPublication');
  });

  it('a refusal that read the request before another process withdrew it is refused: nothing is returned', async () => {
    const draft = await create();
    expect((await publish(draft.id, '2024-06-03', 0)).status).toBe(202);
    const shown = (await draftOf(draft.id)).revision;
    const held = holdNextRead(h.store, draft.id);
    const refusing = h.api.post(`/api/drafts/${draft.id}/refuse`, {
      token: token('policy2'),
      body: { reason: '理由', draftRevision: shown },
    });
    await held.read;
    // Another process (its publication steps do not queue behind this one's) withdraws and asks again.
    const elsewhere = new DraftService(h.engine, h.store);
    await elsewhere.withdrawPublication(draft.id, 'policy');
    held.release();
    expect((await refusing).status).toBe(409);
    await elsewhere.close();
    const after = await draftOf(draft.id);
    expect(after).not.toHaveProperty('refusal');
    expect(after.revision).toBe(shown + 1);
  });

  it('a refusal from a page on a draft deleted since says so (409)', async () => {
    const draft = await create();
    expect((await h.api.delete(`/api/drafts/${draft.id}?revision=0`, { token: token() })).status).toBe(204);
    const late = await h.api.post(`/api/drafts/${draft.id}/refuse`, {
      token: token('policy2'),
      body: { reason: '理由', draftRevision: 1 },
    });
    expect(late.status).toBe(409);
    expect(error(late).message).toContain('已被 李政策 删除');
  });

  it('a withdrawal (撤回) from a page showing a request since returned, corrected and asked for again is refused; the one read is withdrawn', async () => {
    const draft = await create();
    expect((await publish(draft.id, '2024-06-04', 0)).status).toBe(202);
    const seen = (await draftOf(draft.id)).revision;
    // While the requester's first window shows the request, policy2 returns it and the requester, in
    // another window, corrects the draft and asks again.
    const returned = await h.api.post(`/api/drafts/${draft.id}/refuse`, {
      token: token('policy2'),
      body: { reason: '文号有误', draftRevision: seen },
    });
    expect(returned.status).toBe(200);
    expect((await save(draft.id, edited(draft, '第一个窗口没有看过的修改'), seen + 1)).status).toBe(200);
    expect((await publish(draft.id, '2024-06-04', seen + 2)).status).toBe(202);
    const withdraw = (draftRevision: unknown) =>
      h.api.post(`/api/drafts/${draft.id}/withdraw`, {
        token: token(),
        body: { draftRevision },
        request: Number.isSafeInteger(draftRevision) && (draftRevision as number) >= 0 ? 'valid' : 'invalid',
      });
    const stale = await withdraw(seen);
    expect(stale.status).toBe(409);
    expect(error(stale)).toEqual({
      code: 'conflict',
      message: `您打开此页后，此发布申请已被撤回或退回，草稿可能已被修改；现在等待批准的是 李政策 重新提交的申请（发布为 2024-06-04，第 ${String(seen + 3)} 次保存；您看到的是第 ${String(seen)} 次）：为免撤回未看过的申请，本次未撤回。请重新加载，查看申请后再决定是否撤回`,
    });
    expect(await draftOf(draft.id)).toMatchObject({
      revision: seen + 3,
      pendingPublication: { version: '2024-06-04' },
    });
    expect((await withdraw(-1)).status).toBe(422);
    // Another officer still may not withdraw it, whatever page they have.
    const other = await h.api.post(`/api/drafts/${draft.id}/withdraw`, {
      token: token('policy2'),
      body: { draftRevision: seen + 3 },
    });
    expect(other.status).toBe(403);
    const withdrawn = await withdraw(seen + 3);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ revision: seen + 4, updatedBy: 'policy' });
    expect(await draftOf(draft.id)).not.toHaveProperty('pendingPublication');
  });

  it('a withdrawal from a page on a draft deleted since says who deleted it (409); without a revision, 404', async () => {
    const draft = await create();
    expect((await h.api.delete(`/api/drafts/${draft.id}?revision=0`, { token: token('policy2') })).status).toBe(204);
    const late = await h.api.post(`/api/drafts/${draft.id}/withdraw`, {
      token: token(),
      body: { draftRevision: 1 },
    });
    expect(late.status).toBe(409);
    expect(error(late).message).toContain('已被 王政策 删除');
    expect((late.body as { deleted?: unknown }).deleted).toMatchObject({ by: 'policy2' });
    expect((await h.api.post(`/api/drafts/${draft.id}/withdraw`, { token: token() })).status).toBe(404);
  });

  it('an approval whose request is withdrawn by another process meanwhile publishes nothing', async () => {
    const draft = await create();
    expect((await publish(draft.id, '2024-07-01', 0)).status).toBe(202);
    // Another server process on the same store: its publication steps do not queue behind this one's.
    const elsewhere = new DraftService(h.engine, h.store);
    const held = holdNextRead(h.store, draft.id);
    const approving = h.api.post(`/api/drafts/${draft.id}/approve`, { token: token('policy2') });
    await held.read;
    await elsewhere.withdrawPublication(draft.id, 'policy');
    held.release();
    expect((await approving).status).toBe(409);
    await elsewhere.close();
    expect(await versions()).not.toContain('2024-07-01');
    expect(h.engine.definitions.list(PROCESS).map((version) => version.definition.manifest.version)).not.toContain(
      '2024-07-01',
    );
    expect(await draftOf(draft.id)).not.toHaveProperty('publishedAs');
  });

  it('a save after the draft was deleted (another tab) says so, 409, and does not bring it back', async () => {
    const draft = await create();
    expect((await h.api.delete(`/api/drafts/${draft.id}`, { token: token('policy2') })).status).toBe(204);
    const late = await save(draft.id, edited(draft, '删除之后'), 0);
    expect(late.status).toBe(409);
    // Who deleted it is said, and marked for the page (it offers a way out instead of 重新加载).
    // What happened only: whether edits were lost and where to go is the page's to say.
    expect(error(late).message).toBe('此草稿已被 王政策 删除，本次操作未执行');
    expect((late.body as { deleted?: unknown }).deleted).toMatchObject({ by: 'policy2' });
    // Without a revision (a script) it is simply unknown.
    expect((await save(draft.id, edited(draft, '删除之后'))).status).toBe(404);

    // Deleted between a save's read and its write: the save is refused, the draft stays deleted.
    const other = await create();
    const held = holdNextRead(h.store, other.id);
    const saving = save(other.id, edited(other, '删除之前读到的'), 0);
    await held.read;
    expect((await h.api.delete(`/api/drafts/${other.id}`, { token: token('policy2') })).status).toBe(204);
    held.release();
    expect(error(await saving).message).toContain('已被 王政策 删除');
    expect((await h.api.get(`/api/drafts/${other.id}`, { token: token() })).status).toBe(404);
  });

  it('a draft read again after its deletion (a page’s 重新加载) is not found, said with who deleted it (404)', async () => {
    const draft = await create();
    expect((await h.api.delete(`/api/drafts/${draft.id}?revision=0`, { token: token('policy2') })).status).toBe(204);
    const gone = await h.api.get(`/api/drafts/${draft.id}`, { token: token() });
    expect(gone.status).toBe(404);
    expect(error(gone)).toEqual({ code: 'not-found', message: `草稿「${draft.title}」已被 王政策 删除` });
    expect((gone.body as { deleted?: unknown }).deleted).toMatchObject({ by: 'policy2' });
    // A draft that never was is simply unknown.
    const never = await h.api.get('/api/drafts/d_never-was', { token: token() });
    expect(never.status).toBe(404);
    expect(never.body).not.toHaveProperty('deleted');
  });

  it('a deletion from a list shown before a save is refused; from the current one it goes', async () => {
    const draft = await create();
    expect((await save(draft.id, edited(draft, '列表之后的修改'), 0)).status).toBe(200);
    expect((await h.api.delete(`/api/drafts/${draft.id}?revision=0`, { token: token() })).status).toBe(409);
    expect((await h.api.delete(`/api/drafts/${draft.id}?revision=x`, { token: token() })).status).toBe(422);
    expect((await h.api.delete(`/api/drafts/${draft.id}?revision=1`, { token: token() })).status).toBe(204);
  });
});
