// The engine and the server speak no programme's words (issue 10 A.4): the quality-brand-zone
// programme (definitions/) and the county-brand programme (test/programmes/county-brand, counties in
// cities) run from their files alone, so none of their ids, statuses, due names or article citations
// may appear in the code of engine/ or server/ — in a string, a template or a name; comments may cite
// anything.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const PROGRAMME = join(PROJECT, 'test/programmes/county-brand');
/** Each programme: its process id and the folder of its versions. */
const PROGRAMMES = [
  { process: 'quality-brand-zone', dir: join(PROJECT, 'definitions/quality-brand-zone') },
  { process: 'county-brand', dir: PROGRAMME },
];

async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path, keep)));
    else if (keep(entry.name)) found.push(path);
  }
  return found.sort();
}

interface Vocabulary {
  /** Names a piece of code would write whole: the process, tasks, forms, messages, statuses, dates. */
  exact: Set<string>;
  /** Article citations (`Art. 15`): found inside any text. */
  articles: Set<string>;
}

/** A programme's words, read from its own files (every version). */
async function vocabulary(programme: string): Promise<Vocabulary> {
  const exact = new Set<string>();
  const articles = new Set<string>();
  for (const file of await filesUnder(programme, (name) => name.endsWith('.json') || name.endsWith('.bpmn'))) {
    const text = await readFile(file, 'utf8');
    for (const [, number] of text.matchAll(/Art\. (\d+)/g)) articles.add(`Art. ${number ?? ''}`);
    if (file.endsWith('manifest.json')) {
      const manifest = JSON.parse(text) as { process: string; statuses: object; dates: object };
      exact.add(manifest.process);
      for (const name of [...Object.keys(manifest.statuses), ...Object.keys(manifest.dates)]) exact.add(name);
    }
    if (file.endsWith('.bpmn')) {
      for (const [, id] of text.matchAll(/<bpmn:userTask id="([^"]+)"/g)) exact.add(id ?? '');
      for (const [, key] of text.matchAll(/camunda:formKey="([^"]+)"/g)) exact.add(key ?? '');
      for (const [, name] of text.matchAll(/<bpmn:message id="[^"]+" name="([^"]+)"/g)) exact.add(name ?? '');
    }
  }
  exact.delete('');
  return { exact, articles };
}

/** Every string, template part and identifier of a TypeScript file: its code without its comments. */
function codeTexts(path: string, source: string): { text: string; line: number }[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const texts: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isIdentifier(node) ||
      ts.isPrivateIdentifier(node) ||
      ts.isJsxText(node)
    ) {
      texts.push({ text: node.text, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return texts;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('engine/ and server/ carry no programme’s words', () => {
  it("has each programme's words to look for", async () => {
    const county = await vocabulary(PROGRAMME);
    expect([...county.exact]).toEqual(
      expect.arrayContaining(['county-brand', 'designated', 'announcementEnds', 'cityReview']),
    );
    expect(county.articles.size).toBeGreaterThan(5);
    const quality = await vocabulary(PROGRAMMES[0]?.dir ?? '');
    expect([...quality.exact]).toEqual(expect.arrayContaining(['quality-brand-zone', 'recognizedOn', 'objection']));
    expect(quality.articles.size).toBeGreaterThan(20);
  });

  it.each(PROGRAMMES)(
    'finds none of $process’s ids, statuses, due names or article numbers in their code (comments aside)',
    async ({ process, dir }) => {
      const { exact, articles } = await vocabulary(dir);
      const citation = new RegExp(`(${[...articles].map(escape).join('|')})(?!\\d)`);
      const found: string[] = [];
      const sources = [
        ...(await filesUnder(join(PROJECT, 'engine'), (name) => name.endsWith('.ts'))),
        ...(await filesUnder(join(PROJECT, 'server'), (name) => name.endsWith('.ts'))),
      ];
      expect(sources.length).toBeGreaterThan(50);
      for (const path of sources) {
        for (const { text, line } of codeTexts(path, await readFile(path, 'utf8'))) {
          const where = `${relative(PROJECT, path)}:${String(line)}`;
          if (exact.has(text)) found.push(`${where} "${text}"`);
          else if (text.includes(process)) found.push(`${where} "${text}"`);
          const cited = citation.exec(text);
          if (cited !== null) found.push(`${where} ${cited[0]} in "${text}"`);
        }
      }
      expect(found).toEqual([]);
    },
  );

  it('is a programme without the words park and province (files, names and scenarios)', async () => {
    const files = [
      ...(await filesUnder(PROGRAMME, () => true)),
      ...(await filesUnder(join(PROJECT, 'test/programmes/scenarios'), (name) => name.startsWith('county-brand-'))),
      join(PROJECT, 'test/programmes/directory/cities.json'),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(relative(PROGRAMME, file)).not.toMatch(/park|province/i);
      expect(await readFile(file, 'utf8'), file).not.toMatch(/park|province/i);
    }
  });
});
