import { api } from '../api/client.js';

/** A published definition version (GET /api/definitions). */
export interface PublishedVersion {
  process: string;
  version: string;
  title: string;
  effectiveFrom: string;
  basis: string;
}

/** A draft (GET /api/drafts/:id): the server's record, imported as a type only (below). */
export type Draft = ServerDraft;

/** A draft without its files (GET /api/drafts). */
export type DraftSummary = Omit<Draft, 'files'>;

// The server's own shapes, imported as types only (erased from the bundle: no Node code comes along).
export type { Problem } from '../../../engine/definitions/problems.js';
export type { ScenarioIncident, ScenarioIncidentEvent, TimelineEntry } from '../../../engine/scenario/run-scenario.js';
export type { Change, DiffEntry } from '../../../server/drafts/version-diff.js';
export type { Simulation } from '../../../server/drafts/simulate.js';
export type { SimulationJob } from '../../../server/drafts/simulation-jobs.js';
export type { PendingPublication, PublicationRefusal } from '../../../server/drafts/publication.js';
export type { RevisionBasis } from '../../../engine/definitions/types.js';
import type { PendingPublication } from '../../../server/drafts/publication.js';
import type { SimulationJob } from '../../../server/drafts/simulation-jobs.js';
import type { RevisionBasis } from '../../../engine/definitions/types.js';
import type { VersionDiff as ServerVersionDiff } from '../../../server/drafts/version-diff.js';
import type { Simulation } from '../../../server/drafts/simulate.js';
import type { Problem } from '../../../engine/definitions/problems.js';
import type { Draft as ServerDraft } from '../../../server/drafts/draft-records.js';

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
  createDraft: (process: string, from: string, title?: string) =>
    api<Draft>('POST', '/api/drafts', { process, from, ...(title !== undefined && { title }) }),
  /** Renames; `revision` is the one the page shows (409 when the draft was written since). */
  renameDraft: (id: string, title: string, revision: number) =>
    api<Draft>('PATCH', `/api/drafts/${encodeURIComponent(id)}`, { title, revision }),
  /** Deletes; `revision` is the one the list shows (409 when the draft was written since). */
  deleteDraft: (id: string, revision: number) =>
    api<undefined>('DELETE', `/api/drafts/${encodeURIComponent(id)}?revision=${String(revision)}`),
  /** Saves a file; `revision` is the one the editor's files come from (409 when the draft was saved since). */
  saveFile: (id: string, file: string, text: string | null, revision: number) =>
    api<Draft>('PUT', `/api/drafts/${encodeURIComponent(id)}/files`, { path: file, text, revision }),
  /** Saves several files in one write: all or (one refused, 422) none. */
  saveFiles: (id: string, files: Record<string, string | null>, revision: number) =>
    api<Draft>('PUT', `/api/drafts/${encodeURIComponent(id)}/files`, { files, revision }),
  validate: (id: string) =>
    api<{ ok: boolean; problems: Problem[] }>('POST', `/api/drafts/${encodeURIComponent(id)}/validate`),
  compare: (id: string) => api<VersionDiff>('GET', `/api/drafts/${encodeURIComponent(id)}/compare`),
  /**
   * Asks for publication; a second policy officer approves (four-eyes). `draftRevision`: the one the
   * page shows (409 when the draft was changed since: the officer asks for what they have seen).
   */
  publish: (id: string, version: string, effectiveFrom: string, revision: RevisionBasis, draftRevision: number) =>
    api<{ pending: PendingPublication; problems: Problem[] }>('POST', `/api/drafts/${encodeURIComponent(id)}/publish`, {
      version,
      effectiveFrom,
      revision,
      draftRevision,
    }),
  /** Approves the request the page shows (`draftRevision`; 409 when it was asked for again since). */
  approve: (id: string, draftRevision: number) =>
    api<{ version: string; problems: Problem[] }>('POST', `/api/drafts/${encodeURIComponent(id)}/approve`, {
      draftRevision,
    }),
  /** Sends the request the page shows back (`draftRevision`; 409 when it was asked for again since). */
  refuse: (id: string, reason: string, draftRevision: number) =>
    api<Draft>('POST', `/api/drafts/${encodeURIComponent(id)}/refuse`, { reason, draftRevision }),
  /** The requester takes back their own pending request, as the page shows it (409 when asked for again since). */
  withdraw: (id: string, draftRevision: number) =>
    api<Draft>('POST', `/api/drafts/${encodeURIComponent(id)}/withdraw`, { draftRevision }),
  simulate: (id: string) => api<Simulation[]>('POST', `/api/drafts/${encodeURIComponent(id)}/simulate`, {}),
  startSimulation: (id: string) => api<SimulationJob>('POST', `/api/drafts/${encodeURIComponent(id)}/simulations`, {}),
  simulation: (id: string, job: string) =>
    api<SimulationJob>('GET', `/api/drafts/${encodeURIComponent(id)}/simulations/${encodeURIComponent(job)}`),
  cancelSimulation: (id: string, job: string) =>
    api<SimulationJob>('DELETE', `/api/drafts/${encodeURIComponent(id)}/simulations/${encodeURIComponent(job)}`),
  clock: () => api<{ now: string }>('GET', '/api/admin/clock'),
};
