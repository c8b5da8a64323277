// POST /api/admin/clock (CLOCK=simulated): an instant without a UTC offset is China time, never the
// server's zone (npm test runs this under America/Los_Angeles); what is not ISO 8601 is 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHINESE, ServerHarness } from './harness.js';

describe('POST /api/admin/clock reads an instant without an offset as China time', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await ServerHarness.create();
  });
  afterAll(async () => {
    await h.close();
  });

  const advance = (advanceTo: string, request?: 'invalid') =>
    h.api.post('/api/admin/clock', { token: h.adminToken, body: { advanceTo }, ...(request && { request }) });

  it('moves to 09:00 in Beijing for "2024-04-02T09:00", to 00:00 in Beijing for a bare date', async () => {
    const first = await advance('2024-04-02T09:00');
    expect(first.status).toBe(200);
    expect((first.body as { now: string }).now).toBe('2024-04-02T01:00:00.000Z');
    const second = await advance('2024-04-03');
    expect(second.status).toBe(200);
    expect((second.body as { now: string }).now).toBe('2024-04-02T16:00:00.000Z');
  });

  it('takes an instant with an offset as written', async () => {
    const response = await advance('2024-04-03T12:00:00Z');
    expect((response.body as { now: string }).now).toBe('2024-04-03T12:00:00.000Z');
  });

  it('refuses what is not an ISO 8601 instant with 422 and a Chinese message', async () => {
    const response = await advance('2024-04-05 09:00', 'invalid');
    expect(response.status).toBe(422);
    expect((response.body as { error: { message: string } }).error.message).toMatch(CHINESE);
  });
});
