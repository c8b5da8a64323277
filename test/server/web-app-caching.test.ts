import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerHarness } from './harness.js';

/** Issue 8 "Page weight": how the built web app is served to a browser. */
describe('the web app, served', () => {
  let h: ServerHarness;
  let webRoot: string;
  // Large enough that compression applies (compression's threshold is 1 kB).
  const BUILT = `export const built = ${JSON.stringify('预压缩'.repeat(2000))};\n`;
  const chunk = `export const words = ${JSON.stringify('示范区'.repeat(2000))};\n`;

  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'qbz-web-app-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(webRoot, 'assets', 'case-page-B7HBTHkZ.js'), chunk);
    // As the build leaves one (vite.config.ts): here its content differs, to tell it was the file served.
    await writeFile(join(webRoot, 'assets', 'diagram-editor-DX7Mz0p5.js'), chunk);
    await writeFile(join(webRoot, 'assets', 'diagram-editor-DX7Mz0p5.js.gz'), gzipSync(BUILT));
    h = await ServerHarness.create({ webRoot });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('lets browsers keep hashed assets for good, compressed', async () => {
    const answer = await request(h.app).get('/assets/case-page-B7HBTHkZ.js').set('Accept-Encoding', 'gzip');
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.text).toBe(chunk);
  });

  it('serves the build’s gzipped file as it is (gzipping per request took the threads file reads use)', async () => {
    const answer = await request(h.app).get('/assets/diagram-editor-DX7Mz0p5.js').set('Accept-Encoding', 'gzip, br');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript; charset=utf-8$/i);
    expect(answer.headers.vary).toContain('Accept-Encoding');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.text).toBe(BUILT);
    // A client that takes no gzip gets the file itself.
    const plain = await request(h.app).get('/assets/diagram-editor-DX7Mz0p5.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(chunk);
  });

  it('has index.html checked again each time, at every address of the app', async () => {
    for (const path of ['/', '/cases/c_1']) {
      const answer = await request(h.app).get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['cache-control'], path).toBe('no-cache');
      expect(answer.text, path).toContain('<div id="root">');
    }
  });

  it('answers a missing asset with 404, not with the page (a stale build asking for an old chunk)', async () => {
    const answer = await request(h.app).get('/assets/case-page-OLDHASH1.js');
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('<div id="root">');
    expect(answer.body).toEqual({ error: { code: 'not-found', message: '资源不存在' } });
    const outside = await request(h.app).get('/assets/..%2F..%2Fpackage.json');
    expect(outside.status).toBe(403);
    expect(outside.body).toEqual({ error: { code: 'forbidden', message: '无权访问该资源' } });
  });
});
