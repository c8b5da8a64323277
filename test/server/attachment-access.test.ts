import request from 'supertest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { PROCESS, ServerHarness, tinyPdf, withUsers } from './harness.js';

interface Uploaded {
  id: string;
  name: string;
  uploadedBy: string;
  uploadedAt: string;
  cases: string[];
}
interface Refused {
  error: { code: string; message: string };
  errors?: { path: string; message: string }[];
}

describe('attachments: one record per upload, referable only by who may read them, honest names', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1', 'park2', 'province']);
  });
  afterAll(async () => {
    await h.close();
  });

  const upload = async (who: string, content: Buffer, name: string) => {
    const response = await h.api.post('/api/attachments', {
      token: h.token(who),
      raw: content,
      headers: { 'X-File-Name': encodeURIComponent(name) },
    });
    expect(response.status, response.text).toBe(201);
    return response.body as Uploaded;
  };

  it('identical uploads share the bytes, never the record: each uploader keeps its name and time and can download', async () => {
    const bytes = tinyPdf('the same plan');
    const first = await upload('park1', bytes, '园区一创建方案.pdf');
    h.clock.advanceTo(new Date(h.clock.now().getTime() + 60_000));
    const second = await upload('park2', bytes, '园区二创建方案.pdf');
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ name: '园区二创建方案.pdf', uploadedBy: 'park2', cases: [] });
    expect(second.uploadedAt).not.toBe(first.uploadedAt);
    for (const [who, mine, theirs] of [
      ['park1', first, second],
      ['park2', second, first],
    ] as const) {
      const own = await h.api.get(`/api/attachments/${mine.id}`, { token: h.token(who) });
      expect(own.status, who).toBe(200);
      expect(own.headers['content-disposition']).toContain(encodeURIComponent(mine.name));
      expect((await h.api.get(`/api/attachments/${theirs.id}`, { token: h.token(who) })).status, who).toBe(404);
    }
  });

  it('a download is tagged by its checksum, and a copy the browser holds is answered 304', async () => {
    // The tag express made hashed all of a 20 MB file again on the thread, on every download.
    const bytes = tinyPdf('tagged');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { id } = await upload('park1', bytes, 'tagged.pdf');
    const download = await h.api.get(`/api/attachments/${id}`, { token: h.token('park1') });
    expect(download.status).toBe(200);
    expect(download.headers.etag).toBe(`"${sha256}"`);
    const again = await h.api.get(`/api/attachments/${id}`, {
      token: h.token('park1'),
      headers: { 'If-None-Match': `"${sha256}"` },
    });
    expect([again.status, again.text]).toEqual([304, '']);
    // Its bytes were checked on the first download; changed on disk since, they are checked again.
    const file = join(h.attachments.filesDir, sha256);
    await writeFile(file, Buffer.concat([bytes.subarray(0, -4), Buffer.from('XXXX')]));
    // Past the OpenAPI checker, which takes any 5xx for the server's fault (here it is the disk's).
    const altered = await request(h.app)
      .get(`/api/attachments/${id}`)
      .set('Authorization', `Bearer ${h.token('park1')}`);
    expect([altered.status, (altered.body as { error: { code: string } }).error.code]).toEqual([500, 'damaged']);
    await writeFile(file, bytes);
    expect((await h.api.get(`/api/attachments/${id}`, { token: h.token('park1') })).status).toBe(200);
  });

  it('file names lose bidi and control characters, and take the extension of what the content is', async () => {
    expect((await upload('park1', tinyPdf('bidi'), '\u202Efdp.exe')).name).toBe('fdp.exe.pdf');
    expect((await upload('park1', tinyPdf('html'), 'report.html')).name).toBe('report.html.pdf');
    expect((await upload('park1', tinyPdf('marks'), 'a\u200Fb\u2066c\u0085.PDF')).name).toBe('abc.PDF');
    expect((await upload('park1', tinyPdf('plain'), '方案.pdf')).name).toBe('方案.pdf');
    // A name that shows nothing before its extension (zero-width characters, spaces) is no name:
    // it was kept, and a reviewer saw a file called “.pdf”, or “​​​.pdf” that reads the same.
    for (const [label, name] of [
      ['zero-width', '\u200B\u200B\u200B.pdf'],
      ['spaces', ' \u3000.pdf'],
      ['filler', '\u3164'],
    ] as const)
      expect((await upload('park1', tinyPdf(label), name)).name, label).toBe('attachment.pdf');
  });

  it("a form may refer only to the sender's own or readable files; another's id and a never-uploaded id read alike (422 at the field)", async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const view = started.body as CaseView;
    const ref = view.openTasks[0]?.ref ?? '';
    const others = await upload('park1', tinyPdf('park1 secret plan'), 'secret.pdf');
    const attempt = async (creationPlan: string) => {
      const data = await h.withUploads(
        'park2',
        await h.example('submit-creation-application', { parkType: 'industry' }),
      );
      return h.api.post(`/api/tasks/${ref}/complete`, {
        token: h.token('park2'),
        body: { data: { ...data, creationPlan } },
      });
    };
    const stolen = await attempt(others.id);
    const invented = await attempt('f'.repeat(64));
    for (const refused of [stolen, invented]) {
      expect(refused.status).toBe(422);
      expect((refused.body as Refused).errors).toEqual([
        { path: '/creationPlan', message: expect.stringContaining('不存在或无权引用') as unknown },
      ]);
    }
    expect((stolen.body as Refused).errors?.[0]?.message.replace(others.id.slice(0, 8), 'ID')).toBe(
      (invented.body as Refused).errors?.[0]?.message.replace('ffffffff', 'ID'),
    );
    // Still park1's alone: the refused form linked nothing.
    expect((await h.api.get(`/api/attachments/${others.id}`, { token: h.token('park2') })).status).toBe(404);

    const own = await upload('park2', tinyPdf('park2 plan'), 'plan.pdf');
    expect((await attempt(own.id)).status).toBe(200);
    // Once on the case, its readers may refer to it (and download it).
    expect((await h.api.get(`/api/attachments/${own.id}`, { token: h.token('province') })).status).toBe(200);
  });
});
