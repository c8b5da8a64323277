import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gzipSync } from 'node:zlib';
import { accountRequestsFromEnvironment, FailedTokens, REQUEST_LIMITS } from '../../server/request-limits.js';
import { CHINESE, PROCESS, ServerHarness, type ApiResponse } from './harness.js';

const code = (response: ApiResponse) => (response.body as { error?: { code: string } }).error?.code;

function expectTooMany(response: ApiResponse): void {
  expect(response.status).toBe(429);
  expect(code(response)).toBe('too-many-requests');
  expect(response.text).toMatch(CHINESE);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

/** A JSON body of about `bytes` bytes (a form's data padded with one long text). */
const body = (bytes: number) => ({ data: { text: 'x'.repeat(bytes) }, revision: null });

describe('requests per signed-in account', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { accountRequestsPerMinute: 40, accountLargeBodiesPerMinute: 3 } });
    await h.user('park1', ['park:P-001']);
    await h.user('park2', ['park:P-002']);
    await h.user('park3', ['park:P-003']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 in Chinese with Retry-After past the limit, to that account only', async () => {
    const me = (user: string) => h.api.get('/api/me', { token: h.token(user) });
    for (let index = 0; index < 40; index += 1) expect((await me('park1')).status).toBe(200);
    expectTooMany(await me('park1'));
    expect((await me('park2')).status).toBe(200);
    // A visitor is not counted against any account.
    expect((await h.api.get('/api/public/notices')).status).toBe(200);
  });

  it('takes few large bodies a minute and refuses the rest unread; small ones go on', async () => {
    const put = (bytes: number) =>
      h.api.call('put', '/api/tasks/t_nothing/draft', {
        token: h.token('park3'),
        body: body(bytes),
        request: 'unchecked',
      });
    // The task is none of park3's (409): what matters is that the body was read, then refused.
    for (let index = 0; index < 3; index += 1) expect((await put(200 * 1024)).status).toBe(409);
    expectTooMany(await put(200 * 1024));
    expect((await put(1024)).status).toBe(409);
  });

  it('counts a compressed body as large: its length says nothing of what parsing it costs', async () => {
    await h.user('park5', ['park:P-005']);
    // 200 KB of JSON in about 1 KB of gzip: the parser inflates it and parses all of it.
    const put = () =>
      h.api.call('put', '/api/tasks/t_nothing/draft', {
        token: h.token('park5'),
        raw: gzipSync(JSON.stringify(body(200 * 1024))),
        type: 'application/json',
        headers: { 'Content-Encoding': 'gzip' },
      });
    for (let index = 0; index < 3; index += 1) {
      const r = await put();
      expect(r.status, r.text).toBe(409);
    }
    expectTooMany(await put());
  });

  it('does not count uploads as large bodies: they are streamed, not parsed, and have a limit of their own', async () => {
    await h.user('park4', ['park:P-004']);
    // A whole PDF of about 100 KB, each one different (identical bytes would be stored once).
    const pdf = (index: number) =>
      Buffer.from(`%PDF-1.4\n%${'x'.repeat(100 * 1024)}${String(index)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
    for (let index = 0; index < 5; index += 1) {
      const uploaded = await h.api.post('/api/attachments', { token: h.token('park4'), raw: pdf(index) });
      expect(uploaded.status, String(index)).toBe(201);
    }
  });
});

describe('unknown tokens per address', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { failedTokensPerMinute: 5 } });
    await h.user('park1', ['park:P-001']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('stops looking tokens up once an address has sent too many unknown ones', async () => {
    const lookups = vi.spyOn(h.accounts, 'authenticate');
    for (let index = 0; index < 5; index += 1) {
      const refused = await h.api.get('/api/me', { token: `forged-${String(index)}` });
      expect(refused.status).toBe(401);
    }
    expect(lookups).toHaveBeenCalledTimes(5);
    expectTooMany(await h.api.get('/api/me', { token: 'forged-again' }));
    // The sixth was refused before its lookup; a visitor without a token still gets the public pages.
    expect(lookups).toHaveBeenCalledTimes(5);
    expect((await h.api.get('/api/public/notices')).status).toBe(200);
    lookups.mockRestore();
  });
});

describe('requests without a session per address', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { anonymousRequestsPerMinute: 8 } });
    await h.user('park1', ['park:P-001']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 in Chinese with Retry-After past the limit; a signed-in reader and the health check go on', async () => {
    const catalogue = () => h.api.get(`/api/definitions/${PROCESS}/translations/en`);
    // Logging admin and park1 in (beforeAll) took two of the eight: logging in is asked without a session.
    for (let index = 0; index < 6; index += 1) expect((await catalogue()).status, String(index)).toBe(200);
    expectTooMany(await catalogue());
    expectTooMany(await h.api.get('/api/public/notices'));
    expect((await h.api.get('/api/health')).status).toBe(200);
    expect((await h.api.get('/api/me', { token: h.token('park1') })).status).toBe(200);
  });
});

describe('FailedTokens', () => {
  it('counts unknown tokens in a fixed minute, then forgets them', async () => {
    let now = 0;
    const failed = new FailedTokens(2, () => now);
    const key = 'failed-token:198.51.100.1';
    await failed.failed(key);
    expect(await failed.wait(key)).toBe(0);
    await failed.failed(key);
    now = 45_000;
    expect(await failed.wait(key)).toBe(15);
    expect(await failed.wait('failed-token:198.51.100.2')).toBe(0);
    now = 60_000;
    expect(await failed.wait(key)).toBe(0);
  });

  it('is generous by default: far above what a person or a browser test sends', () => {
    expect(REQUEST_LIMITS.accountRequestsPerMinute).toBeGreaterThanOrEqual(1000);
    expect(REQUEST_LIMITS.failedTokensPerMinute).toBeGreaterThanOrEqual(100);
    expect(REQUEST_LIMITS.anonymousRequestsPerMinute).toBeGreaterThanOrEqual(300);
  });
});

describe('ACCOUNT_REQUESTS_PER_MINUTE (npm start)', () => {
  it('takes a whole number of at least 1; unset is the default; anything else stops the start with its reason', () => {
    expect(accountRequestsFromEnvironment({})).toBeUndefined();
    expect(accountRequestsFromEnvironment({ ACCOUNT_REQUESTS_PER_MINUTE: '' })).toBeUndefined();
    expect(accountRequestsFromEnvironment({ ACCOUNT_REQUESTS_PER_MINUTE: '5000' })).toBe(5000);
    for (const text of ['0', '-3', '2.5', 'many', '1e400'])
      expect(() => accountRequestsFromEnvironment({ ACCOUNT_REQUESTS_PER_MINUTE: text }), text).toThrow(
        /ACCOUNT_REQUESTS_PER_MINUTE must be a whole number/,
      );
  });
});
