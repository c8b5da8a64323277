import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import type { Manifest } from '../../engine/definitions/types.js';
import {
  translateDirectory,
  translateManifest,
  translatorOf,
  type Catalogue,
} from '../../designer/src/i18n/definition-text.js';
import { actorNameOf, type ActorContext } from '../../designer/src/workbench/actor-name.js';
import { PROVINCES } from '../../designer/src/workbench/catalog.js';
import type { VersionInfo } from '../../designer/src/workbench/catalog.js';
import { DEFINITIONS_ROOT, REAL_PROCESS, REAL_VERSION_DIR } from '../definitions/helpers.js';

const WORDS = { public: 'The public', system: 'System' };
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

/** A case of park P-003 in Jiangsu on the shipped version, in `language` with the shipped catalogue. */
async function caseIn(language: 'zh' | 'en'): Promise<ActorContext> {
  const manifest = await readJson<Manifest>(join(REAL_VERSION_DIR, 'manifest.json'));
  const translate = translatorOf(
    language === 'zh'
      ? undefined
      : await readJson<Catalogue>(join(DEFINITIONS_ROOT, REAL_PROCESS, 'translations', 'en.json')),
  );
  const view = { park: 'P-003', province: '320000', subjectName: '云澜湖智能装备产业园区' } as unknown as CaseView;
  return {
    view,
    version: { manifest: translateManifest(manifest, translate) } as VersionInfo,
    language,
    regions: translateDirectory(PROVINCES, translate),
  };
}

describe('who acted, in the case page’s language (designer/src/workbench/actor-name.ts)', () => {
  const province = {
    actor: 'province-b',
    actorName: '省级市场监管部门 · 江苏省',
    actorRole: { group: 'province', scope: '320000' },
  };
  const publicSender = { actor: '—', actorName: '公众', actorPublic: true as const };
  const organisation = { actor: 'province', actorName: '江苏省市场监督管理局' };

  it('in English names a role by its group’s and region’s English, the public in the workbench’s words', async () => {
    const english = await caseIn('en');
    expect(actorNameOf(english, province, WORDS)).toBe('Provincial market regulation department · Jiangsu');
    expect(
      actorNameOf(english, { actor: 'park3', actorName: '…', actorRole: { group: 'park', scope: 'P-003' } }, WORDS),
    ).toBe("Applicant (park management committee or local people's government) · 云澜湖智能装备产业园区");
    expect(
      actorNameOf(english, { actor: 'moa', actorName: '…', actorRole: { group: 'ministry', scope: 'moa' } }, WORDS),
    ).toBe('Related departments · Ministry of Agriculture and Rural Affairs');
    expect(actorNameOf(english, publicSender, WORDS)).toBe('The public');
    // What people typed stays as typed; the system in the workbench's words.
    expect(actorNameOf(english, organisation, WORDS)).toBe('江苏省市场监督管理局');
    expect(actorNameOf(english, { actor: 'system' }, WORDS)).toBe('System');
  });

  it('in Chinese, and without a case (a print view), is the server’s name as sent', async () => {
    const chinese = await caseIn('zh');
    for (const context of [chinese, undefined]) {
      expect(actorNameOf(context, province, WORDS)).toBe('省级市场监管部门 · 江苏省');
      expect(actorNameOf(context, publicSender, WORDS)).toBe('公众');
      expect(actorNameOf(context, organisation, WORDS)).toBe('江苏省市场监督管理局');
    }
  });
});
