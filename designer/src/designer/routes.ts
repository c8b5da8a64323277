/** `/designer/:process/:version` opens a published version (CONTRACT §7); a draft is `draft:<id>` there. */
const DRAFT_PREFIX = 'draft:';

export function versionPath(process: string, version: string): string {
  return `/designer/${encodeURIComponent(process)}/${encodeURIComponent(version)}`;
}

export function draftPath(process: string, draftId: string): string {
  return `/designer/${encodeURIComponent(process)}/${DRAFT_PREFIX}${encodeURIComponent(draftId)}`;
}

/** What `:version` names: a published version or a draft. */
export function parseVersionParam(param: string): { draftId: string } | { version: string } {
  return param.startsWith(DRAFT_PREFIX) ? { draftId: param.slice(DRAFT_PREFIX.length) } : { version: param };
}
