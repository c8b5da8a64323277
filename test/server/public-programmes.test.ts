import { afterAll, describe, expect, it } from 'vitest';
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
  const programmesOn = async (root?: () => Promise<{ root: string; cleanup: () => Promise<void> }>) => {
    const built = await root?.();
    if (built !== undefined) cleanups.push(built.cleanup);
    const h = await ServerHarness.create(built === undefined ? {} : { definitionsRoot: built.root });
    cleanups.push(() => h.close());
    const answer = await h.api.get('/api/public/programmes');
    expect(answer.status).toBe(200);
    return answer.body as Record<string, unknown>[];
  };

  it('the first programme: its title, and neither a short title nor notice words (the web app keeps its own)', async () => {
    expect(await programmesOn()).toEqual([
      { process: 'quality-brand-zone', version: '2024-03-14', title: '全国质量品牌提升示范区创建与管理' },
    ]);
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
    ]);
  });

  it('both programmes side by side: one entry each', async () => {
    const programmes = await programmesOn(bothProgrammesRoot);
    expect(programmes.map((programme) => programme.process).sort()).toEqual(['county-brand', 'quality-brand-zone']);
  });
});
