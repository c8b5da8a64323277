import type { Request } from 'express';
import { regionDirectory, type SubjectRegion, type WorkflowEngine } from '../../engine/index.js';
import { HttpError } from '../http-errors.js';
import type { Language } from '../messages.js';
import { caseFilters } from '../openapi-requests.js';
import { onlyParametersOf } from '../request-context.js';

/** A case as `GET /api/cases` answers it (the engine's view; the type comes from what it returns). */
export type CaseView = ReturnType<WorkflowEngine['listCases']>[number];

/**
 * The case list's filters, as the workbench puts them in its address: `status`, `process` and the
 * region — under its neutral name `region` or the name a programme declares (`province`) — (each
 * repeated or comma-separated: any of them) and `q`, words that must all occur in the case number,
 * the subject's code or name, or the region's code or name.
 */
export interface CaseFilter {
  status: readonly string[];
  process: readonly string[];
  region: readonly string[];
  words: readonly string[];
}

function values(request: Request, name: string, label: string): string[] {
  const raw: unknown = request.query[name];
  if (raw === undefined) return [];
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (!list.every((value): value is string => typeof value === 'string'))
    throw new HttpError(422, 'validation', `「${label}」筛选条件应为文字`);
  return list
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The query keys that name a region: `region`, and each loaded programme's declared region name. */
export function regionKeys(engine: WorkflowEngine): { name: string; title: string }[] {
  const keys = new Map([['region', '所属地区']]);
  for (const version of engine.definitions.list()) {
    const { name, title } = version.definition.manifest.region;
    if (!keys.has(name)) keys.set(name, title);
  }
  return [...keys].map(([name, title]) => ({ name, title }));
}

export function caseFilterOf(request: Request, engine: WorkflowEngine): CaseFilter {
  // A misspelt filter (`?provnce=`) would export every case the caller sees, as if none were asked.
  onlyParametersOf(request.query, caseFilters(regionKeys(engine)));
  const q = values(request, 'q', '搜索').join(' ');
  return {
    status: values(request, 'status', '状态'),
    process: values(request, 'process', '流程'),
    region: regionKeys(engine).flatMap(({ name, title }) => values(request, name, title)),
    words: q
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== ''),
  };
}

/** Whether a case passes the filter; `regionName` names a region code (for the text search). */
export function matches(
  view: CaseView,
  filter: CaseFilter,
  regionName: (code: string) => string,
  { subject, region }: SubjectRegion,
): boolean {
  const within = (allowed: readonly string[], value: string) => allowed.length === 0 || allowed.includes(value);
  if (!within(filter.status, view.status) || !within(filter.process, view.process)) return false;
  if (!within(filter.region, region)) return false;
  const haystack = [view.id, subject, view.subjectName ?? '', region, regionName(region)].join(' ').toLowerCase();
  return filter.words.every((word) => haystack.includes(word));
}

/**
 * The cases `GET /api/cases` gives this caller (the engine decides the scope), filtered. Exports and
 * statistics read through here, so they can never show a case the list would not.
 */
export function casesFor(
  engine: WorkflowEngine,
  request: Request,
  filter: CaseFilter = caseFilterOf(request, engine),
): CaseView[] {
  const name = regionNamer(engine);
  return engine.listCases(request.actor).filter((view) => matches(view, filter, name, engine.subjectRegionOf(view)));
}

/** The region directory's names (`320000` → 江苏省); the code itself where there is none. */
export function regionNamer(engine: WorkflowEngine): (code: string) => string {
  const names = new Map<string, string>();
  for (const version of engine.definitions.list()) {
    const directory = regionDirectory(version.definition.manifest);
    for (const entry of (directory === undefined ? undefined : engine.definitions.directory(directory))?.entries ??
      []) {
      if (!names.has(entry.code)) names.set(entry.code, entry.name);
    }
  }
  return (code) => names.get(code) ?? code;
}

/**
 * A text of the case's definitions in `language`, from its programme's catalogue (as written where it
 * has none); each programme's catalogue looked up once for all the cases asked about.
 */
export function definitionText(engine: WorkflowEngine, language: Language): (view: CaseView, text: string) => string {
  if (language === 'zh') return (_view, text) => text;
  const catalogues = new Map<string, Readonly<Record<string, string>>>();
  const catalogueOf = (process: string): Readonly<Record<string, string>> => {
    let catalogue = catalogues.get(process);
    if (catalogue === undefined) {
      catalogue =
        engine.definitions.list(process).length === 0 ? {} : engine.definitions.translations(process, language);
      catalogues.set(process, catalogue);
    }
    return catalogue;
  };
  return (view, text) => {
    const catalogue = catalogueOf(view.process);
    return Object.hasOwn(catalogue, text) ? (catalogue[text] ?? text) : text;
  };
}

export function manifestOf(engine: WorkflowEngine, view: CaseView) {
  try {
    return engine.definitions.get(view.process, view.version).definition.manifest;
  } catch {
    return undefined;
  }
}
