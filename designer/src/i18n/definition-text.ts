import type { Catalogue } from '../../../engine/definitions/translations.js';
import type { Directory, FormSchema, Indicators, Manifest, Rules } from '../../../engine/definitions/types.js';

/**
 * What the definitions say to people, in another language. A version's files carry one language
 * (Chinese) and are immutable once in force (CONTRACT §1), so English comes from a gettext-style
 * catalogue per programme, beside the versions and keyed by the exact Chinese text:
 * `definitions/<process>/translations/en.json`. A text the catalogue lacks stays Chinese.
 *
 * The walkers below name every field of a version that is shown to people; the catalogue's
 * completeness test walks the shipped version with them, so what is translated and what is checked
 * are the same fields.
 */
export type { Catalogue };
export type Translate = (text: string) => string;

const CHINESE = /[\u3400-\u9fff]/;

/** Whether a text needs a catalogue entry: it has Chinese in it. */
export const hasChinese = (text: string): boolean => CHINESE.test(text);

/** Translates by the catalogue; a text it lacks (or one with no Chinese) is returned as it is. */
export function translatorOf(catalogue: Catalogue | undefined): Translate {
  if (catalogue === undefined) return (text) => text;
  return (text) => (Object.hasOwn(catalogue, text) ? (catalogue[text] ?? text) : text);
}

/** Keywords that hold data or machine words, never text shown as a label: left alone. */
const DATA_KEYWORDS = new Set([
  'examples',
  'default',
  'const',
  'enum',
  'pattern',
  'format',
  '$schema',
  '$id',
  'required',
]);
/** Keywords whose string values people read (a field's label, its help; a choice's name). */
const TEXT_KEYWORDS = new Set(['title', 'description']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function translateNode(node: unknown, translate: Translate): unknown {
  if (Array.isArray(node)) return node.map((item: unknown) => translateNode(item, translate));
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (TEXT_KEYWORDS.has(key) && typeof value === 'string') out[key] = translate(value);
    else if (key === 'properties' && isRecord(value)) {
      // Property names are data keys, not keywords: a field called `title` keeps its schema translated.
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, translateNode(child, translate)]),
      );
    } else out[key] = translateNode(value, translate);
  }
  return out;
}

/**
 * A form's JSON Schema with every title and description translated (the form's, each field's, each
 * choice's `oneOf` title), at any depth; examples, defaults and constants are data and stay as they are.
 */
export function translateSchema<T extends FormSchema>(schema: T, translate: Translate): T {
  return translateNode(schema, translate) as T;
}

const titled = <T extends { title: string }>(entries: Record<string, T>, translate: Translate): Record<string, T> =>
  Object.fromEntries(
    Object.entries(entries).map(([name, entry]) => [name, { ...entry, title: translate(entry.title) }]),
  );

/** A manifest with what people read translated: the process title, statuses, dates, groups, subject and region. */
export function translateManifest(manifest: Manifest, translate: Translate): Manifest {
  return {
    ...manifest,
    title: translate(manifest.title),
    basis: translate(manifest.basis),
    ...(manifest.startTitle !== undefined && { startTitle: translate(manifest.startTitle) }),
    ...(manifest.shortTitle !== undefined && { shortTitle: translate(manifest.shortTitle) }),
    ...(manifest.publicNotice?.title !== undefined && {
      publicNotice: { ...manifest.publicNotice, title: translate(manifest.publicNotice.title) },
    }),
    subject: { ...manifest.subject, title: translate(manifest.subject.title) },
    region: { ...manifest.region, title: translate(manifest.region.title) },
    statuses: titled(manifest.statuses, translate),
    dates: titled(manifest.dates, translate),
    groups: Object.fromEntries(
      Object.entries(manifest.groups).map(([name, group]) => [
        name,
        {
          ...group,
          title: translate(group.title),
          ...(group.members !== undefined && {
            members: Object.fromEntries(Object.entries(group.members).map(([code, title]) => [code, translate(title)])),
          }),
        },
      ]),
    ),
  };
}

/**
 * A directory's entries by their names in the catalogue (江苏省 → Jiangsu). The directory files are
 * shared by the programmes, so each programme's catalogue carries the names of the directories its
 * manifest names (`regionDirectory`, a group's `directory`).
 */
export function translateDirectory(directory: Directory, translate: Translate): Directory {
  return { ...directory, entries: directory.entries.map((entry) => ({ ...entry, name: translate(entry.name) })) };
}

/** The rules' titles (periods and parameters). */
export const translateRules = (rules: Rules, translate: Translate): Rules => titled(rules, translate);

/** The indicator system's texts: its note, dimensions, indicators (name and scoring guidance) and veto items. */
export function translateIndicators(indicators: Indicators, translate: Translate): Indicators {
  return {
    ...indicators,
    ...(indicators.note !== undefined && { note: translate(indicators.note) }),
    ...(indicators.dimensions !== undefined && {
      dimensions: indicators.dimensions.map((dimension) => ({ ...dimension, title: translate(dimension.title) })),
    }),
    variants: Object.fromEntries(
      Object.entries(indicators.variants).map(([variant, items]) => [
        variant,
        items.map((item) => ({ ...item, title: translate(item.title), guidance: translate(item.guidance) })),
      ]),
    ),
    vetoes: indicators.vetoes.map((veto) => ({ ...veto, title: translate(veto.title) })),
  };
}

/** The names drawn on a diagram (tasks, events, gateways, lanes, messages): `name="…"` attributes. */
export function diagramNames(xml: string): string[] {
  const names = new Set<string>();
  for (const [, name] of xml.matchAll(/\sname="([^"]*)"/g))
    if (name !== undefined && name !== '') names.add(unescapeXml(name));
  return [...names];
}

/**
 * The reasons the diagram's final ends record on a case (`camunda:property name="reason"`): shown with
 * the case's end and in the banner that foretells it, so the catalogue translates them like a name.
 */
export function diagramReasons(xml: string): string[] {
  const reasons = new Set<string>();
  for (const [property] of xml.matchAll(/<camunda:property\b[^>]*>/g)) {
    const value = /\svalue="([^"]*)"/.exec(property)?.[1];
    if (/\sname="reason"/.test(property) && value !== undefined && value !== '') reasons.add(unescapeXml(value));
  }
  return [...reasons];
}

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');

/** A diagram with the names drawn on it translated (its `name="…"` attributes; ids and the rest as they are). */
export function translateDiagram(xml: string, translate: Translate): string {
  return xml.replace(/(\sname=")([^"]*)"/g, (whole, start: string, name: string) => {
    const translated = translate(unescapeXml(name));
    return translated === unescapeXml(name) ? whole : `${start}${escapeXml(translated)}"`;
  });
}

const unescapeXml = (text: string): string =>
  text
    .replace(/&#10;/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
