import { api } from '../api/client.js';

/** GET /api/public/notices: an open public notice (Art. 22) and the message it accepts. */
export interface PublicNotice {
  caseId: string;
  process: string;
  /** The case's definition version, when the server says it (its objection form belongs to it). */
  version?: string;
  park: string;
  parkName?: string;
  province: string;
  provinceName?: string;
  status: string;
  result?: string;
  /** The message the notice accepts: `objection`. */
  message: string;
  opensOn?: string;
  closesOn?: string;
}

/**
 * The version whose objection form a notice takes. The notice names it when the server includes
 * `version`; otherwise the versions the server runs (public `GET /api/health`) decide: the only one
 * of the process, or the newest whose name (its effective date) is not after the notice opened.
 */
export async function noticeVersions(notices: readonly PublicNotice[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const missing = notices.filter((notice) => notice.version === undefined);
  for (const notice of notices) if (notice.version !== undefined) versions.set(notice.caseId, notice.version);
  if (missing.length === 0) return versions;
  const health = await api<{ definitions?: string[] }>('GET', '/api/health');
  for (const notice of missing) {
    const candidates = (health.definitions ?? [])
      .filter((key) => key.startsWith(`${notice.process}@`))
      .map((key) => key.slice(notice.process.length + 1))
      .sort();
    const opened = notice.opensOn ?? '9999-12-31';
    const chosen = candidates.length === 1 ? candidates[0] : candidates.filter((version) => version <= opened).at(-1);
    if (chosen !== undefined) versions.set(notice.caseId, chosen);
  }
  return versions;
}

export async function loadNotices(): Promise<{ notices: PublicNotice[]; versions: Map<string, string> }> {
  const notices = await api<PublicNotice[]>('GET', '/api/public/notices');
  return { notices, versions: await noticeVersions(notices) };
}
