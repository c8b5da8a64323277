import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { fetchChecked } from './http-client.js';
import { PASSWORD, PROCESS, ServerHarness } from './harness.js';
import { openApiProblems } from './openapi-validate.js';
import { answerClientErrors } from '../../server/client-errors.js';
import { SAY } from '../../server/messages.js';

describe('the app on a real socket, called with fetch', () => {
  let h: ServerHarness;
  let server: Server;
  let base = '';
  const call = (method: string, path: string, options: Parameters<typeof fetchChecked>[4] = {}) =>
    fetchChecked(h.api.checker, base, method, path, options);

  beforeAll(async () => {
    h = await ServerHarness.create();
    await h.user('park1', ['park:P-001']);
    server = h.app.listen(0, '127.0.0.1');
    answerClientErrors(server);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it('answers headers too large (431) and a request it cannot read (400) as JSON in Chinese, then closes', async () => {
    // A browser whose cookies for the site grew past Node's 16 KB: Node answered 431 with no body.
    const big = await fetch(`${base}/api/health`, { headers: { 'X-Filler': 'x'.repeat(20_000) } });
    expect(big.status).toBe(431);
    expect(big.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await big.json()).toEqual({
      error: { code: 'headers-too-large', message: SAY.headersTooLarge('16 KB').zh },
    });
    // A request line that is no HTTP, on a raw socket: 400 with the malformed-request message, and the end.
    const port = (server.address() as AddressInfo).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/\r\nConnection: close\r\n/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad-request', message: SAY.malformed.zh },
    });
    // The server still answers.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('logs in, starts a case and reads it back; unknown paths are JSON 404s', async () => {
    const health = await call('get', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok', definitions: [`${PROCESS}@2024-03-14`] });
    const session = await call('post', '/api/session', { body: { username: 'park1', password: PASSWORD } });
    expect(session.status).toBe(200);
    const { token } = session.body as { token: string };
    const started = await call('post', '/api/cases', {
      token,
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    expect(started.status).toBe(201);
    const { id } = started.body as CaseView;
    const read = await call('get', `/api/cases/${id}`, { token });
    expect(read.body).toMatchObject({ id, status: 'applying', park: 'P-001', province: '320000' });
    const listed = await call('get', '/api/tasks', { token });
    expect((listed.body as { caseId: string }[]).map((task) => task.caseId)).toEqual([id]);
    const missing = await call('get', '/api/no-such-endpoint', { token });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await call('delete', '/api/session', { token })).status).toBe(204);
    expect((await call('get', '/api/me', { token })).status).toBe(401);
  });

  it('sends security headers, no X-Powered-By, and echoes a well-formed X-Request-Id', async () => {
    const response = await call('get', '/api/health', { headers: { 'X-Request-Id': 'trace-123' } });
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const forged = await call('get', '/api/health', { headers: { 'X-Request-Id': 'bad id\twith spaces' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves GET /api/openapi.json without login: a valid OpenAPI 3.1 document', async () => {
    const response = await call('get', '/api/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(openApiProblems(document)).toEqual([]);
    expect(Object.keys(document.paths)).toContain('/api/admin/clock');
  });
});
