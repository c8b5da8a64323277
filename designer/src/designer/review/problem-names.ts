import { useMemo } from 'react';
import type { Indicators, Rules } from '../../../../engine/definitions/types.js';
import type { DesignerText } from '../designer-i18n.js';
import { variantLabel } from '../indicators/variant-label.js';
import { FILES, formKeyOf, parseJson, type Workspace } from '../workspace.js';
import { shortTitle, type DiffNames } from './diff-words.js';
import type { ProblemNames } from './problem-text.js';
import type { Translate } from '../../i18n/definition-text.js';
import { useDefinitionText } from '../../i18n/use-definition-text.js';

function parseXml(xml: string): Document | undefined {
  return xml.trim() === '' ? undefined : new DOMParser().parseFromString(xml, 'application/xml');
}

/** The name of the nearest enclosing sub-process, if it has one. */
function enclosingName(node: Element): string | undefined {
  for (let parent = node.parentElement; parent !== null; parent = parent.parentElement)
    if (parent.localName === 'subProcess') return parent.getAttribute('name')?.trim() || undefined;
  return undefined;
}

/**
 * Element id → name, from a diagram's XML (the browser's XML parser; empty when it is not XML). A name
 * two elements share (公示期满 in the acceptance and the re-review notice) is told by the sub-process
 * it is in: 公示评估验收结果 / 公示期满.
 */
export function elementNames(xml: string, doc = parseXml(xml), say: Translate = (text) => text): Map<string, string> {
  const found: { id: string; name: string; node: Element }[] = [];
  for (const node of Array.from(doc?.querySelectorAll('[id][name]') ?? [])) {
    const name = node.getAttribute('name')?.trim();
    if (name !== undefined && name !== '')
      found.push({ id: node.getAttribute('id') ?? '', name: name.replace(/\s+/g, ' '), node });
  }
  const uses = new Map<string, number>();
  for (const { name } of found) uses.set(name, (uses.get(name) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const { id, name, node } of found) {
    const within = (uses.get(name) ?? 0) > 1 ? enclosingName(node) : undefined;
    names.set(id, within === undefined ? say(name) : `${say(within)} / ${say(name)}`);
  }
  return names;
}

/** Element id → the first article its documentation cites (`（Art. 22）` → `Art. 22`). */
function elementArticles(doc: Document | undefined): Map<string, string> {
  const articles = new Map<string, string>();
  for (const node of Array.from(doc?.querySelectorAll('[id]') ?? [])) {
    const documentation = Array.from(node.children).find((child) => child.localName === 'documentation');
    const article = /Art\. ?\d+/.exec(documentation?.textContent ?? '')?.[0];
    if (article !== undefined) articles.set(node.getAttribute('id') ?? '', article.replace(/Art\.(\d)/, 'Art. $1'));
  }
  return articles;
}

type Schema = { title?: unknown; properties?: Record<string, Schema>; items?: Schema } | undefined;

/** The title of the schema a form's pointer tokens reach (through `properties` and `items`). */
function schemaTitle(form: Schema, tokens: string[]): string | undefined {
  let schema = form;
  for (let index = 0; index < tokens.length && schema !== undefined; index++) {
    if (tokens[index] === 'items') schema = schema.items;
    else schema = schema.properties?.[tokens[++index] ?? ''];
  }
  return typeof schema?.title === 'string' ? schema.title : undefined;
}

/** A title of the definitions in the page's language, or undefined where there is none. */
const titleIn = (say: Translate, title: unknown): string | undefined =>
  typeof title === 'string' ? say(title) : undefined;

/**
 * The names a problem can be told by, from the version as it is edited; in English the programme's
 * catalogue's (translations/en.json), a title it lacks as written.
 */
export function useProblemNames(workspace: Workspace, d: DesignerText): ProblemNames {
  const say = useDefinitionText()(workspace.process);
  const xml = workspace.text(FILES.process) ?? '';
  const rulesText = workspace.text(FILES.rules);
  const indicatorsText = workspace.text(FILES.indicators);
  const formPaths = workspace.paths.filter((path) => formKeyOf(path) !== undefined);
  // The forms' contents, as one string: what the memo below reads through workspace.text.
  const formTexts = formPaths.map((path) => workspace.text(path) ?? '').join('\u0000');
  return useMemo(() => {
    const forms = new Map(formPaths.map((path) => [formKeyOf(path) ?? '', parseJson<Schema>(workspace.text(path))]));
    const doc = parseXml(xml);
    const elements = elementNames(xml, doc, say);
    const articles = elementArticles(doc);
    const rules = parseJson<Rules>(rulesText) ?? {};
    const indicators = parseJson<Indicators>(indicatorsText);
    return {
      element: (id) => elements.get(id),
      elementArticle: (id) => articles.get(id),
      rule: (name) => titleIn(say, rules[name]?.title),
      indicator: (variant, index) => titleIn(say, indicators?.variants[variant]?.[index]?.title),
      indicatorTitle: (variant, id) =>
        titleIn(say, indicators?.variants[variant]?.find((indicator) => indicator.id === id)?.title),
      variant: (variant) => variantLabel(variant, d),
      form: (key) => titleIn(say, schemaTitle(forms.get(key), [])),
      formField: (key, tokens) => titleIn(say, schemaTitle(forms.get(key), tokens)),
    };
  }, [xml, rulesText, indicatorsText, formTexts, d, say]);
}

/**
 * The names a difference is told by: park types, dimensions, rules and elements of the draft (a removed
 * element carries its own name); in English the catalogue's, as useProblemNames gives them.
 */
export function useDiffNames(workspace: Workspace, d: DesignerText): DiffNames {
  const say = useDefinitionText()(workspace.process);
  const xml = workspace.text(FILES.process) ?? '';
  const rulesText = workspace.text(FILES.rules);
  const indicatorsText = workspace.text(FILES.indicators);
  return useMemo(() => {
    const elements = elementNames(xml, undefined, say);
    const rules = parseJson<Rules>(rulesText) ?? {};
    const dimensions = parseJson<Indicators>(indicatorsText)?.dimensions ?? [];
    return {
      variant: (variant) => variantLabel(variant, d),
      dimension: (id) => titleIn(say, dimensions.find((dimension) => dimension.id === id)?.title),
      element: (id) => elements.get(id),
      rule: (name) => {
        const title = titleIn(say, rules[name]?.title);
        return title === undefined ? undefined : shortTitle(title);
      },
      text: say,
    };
  }, [xml, rulesText, indicatorsText, d, say]);
}
