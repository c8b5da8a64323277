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

// The server's own shapes, imported as types only (erased from the bundle: no Node code comes along).
export type { Problem } from '../../../engine/definitions/problems.js';
export type { TimelineEntry } from '../../../engine/scenario/run-scenario.js';
export type { Change, DiffEntry } from '../../../server/drafts/version-diff.js';
export type { Simulation } from '../../../server/drafts/simulate.js';
import type { VersionDiff as ServerVersionDiff } from '../../../server/drafts/version-diff.js';
import type { Simulation } from '../../../server/drafts/simulate.js';
import type { Problem } from '../../../engine/definitions/problems.js';

/** GET /api/drafts/:id/compare: the differences and the version compared against. */
export type VersionDiff = ServerVersionDiff & { against: string };

export type SimulationOutcome = NonNullable<Simulation['current']>;

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
