/**
 * The largest `.bpmn` file 导入 .bpmn reads. A draft's diagram is saved as one JSON body
 * (`PUT /api/drafts/:id/files`), which the server takes up to 1 MB (`jsonBody`, server/app.ts), so a
 * larger file could never be saved. Checked from `File.size` before the file is read: reading and
 * parsing a 60 MB file held the page for 8 s before its save was refused. The definitions' own
 * diagrams are about 160 KB.
 */
export const DIAGRAM_MAX_BYTES = 1024 * 1024;

/** `60 MB`, `1.5 MB`: a file's size as the refusal says it. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
