import {
  FORMS_DIR,
  FORM_FILE_SUFFIX,
  VERSION_FILES,
  buildProcessModel,
  parseBpmn,
  type Indicators,
  type ProcessModel,
  type Rules,
  type VersionSource,
} from '../../engine/index.js';

export type Change = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  kind: 'rule' | 'indicator' | 'passScore' | 'veto' | 'form' | 'element' | 'flow' | 'manifest';
  key: string;
  change: Change;
  before?: unknown;
  after?: unknown;
}

/** What a draft changes against a version: rules, indicators, forms and diagram elements. */
export interface VersionDiff {
  entries: DiffEntry[];
  /** Diagram element ids per change, for markers on the diagram. */
  elements: Record<Change, string[]>;
}

interface Parts {
  rules: Rules;
  indicators: Indicators | undefined;
  forms: Map<string, string>;
  model: ProcessModel | undefined;
  manifest: Record<string, unknown>;
}

function json<T>(text: string | undefined, fallback: T): T {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Reads what can be read of a version, leniently: a draft being edited may be broken. */
async function partsOf(source: VersionSource): Promise<Parts> {
  const forms = new Map<string, string>();
  for (const [file, text] of source.files) {
    if (file.startsWith(FORMS_DIR) && file.endsWith(FORM_FILE_SUFFIX)) {
      forms.set(file.slice(FORMS_DIR.length, -FORM_FILE_SUFFIX.length), JSON.stringify(json(text, text)));
    }
  }
  let model: ProcessModel | undefined;
  const xml = source.files.get(VERSION_FILES.process);
  if (xml !== undefined) {
    try {
      model = buildProcessModel((await parseBpmn(xml)).definitions);
    } catch {
      model = undefined;
    }
  }
  return {
    rules: json<Rules>(source.files.get(VERSION_FILES.rules), {}),
    indicators: json<Indicators | undefined>(source.files.get(VERSION_FILES.indicators), undefined),
    forms,
    model,
    manifest: json<Record<string, unknown>>(source.files.get(VERSION_FILES.manifest), {}),
  };
}

function compareMaps<T>(
  kind: DiffEntry['kind'],
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  entries: DiffEntry[],
  same: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b),
): void {
  for (const [key, value] of before) {
    const next = after.get(key);
    if (next === undefined) entries.push({ kind, key, change: 'removed', before: value });
    else if (!same(value, next)) entries.push({ kind, key, change: 'changed', before: value, after: next });
  }
  for (const [key, value] of after) if (!before.has(key)) entries.push({ kind, key, change: 'added', after: value });
}

function nodeShape(model: ProcessModel, id: string): unknown {
  const node = model.nodes.get(id);
  if (node === undefined) return undefined;
  return {
    type: node.type,
    name: node.name,
    properties: Object.fromEntries(node.properties),
    documentation: node.documentation,
  };
}

export async function diffVersions(base: VersionSource, draft: VersionSource): Promise<VersionDiff> {
  const [a, b] = await Promise.all([partsOf(base), partsOf(draft)]);
  const entries: DiffEntry[] = [];
  const { version: _v1, effectiveFrom: _e1, ...manifestA } = a.manifest;
  const { version: _v2, effectiveFrom: _e2, ...manifestB } = b.manifest;
  compareMaps('manifest', new Map(Object.entries(manifestA)), new Map(Object.entries(manifestB)), entries);
  compareMaps('rule', new Map(Object.entries(a.rules)), new Map(Object.entries(b.rules)), entries);
  if (a.indicators?.passScore !== b.indicators?.passScore) {
    entries.push({
      kind: 'passScore',
      key: 'passScore',
      change: 'changed',
      before: a.indicators?.passScore,
      after: b.indicators?.passScore,
    });
  }
  const indicatorMap = (indicators: Indicators | undefined) =>
    new Map(
      Object.entries(indicators?.variants ?? {}).flatMap(([variant, list]) =>
        list.map((item) => [`${variant}/${item.id}`, item] as const),
      ),
    );
  compareMaps('indicator', indicatorMap(a.indicators), indicatorMap(b.indicators), entries);
  const vetoMap = (indicators: Indicators | undefined) =>
    new Map((indicators?.vetoes ?? []).map((veto) => [veto.id, veto] as const));
  compareMaps('veto', vetoMap(a.indicators), vetoMap(b.indicators), entries);
  compareMaps('form', a.forms, b.forms, entries, (x, y) => x === y);

  const elements: VersionDiff['elements'] = { added: [], removed: [], changed: [] };
  if (a.model !== undefined && b.model !== undefined) {
    const modelA = a.model;
    const modelB = b.model;
    const nodes = (model: ProcessModel) =>
      new Map([...model.nodes.keys()].map((id) => [id, nodeShape(model, id)] as const));
    const before = entries.length;
    compareMaps('element', nodes(modelA), nodes(modelB), entries);
    const flows = (model: ProcessModel) =>
      new Map(
        [...model.flows].map(
          ([id, flow]) =>
            [id, { ...flow, condition: model.conditions.find((condition) => condition.flowId === id)?.body }] as const,
        ),
      );
    compareMaps('flow', flows(modelA), flows(modelB), entries);
    for (const entry of entries.slice(before)) elements[entry.change].push(entry.key);
  }
  return { entries, elements };
}
