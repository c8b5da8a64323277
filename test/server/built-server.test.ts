import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi.js';
import { BUILT_ENTRY, fetchChecked, startServer, stopServer } from './http-client.js';
import { OpenApiChecker } from './openapi-checker.js';

const ADMIN_PASSWORD = 'root-secret-for-tests';

/**
 * The server as `npm start` runs it: the bundle server/bundle.ts writes (dist/node), not the sources.
 * What only a bundle can get wrong: modules found next to the code (the designer's worker thread, the
 * PostgreSQL migrations), JSON from packages, the dynamic import of serve.ts.
 */
describe('the built server (npm start)', () => {
  const checker = new OpenApiChecker(openApiDocument(false));
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('starts from dist/node, answers health, and runs a designer job in its worker thread', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'server/bundle.ts'], { stdio: 'inherit' });
    const dataDir = await mkdtemp(join(tmpdir(), 'qbz-built-'));
    dirs.push(dataDir);
    const server = await startServer({ DATA_DIR: dataDir, ADMIN_PASSWORD }, 0, {
      entry: BUILT_ENTRY,
      readyWithin: 60_000,
    });
    try {
      // Every answer checked against the OpenAPI document, as the other tests of a real process do.
      const call = async (method: string, path: string, token?: string, body?: unknown) => {
        const answer = await fetchChecked(checker, server.base, method, path, {
          ...(token !== undefined && { token }),
          ...(body !== undefined && { body }),
        });
        return { status: answer.status, body: answer.body as Record<string, unknown> };
      };
      const health = await call('GET', '/api/health');
      expect(health.body).toMatchObject({ status: 'ok', definitions: ['quality-brand-zone@2024-03-14'] });
      expect(['loading', 'ready']).toContain(health.body.cases);
      const login = await call('POST', '/api/session', undefined, { username: 'admin', password: ADMIN_PASSWORD });
      const token = String(login.body.token);
      const draft = await call('POST', '/api/drafts', token, { process: 'quality-brand-zone', from: '2024-03-14' });
      expect(draft.status, server.output()).toBe(201);
      const validated = await call('POST', `/api/drafts/${String(draft.body.id)}/validate`, token);
      expect(validated, server.output()).toMatchObject({ status: 200, body: { ok: true, problems: [] } });
    } finally {
      await stopServer(server);
    }
  });
});
