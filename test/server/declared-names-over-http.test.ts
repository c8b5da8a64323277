import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS, ServerHarness, withUsers } from './harness.js';

// Issue 10 A: the engine knows a case's subject and region; clients use the names the programme
// declares (`park`, `province` for quality-brand-zone) or the neutral `subject` / `region`.

interface ErrorBody {
  error: { code: string; message: string };
}

describe('subject and region over HTTP, under the declared names', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1', 'park2', 'province']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('starts a case from the neutral {process, subject, region}; the case answers with park and province', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, subject: 'P-001', region: '320000' },
    });
    expect(started.status).toBe(201);
    const view = started.body as Record<string, unknown>;
    expect(view).toMatchObject({ park: 'P-001', province: '320000' });
    expect(view).not.toHaveProperty('subject');
    expect(view).not.toHaveProperty('region');
    const listed = await h.api.get('/api/cases', { token: h.token('province') });
    expect(listed.body).toEqual([expect.objectContaining({ id: view.id, park: 'P-001', province: '320000' })]);
  });

  it('names what is missing, and the open case, by the declared titles', async () => {
    const missing = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002' },
      request: 'invalid',
    });
    expect(missing.status).toBe(422);
    expect((missing.body as ErrorBody).error.message).toBe('「省级单位」为必填项');
    const second = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    expect(second.status).toBe(409);
    expect((second.body as ErrorBody).error.message).toMatch(/^园区 P-001 已有办理中的案件 /);
    const unknownRegion = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '999999' },
    });
    // A park starts only in its account's region: a code outside it is refused before it is looked up.
    expect(unknownRegion.status).toBe(403);
  });

  it("draws the OpenAPI document's names and examples from the definitions in force", async () => {
    const document = (await h.api.get('/api/openapi.json')).body as {
      components: {
        schemas: Record<string, { required?: string[]; properties: Record<string, { examples?: unknown[] }> }>;
      };
    };
    const { Case, Due, NewCase, PublicNotice } = document.components.schemas;
    expect(Case?.required).toEqual(expect.arrayContaining(['park', 'province']));
    expect(Case?.properties.status?.examples).toEqual(expect.arrayContaining(['applying', 'creating']));
    expect(Object.keys(Due?.properties ?? {})).toEqual(expect.arrayContaining(['acceptanceOpens', 'publicityEnds']));
    expect(Object.keys(NewCase?.properties ?? {})).toEqual(
      expect.arrayContaining(['process', 'park', 'province', 'subject', 'region']),
    );
    expect(Object.keys(PublicNotice?.properties ?? {})).toEqual(
      expect.arrayContaining(['park', 'parkName', 'province', 'provinceName']),
    );
  });

  it('answers the document as made once for the definitions: gzipped with its own tag, 304 for a copy held', async () => {
    // Made and gzipped per request, the 160 KB document cost 8 ms of the thread: a visitor's loop of
    // them (600 a minute) took a signed-in reader's answers from 4 ms to 170 ms.
    const gzipped = await request(h.app).get('/api/openapi.json').set('Accept-Encoding', 'gzip');
    const plain = await request(h.app).get('/api/openapi.json').set('Accept-Encoding', 'identity');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.body).toEqual(gzipped.body);
    const tag = String(plain.headers.etag);
    expect(String(gzipped.headers.etag)).toBe(`${tag.slice(0, -1)}-gzip"`);
    const again = await request(h.app)
      .get('/api/openapi.json')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', tag);
    expect(again.status).toBe(304);
    await h.engine.reloadDefinitions();
    const reloaded = await request(h.app).get('/api/openapi.json').set('Accept-Encoding', 'identity');
    expect(reloaded.body).toEqual(plain.body);
  });
});
