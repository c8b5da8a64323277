import { holderName } from '../../../engine/definitions/subject-region.js';
import type { CaseBundle } from './case-data.js';
import { PROVINCES } from './catalog.js';
import type { NamedSubmission } from './submissions.js';

/** The workbench's own words for who acted when no account did: the public, the system. */
export interface ActorWords {
  public: string;
  system: string;
}

/** What naming an actor reads of a case: its manifest, subject and regions, in the bundle's language. */
export type ActorContext = Pick<CaseBundle, 'view' | 'version' | 'language' | 'regions'>;

/** Who acted, as the server sent it: its Chinese name, and the parts it was made of. */
export type NamedActor = Pick<NamedSubmission, 'actor' | 'actorName' | 'actorRole' | 'actorPublic'>;

/**
 * Who acted, in the case's language. In Chinese, or without a case, (the definitions' own words) the server's name as
 * sent (江苏省市场监督管理局, 省级市场监管部门 · 江苏省, 公众). In another language, a member of the public
 * in the workbench's words, and an account named by its role composed again from its group's
 * translated title and its scope's translated name (Provincial market regulation department ·
 * Jiangsu); an organisation or a display name is what people typed, and stays as typed.
 */
export function actorNameOf(context: ActorContext | undefined, item: NamedActor, words: ActorWords): string {
  const sent = item.actorName ?? (item.actor === 'system' ? words.system : '—');
  if (context?.language === undefined || context.language === 'zh') return sent;
  if (item.actorPublic === true) return words.public;
  if (item.actorRole === undefined) return sent;
  const { manifest } = context.version;
  const { view } = context;
  const subject = {
    code: String(view[manifest.subject.name]),
    ...(view.subjectName !== undefined && { name: view.subjectName }),
  };
  // The workbench carries one directory, the regions' (catalog.ts).
  const regions = context.regions ?? PROVINCES;
  return holderName(manifest, item.actorRole, { directory: () => regions, subject }) ?? sent;
}
