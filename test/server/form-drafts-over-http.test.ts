import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { sweepUnlinked } from '../../server/attachment-sweep.js';
import { FormDrafts, type FormDraft } from '../../server/form-drafts.js';
import { CHINESE, PROCESS, ServerHarness, tinyPdf, withUsers } from './harness.js';

const HOUR = 60 * 60_000;

interface Refusal {
  error: { code: string; message: string };
  errors?: { path: string; message: string }[];
}

describe.each(['memory', 'lowdb'] as const)(
  '保存草稿: a form saved on the server to finish later (%s store)',
  (store) => {
    let h: ServerHarness;
    let drafts: FormDrafts;
    let caseId = '';
    let task: TaskView;
    const path = () => `/api/tasks/${task.ref}/draft`;
    const draftOf = async (user: string) =>
      ((await h.api.get(path(), { token: h.token(user) })).body as { draft: FormDraft | null }).draft;
    const save = (user: string, data: unknown, revision: number | null) =>
      h.api.call('put', path(), { token: h.token(user), body: { data, revision } });
    const upload = async (user: string, name: string) => {
      const response = await h.api.post('/api/attachments', {
        token: h.token(user),
        raw: tinyPdf(name),
        type: 'application/pdf',
        headers: { 'X-File-Name': `${name}.pdf` },
      });
      return (response.body as { id: string }).id;
    };
    /** What the hourly sweep does: form drafts first, then the uploads no case nor draft keeps. */
    const sweep = async () =>
      sweepUnlinked(
        h.attachments,
        h.clock.now(),
        await drafts.sweep(
          (ref) => h.engine.caseOfTask(ref) !== undefined,
          h.clock.now(),
          h.attachments.keepUnlinkedMs,
        ),
      );

    beforeAll(async () => {
      h = await ServerHarness.create({ store });
      drafts = new FormDrafts(h.store);
      await withUsers(h, ['park1', 'park2', 'province']);
      // A second account of the same park: it holds the same task, with a draft of its own.
      await h.user('park1b', ['park:P-001']);
      const started = await h.api.post('/api/cases', {
        token: h.token('park1'),
        body: { process: PROCESS, park: 'P-001', province: '320000' },
      });
      caseId = (started.body as CaseView).id;
      task = await h.task('park1', caseId, 'submitCreationApplication');
    });
    afterAll(async () => {
      await h.close();
    });

    it('keeps what the holder saved, incomplete as it is, for them alone; a second tab’s stale save is refused', async () => {
      expect(await draftOf('park1')).toBeNull();
      const first = await save('park1', { parkName: '星河湾' }, null);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ revision: 1, savedAt: h.clock.now().toISOString() });
      expect(await draftOf('park1')).toMatchObject({ data: { parkName: '星河湾' }, revision: 1, caseId });
      // Another account of the park holds the task too, but not this draft.
      expect(await draftOf('park1b')).toBeNull();

      // A tab that loaded before the save (no draft then) would overwrite it unseen: 409, nothing written.
      const stale = await save('park1', { parkName: '旧的' }, null);
      expect(stale.status).toBe(409);
      expect((stale.body as Refusal).error.message).toMatch(/其他窗口或电脑上保存（第 1 次保存）/);
      expect((await draftOf('park1'))?.data).toEqual({ parkName: '星河湾' });
      expect((await save('park1', { parkName: '星河湾开发区' }, 1)).body).toMatchObject({ revision: 2 });
    });

    it('answers one who does not hold the task as if it were not open (409), the public 401', async () => {
      for (const user of ['park2', 'province']) {
        const read = await h.api.get(path(), { token: h.token(user) });
        const written = await save(user, { parkName: 'x' }, null);
        expect([read.status, written.status]).toEqual([409, 409]);
        expect((written.body as Refusal).error.message).toMatch(CHINESE);
      }
      expect((await h.api.get(path())).status).toBe(401);
      expect((await draftOf('park1'))?.data).toEqual({ parkName: '星河湾开发区' });
    });

    it('refuses bad data and revisions in Chinese (422), nothing written', async () => {
      const bad: [unknown, unknown][] = [
        [['a list'], 2],
        ['text', 2],
        [{ parkName: 'x' }, 0],
        [{ parkName: 'x' }, '2'],
        [{ parkName: 'x' }, 1.5],
      ];
      for (const [data, revision] of bad) {
        const response = await h.api.call('put', path(), {
          token: h.token('park1'),
          body: { data, revision },
          request: 'invalid',
        });
        expect(response.status, JSON.stringify([data, revision])).toBe(422);
        expect((response.body as Refusal).error.message).toMatch(CHINESE);
      }
      // A field the save does not take is named, not dropped (the page sends `data` and `revision` only).
      const extra = await h.api.call('put', path(), {
        token: h.token('park1'),
        body: { data: { parkName: 'x' }, revision: 2, savedAt: h.clock.now().toISOString() },
        request: 'invalid',
      });
      expect([extra.status, extra.body]).toMatchObject([422, { error: { code: 'validation', field: 'savedAt' } }]);
      // Held to what a form may be: as deep as a submission, and no more files than a form could cite.
      let deep: unknown = 'x';
      for (let level = 0; level < 33; level++) deep = { level: deep };
      const ids = Array.from({ length: 201 }, (_, index) => index.toString(16).padStart(64, '0'));
      for (const data of [deep, { creationPlan: ids }]) {
        const response = await save('park1', data, 2);
        expect(response.status).toBe(422);
        expect((response.body as Refusal).error.message).toMatch(
          /嵌套层级过深（最多 32 层）|草稿引用的附件过多（最多 200 个）/,
        );
      }
      expect(await draftOf('park1')).toMatchObject({ data: { parkName: '星河湾开发区' }, revision: 2 });
    });

    it('discards only the revision the page had: one saved or deleted elsewhere since is not deleted unseen', async () => {
      const discard = (revision: number) =>
        h.api.delete(`${path()}?revision=${String(revision)}`, { token: h.token('park1b') });
      await save('park1b', { parkName: 'A' }, null);
      await save('park1b', { parkName: 'B' }, 1);
      // A misspelt revision would discard unchecked: refused, naming it, and nothing is discarded.
      const misspelt = await h.api.delete(`${path()}?revison=1`, { token: h.token('park1b') });
      expect([misspelt.status, misspelt.body]).toMatchObject([
        422,
        { error: { code: 'validation', field: 'revison' } },
      ]);
      const stale = await discard(1);
      expect(stale.status).toBe(409);
      expect((stale.body as Refusal).error.message).toMatch(/其他窗口或电脑上保存（第 2 次保存）/);
      expect((await draftOf('park1b'))?.data).toEqual({ parkName: 'B' });
      expect((await discard(2)).status).toBe(204);
      expect(await draftOf('park1b')).toBeNull();
      // Gone already: what was asked holds.
      expect((await discard(2)).status).toBe(204);
      // A save from a page that had it is told it was discarded elsewhere, not that it was saved.
      const after = await save('park1b', { parkName: 'C' }, 2);
      expect((after.body as Refusal).error.message).toMatch(/已在其他窗口或电脑上放弃/);
    });

    it('cites only files the holder may cite, and keeps them past the day unlinked uploads are kept', async () => {
      const others = await upload('park2', 'other-park');
      const refused = await save('park1', { creationPlan: [others] }, 2);
      expect(refused.status).toBe(422);
      expect((refused.body as Refusal).errors?.map((error) => error.path)).toEqual(['/creationPlan/0']);

      const own = await upload('park1', 'own-plan');
      const loose = await upload('park1', 'not-in-any-draft');
      expect((await save('park1', { creationPlan: [own] }, 2)).status).toBe(200);
      h.clock.advanceTo(new Date(h.clock.now().getTime() + 25 * HOUR));
      await sweep();
      const status = async (id: string) =>
        (await h.api.get(`/api/attachments/${id}/meta`, { token: h.token('park1') })).status;
      expect([await status(own), await status(loose)]).toEqual([200, 404]);
    });

    it('is gone once its holder sends the form; another holder’s goes with the task a day later, and then its files', async () => {
      const kept = await upload('park1b', 'second-account');
      expect((await save('park1b', { creationPlan: [kept] }, null)).status).toBe(200);
      await h.complete('park1', caseId, 'submitCreationApplication', { parkType: 'industry' });
      expect(await drafts.get('park1', task.ref)).toBeUndefined();
      // The task is closed: its draft answers as the task does.
      expect((await h.api.get(path(), { token: h.token('park1b') })).status).toBe(409);

      // Saved under a day ago: kept (the task might have opened through another process not yet seen here).
      await sweep();
      expect(await drafts.get('park1b', task.ref)).toBeDefined();
      h.clock.advanceTo(new Date(h.clock.now().getTime() + 25 * HOUR));
      await sweep();
      expect(await drafts.get('park1b', task.ref)).toBeUndefined();
      // The next sweep finds its file cited by no draft and on no case, a day old: it goes.
      await sweep();
      expect((await h.api.get(`/api/attachments/${kept}/meta`, { token: h.token('park1b') })).status).toBe(404);
    });
  },
);

describe('保存草稿 on the embedded store: a damaged draft file', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create({ store: 'lowdb' });
    await withUsers(h, ['park2']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('opens as none, saying so; the next save replaces it', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const task = await h.task('park2', (started.body as CaseView).id, 'submitCreationApplication');
    const at = `/api/tasks/${task.ref}/draft`;
    await h.api.call('put', at, { token: h.token('park2'), body: { data: { parkName: '旧' }, revision: null } });
    const id = createHash('sha256').update(`park2\n${task.ref}`).digest('hex');
    await writeFile(join(h.dataDir, 'store', 'form-drafts', `${id}.json`), '{"data": {"parkNa');
    expect((await h.api.get(at, { token: h.token('park2') })).body).toEqual({ draft: null, damaged: true });
    const saved = await h.api.call('put', at, {
      token: h.token('park2'),
      body: { data: { parkName: '新' }, revision: null },
    });
    expect(saved.status).toBe(200);
    expect((await h.api.get(at, { token: h.token('park2') })).body).toMatchObject({
      draft: { data: { parkName: '新' }, revision: 1 },
    });
  });
});
