import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedVersion } from '../../engine/definitions/check-version.js';
import type { DefinitionContext } from '../../engine/definitions/version-source.js';
import { validateDefinitions } from '../../engine/definitions/validate-definitions.js';
import {
  diagramNames,
  diagramReasons,
  hasChinese,
  translateDiagram,
  translateDirectory,
  translatorOf,
  translateIndicators,
  translateManifest,
  translateRules,
  translateSchema,
} from '../../designer/src/i18n/definition-text.js';
import { MESSAGES } from '../../designer/src/i18n/messages.js';
import {
  loadRealVersion,
  makeTempDir,
  REAL_PROCESS,
  REAL_VERSION,
  removeTempDir,
  writeDefinitionsTree,
} from './helpers.js';
import { countyBrandRoot } from '../support/definitions-fixture.js';

/**
 * Every text of a version that people read, walked by the very functions the workbench translates
 * with (each text they ask for is recorded), plus the names drawn on the diagram and the names in
 * the directories its manifest names (the regions: who acted is named 省级市场监管部门 · 江苏省).
 */
function displayedTexts(version: CheckedVersion, directories: DefinitionContext['directories']): Set<string> {
  const texts = new Set<string>();
  const record = (text: string) => {
    if (hasChinese(text)) texts.add(text);
    return text;
  };
  translateManifest(version.manifest, record);
  translateRules(version.rules, record);
  translateIndicators(version.indicators, record);
  for (const schema of version.forms.values()) translateSchema(schema, record);
  for (const name of diagramNames(version.processXml)) record(name);
  for (const reason of diagramReasons(version.processXml)) record(reason);
  const named = [version.manifest.region.directory, ...Object.values(version.manifest.groups).map((group) => group.directory)];
  for (const name of new Set(named)) {
    const directory = name === undefined ? undefined : directories.get(name);
    if (directory !== undefined) translateDirectory(directory, record);
  }
  return texts;
}

describe('the English catalogue of a programme (definitions/<process>/translations/en.json)', () => {
  /** Every programme under `root`: each text its versions show has English, and each entry is shown. */
  async function expectCompleteCatalogues(root: string): Promise<void> {
    const { versions, translations, problems, context } = await validateDefinitions(root);
    expect(problems).toEqual([]);
    const processes = new Set(versions.map((version) => version.manifest.process));
    expect([...processes]).not.toHaveLength(0);
    for (const process of processes) {
      const catalogue = translations.get(process)?.get('en') ?? {};
      const shown = new Set(
        versions.filter((version) => version.manifest.process === process).flatMap((version) => [...displayedTexts(version, context.directories)]),
      );
      // A new version's texts come out here: add their English to the catalogue.
      const missing = [...shown].filter((text) => !Object.hasOwn(catalogue, text));
      expect(missing, `${process}: texts without English`).toEqual([]);
      const unused = Object.keys(catalogue).filter((text) => !shown.has(text));
      expect(unused, `${process}: entries no version shows`).toEqual([]);
      // Quoted examples of what is typed in (a 文号 such as "国市监质发〔2024〕58号") stay as written.
      const untranslated = Object.entries(catalogue).filter(([, english]) => hasChinese(english.replace(/"[^"]*"/g, '')));
      expect(untranslated, `${process}: English with Chinese left in it`).toEqual([]);
    }
  }

  it('translates every text the versions show people, and nothing else', async () => {
    await expectCompleteCatalogues('definitions');
  });

  it('does so for the second programme too (county-brand, written as files: its English is files as well)', async () => {
    const { root, cleanup } = await countyBrandRoot();
    try {
      await expectCompleteCatalogues(root);
    } finally {
      await cleanup();
    }
  });

  it('words a text several forms share without one form’s matter in it (处理意见 read “of the objection” on the revocation decision)', async () => {
    const { versions, translations } = await validateDefinitions('definitions');
    // The English names a matter only where the Chinese does: the catalogue has one entry per text.
    const matters: [RegExp, string][] = [
      [/objection/i, '异议'],
      [/revo/i, '撤销'],
      [/re-review/i, '复审'],
      [/acceptance/i, '验收'],
      [/creation/i, '创建'],
    ];
    const misworded: string[] = [];
    for (const version of versions) {
      const catalogue = translations.get(version.manifest.process)?.get('en') ?? {};
      const forms = new Map<string, string[]>();
      for (const [key, schema] of version.forms)
        translateSchema(schema, (text) => {
          forms.set(text, [...(forms.get(text) ?? []), key]);
          return text;
        });
      for (const [text, keys] of forms) {
        const english = catalogue[text];
        if (new Set(keys).size < 2 || english === undefined) continue;
        for (const [word, chinese] of matters)
          if (word.test(english) && !text.includes(chinese)) misworded.push(`${text} → ${english} (${[...new Set(keys)].join(', ')})`);
      }
    }
    expect(misworded).toEqual([]);
  });

  it("draws a diagram with the catalogue's names: every name translated, the XML otherwise as it was", async () => {
    const { versions, translations } = await validateDefinitions('definitions');
    for (const version of versions) {
      const translate = translatorOf(translations.get(version.manifest.process)?.get('en'));
      const english = translateDiagram(version.processXml, translate);
      expect(diagramNames(english)).toEqual(diagramNames(version.processXml).map(translate));
      expect(english.replace(/\sname="[^"]*"/g, '')).toBe(version.processXml.replace(/\sname="[^"]*"/g, ''));
    }
  });

  it("names the programme in the web app's English (header, public notices) as its catalogue does", async () => {
    // The header said 'National Quality Brand Demonstration Zones' (提升 left out) over a case page whose
    // process, forms and rule version read 'National Quality Brand Improvement Demonstration Zones'.
    const { translations } = await validateDefinitions('definitions');
    const catalogue = translations.get(REAL_PROCESS)?.get('en') ?? {};
    const programme = catalogue['全国质量品牌提升示范区创建与管理'] ?? '';
    expect(programme).toContain(MESSAGES.en.appTitle);
    expect(MESSAGES.zh.appTitle).toBe('全国质量品牌提升示范区');
    expect(MESSAGES.en.noticeIntro).toContain(MESSAGES.en.appTitle);
  });

  it('cites articles as Art. N, never 第N条', async () => {
    const { translations } = await validateDefinitions('definitions');
    for (const catalogues of translations.values())
      for (const catalogue of catalogues.values())
        expect(Object.values(catalogue).filter((text) => /第.+条|\bArticle\b/.test(text))).toEqual([]);
  });

  describe('on disk', () => {
    let root: string;
    beforeAll(async () => {
      root = await makeTempDir();
    });
    afterAll(async () => {
      await removeTempDir(root);
    });

    it('a translations folder is not a version; a broken catalogue is an error naming its file', async () => {
      const tree = join(root, 'definitions');
      await writeDefinitionsTree(tree, [{ process: REAL_PROCESS, version: REAL_VERSION, source: (await loadRealVersion()).source }]);
      const folder = join(tree, REAL_PROCESS, 'translations');
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'en.json'), JSON.stringify({ 园区: 'Park', 省级单位: 7 }));
      await writeFile(join(folder, 'fr.json'), '{ "园区": ');
      await writeFile(join(folder, 'notes.txt'), 'not a catalogue');
      const { problems, versions } = await validateDefinitions(tree);
      expect(versions.map((version) => version.manifest.version)).toEqual([REAL_VERSION]);
      expect(problems.map(({ check, severity, file, pointer }) => ({ check, severity, file: file.split('/').pop(), pointer }))).toEqual([
        { check: 'translations', severity: 'error', file: 'en.json', pointer: '/省级单位' },
        { check: 'json-syntax', severity: 'error', file: 'fr.json', pointer: '' },
        { check: 'translations', severity: 'warning', file: 'notes.txt', pointer: undefined },
      ]);
    });
  });
});
