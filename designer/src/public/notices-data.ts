import { api } from '../api/client.js';

/** GET /api/public/notices: an open public notice (Art. 22) and the message it accepts. */
export interface PublicNotice {
  caseId: string;
  process: string;
  /** The case's definition version: its objection form belongs to it. */
  version: string;
  /** The subject, its name and the region also under the names the programme declares (`park`, `parkName`). */
  readonly [declared: string]: unknown;
  /** The subject and region under fixed names, titled as the programme's manifest titles them. */
  about: {
    subject: { code: string; title: string; name?: string };
    region: { code: string; title: string; name?: string };
  };
  status: string;
  result?: string;
  /** What is publicised, as the diagram names it (公示评估验收结果); absent when it names nothing. */
  title?: string;
  /** The message the notice accepts: `objection`. */
  message: string;
  opensOn?: string;
  closesOn?: string;
  /** How many working days the notice runs (Art. 22: five), when its period counts working days. */
  workingDays?: number;
}

export async function loadNotices(): Promise<{ notices: PublicNotice[]; versions: Map<string, string> }> {
  const notices = await api<PublicNotice[]>('GET', '/api/public/notices');
  return { notices, versions: new Map(notices.map((notice) => [notice.caseId, notice.version])) };
}
