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
});
