import { SIGNED_IN_JSON_BODY_BYTES } from '../../../../server/body-limits.js';

/**
 * The largest body a draft's save may send: the diagram goes as one JSON body (`PUT
 * /api/drafts/:id/files`), which the server takes up to this size, so a larger one could never be
 * saved. The definitions' own diagrams are about 160 KB.
 */
export const DIAGRAM_MAX_BYTES = SIGNED_IN_JSON_BODY_BYTES;

/**
 * The bytes a save of this diagram sends: the file as a JSON string (each quote and line break
 * escaped — about 5% more than the file for a modeller's diagram) inside the save's body. A file
 * under the limit by its size alone could pass the import and never be saved.
 */
export function savedBytes(xml: string): number {
  const body = { path: 'process.bpmn', text: xml, revision: Number.MAX_SAFE_INTEGER };
  return new TextEncoder().encode(JSON.stringify(body)).length;
}

/**
 * The file size this diagram must come under to be saved: the limit less what its save adds to it
 * (rounded down to a kilobyte: a file cut to that size, with fewer escapes, fits).
 */
export function fittingFileBytes(fileBytes: number, saved: number): number {
  return Math.floor(Math.max(0, DIAGRAM_MAX_BYTES - (saved - fileBytes)) / 1024) * 1024;
}

/** `60.2 MB`, `0.95 MB`, `1 MB`: a file's size as the refusal says it (two places below 10 MB). */
export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb.toFixed(mb < 10 ? 2 : 1).replace(/\.?0+$/, '')} MB`;
}
