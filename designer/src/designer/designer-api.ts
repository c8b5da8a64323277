import { api } from '../api/client.js';

/** A published definition version (GET /api/definitions). */
export interface PublishedVersion {
  process: string;
  version: string;
  title: string;
  effectiveFrom: string;
  basis: string;
}

/** A draft without its files (GET /api/drafts). */
export interface DraftSummary {
  id: string;
  process: string;
  baseVersion: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAs?: string;
}

export interface Draft extends DraftSummary {
  files: Record<string, string>;
}

/** One thing wrong with a definition (engine/definitions/problems.ts). */
export interface Problem {
  severity: 'error' | 'warning';
  check: string;
  file: string;
  element?: string;
  pointer?: string;
  article?: string;
  message: string;
}

export type Change = 'added' | 'removed' | 'changed';

export interface DiffEntry {
  kind: 'rule' | 'indicator' | 'passScore' | 'veto' | 'form' | 'element' | 'flow' | 'manifest';
  key: string;
  change: Change;
  before?: unknown;
  after?: unknown;
}

export interface VersionDiff {
  entries: DiffEntry[];
  elements: Record<Change, string[]>;
  against: string;
}

export interface TimelineEntry {
  step: number;
  at: string;
  action: string;
  case?: string;
  ok: boolean;
  error?: { code: string; message: string };
  status?: string;
  openTasks?: string[];
  due?: Record<string, string>;
}

export interface SimulationOutcome {
  ok: boolean;
  failedStep?: number;
  reason?: string;
  timeline: TimelineEntry[];
}

export interface Simulation {
  name: string;
  error?: string;
  current?: SimulationOutcome;
  draft?: SimulationOutcome;
  differences: { step: number; action: string; current?: Record<string, string>; draft?: Record<string, string> }[];
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/** The designer's calls: server/routes/definitions.ts and server/routes/drafts.ts. */
export const designerApi = {
  versions: () => api<PublishedVersion[]>('GET', '/api/definitions'),
  version: (process: string, version: string) =>
    api<{ manifest: unknown; rules: unknown; indicators: unknown; forms: string[] }>(
      'GET',
      `/api/definitions/${path(process, version)}`,
    ),
  processXml: (process: string, version: string) =>
    api<string>('GET', `/api/definitions/${path(process, version)}/process.bpmn`),
  form: (process: string, version: string, formKey: string) =>
    api<unknown>('GET', `/api/definitions/${path(process, version)}/forms/${encodeURIComponent(formKey)}`),
  drafts: () => api<DraftSummary[]>('GET', '/api/drafts'),
  draft: (id: string) => api<Draft>('GET', `/api/drafts/${encodeURIComponent(id)}`),
  createDraft: (process: string, from: string) => api<Draft>('POST', '/api/drafts', { process, from }),
  deleteDraft: (id: string) => api<undefined>('DELETE', `/api/drafts/${encodeURIComponent(id)}`),
  saveFile: (id: string, file: string, text: string | null) =>
    api<Draft>('PUT', `/api/drafts/${encodeURIComponent(id)}/files`, { path: file, text }),
  validate: (id: string) =>
    api<{ ok: boolean; problems: Problem[] }>('POST', `/api/drafts/${encodeURIComponent(id)}/validate`),
  compare: (id: string) => api<VersionDiff>('GET', `/api/drafts/${encodeURIComponent(id)}/compare`),
  publish: (id: string, version: string, effectiveFrom: string) =>
    api<{ version: string; problems: Problem[] }>('POST', `/api/drafts/${encodeURIComponent(id)}/publish`, {
      version,
      effectiveFrom,
    }),
  simulate: (id: string) => api<Simulation[]>('POST', `/api/drafts/${encodeURIComponent(id)}/simulate`, {}),
  clock: () => api<{ now: string }>('GET', '/api/admin/clock'),
};
