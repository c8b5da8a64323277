import { it, expect } from 'vitest';
import { ServerHarness, withUsers, throughCreation } from './harness.js';
it('smoke', async () => {
  const h = await ServerHarness.create();
  await withUsers(h);
  const t0 = Date.now();
  const v = await throughCreation(h);
  console.log(Date.now() - t0, JSON.stringify(v, null, 1).slice(0, 3000));
  const r = await h.api.get('/api/public/notices');
  console.log(r.body);
  expect(v.status).toBe('creating');
  await h.close();
});
