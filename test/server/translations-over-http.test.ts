import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS, ServerHarness } from './harness.js';

// The definitions carry one language; the workbench in English asks for the programme's catalogue
// (definitions/<process>/translations/<language>.json) beside the forms it renders.

describe('GET /api/definitions/:process/translations/:language', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers the catalogue without a login (the notices page shows the objection form too)', async () => {
    const english = await h.api.get(`/api/definitions/${PROCESS}/translations/en`);
    expect(english.status).toBe(200);
    expect(english.body).toMatchObject({ 园区类型: 'Park type', 公示中: 'Under public notice' });
  });

  it('answers an empty catalogue for a language without one, and 404 for an unknown process', async () => {
    expect((await h.api.get(`/api/definitions/${PROCESS}/translations/fr`)).body).toEqual({});
    const unknown = await h.api.get('/api/definitions/no-such-process/translations/en');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not-found' } });
  });

  it('answers gzipped or plain alike, each with its own tag; a copy the browser holds is answered 304', async () => {
    const path = `/api/definitions/${PROCESS}/translations/en`;
    const gzipped = await request(h.app).get(path).set('Accept-Encoding', 'gzip');
    const plain = await request(h.app).get(path).set('Accept-Encoding', 'identity');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(gzipped.body);
    expect(Object.keys(plain.body as object).length).toBeGreaterThan(500);
    const tag = String(plain.headers.etag);
    expect(String(gzipped.headers.etag)).not.toBe(tag);
    const again = await request(h.app).get(path).set('Accept-Encoding', 'identity').set('If-None-Match', tag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });
});
