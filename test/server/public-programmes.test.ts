import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bothProgrammesRoot, countyBrandRoot } from '../support/definitions-fixture.js';
import { ServerHarness } from './harness.js';

// GET /api/public/programmes: what the web app is titled by before anyone signs in (its header and
// tab read the first programme's 全国质量品牌提升示范区 on a server running only county-brand), and
// what the notices page says of each programme's notices (it cited Art. 22 and 28 for county-brand's).

describe('the programmes as anyone may read them', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
  // A built web app (its title as designer/index.html has it), served by each server below.
  let webRoot = '';
  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'qbz-titled-'));
    cleanups.push(() => rm(webRoot, { recursive: true, force: true }));
    await writeFile(
      join(webRoot, 'index.html'),
      '<!doctype html><html><head><title>全国质量品牌提升示范区 · 工作台</title></head><div id="root"></div></html>',
    );
  });
  /** The programmes a server tells anyone, and the title of the page it serves at `/` and `/index.html`. */
  const programmesOn = async (root?: () => Promise<{ root: string; cleanup: () => Promise<void> }>) => {
    const built = await root?.();
    if (built !== undefined) cleanups.push(built.cleanup);
    const h = await ServerHarness.create(built === undefined ? { webRoot } : { definitionsRoot: built.root, webRoot });
    cleanups.push(() => h.close());
    const answer = await h.api.get('/api/public/programmes');
    expect(answer.status).toBe(200);
    const titles = await Promise.all(
      ['/cases/c_1', '/index.html'].map(async (path) => {
        const page = await request(h.app).get(path);
        expect(page.headers['content-type'], path).toMatch(/^text\/html/);
        return /<title>([^<]*)<\/title>/.exec(page.text)?.[1];
      }),
    );
    expect(new Set(titles).size).toBe(1);
    titleOf.set(root, titles[0]);
    return answer.body as Record<string, unknown>[];
  };
  const titleOf = new Map<unknown, string | undefined>();

  it('the first programme: its title, and neither a short title nor notice words (the web app keeps its own)', async () => {
    expect(await programmesOn()).toEqual([
      { process: 'quality-brand-zone', version: '2024-03-14', title: '全国质量品牌提升示范区创建与管理' },
    ]);
    expect(titleOf.get(undefined)).toBe('全国质量品牌提升示范区 · 工作台');
  });

  it("county-brand: its short title and its notice's articles and reviewer, without an account", async () => {
    expect(await programmesOn(countyBrandRoot)).toEqual([
      {
        process: 'county-brand',
        version: '2025-07-01',
        title: '全国质量品牌强县培育与命名（设区的市初审）',
        shortTitle: '全国质量品牌强县',
        publicNotice: {
          title: '拟命名的全国质量品牌强县',
          articles: ['Art. 15', 'Art. 16'],
          objectionArticle: 'Art. 16',
          reviewer: '市场监管总局',
        },
      },
    ]); // The page it serves is titled by it before any script runs (it read the first programme's).
    expect(titleOf.get(countyBrandRoot)).toBe('全国质量品牌强县 · 工作台');
  });

  it('both programmes side by side: one entry each', async () => {
    const programmes = await programmesOn(bothProgrammesRoot);
    expect(programmes.map((programme) => programme.process).sort()).toEqual(['county-brand', 'quality-brand-zone']);
    // Two names: the page is titled by what it is alone.
    expect(titleOf.get(bothProgrammesRoot)).toBe('工作台');
  });
});
