import { EngineError } from '../errors.js';
import type { GroupDeclaration, Manifest } from '../definitions/types.js';
import type { CaseRecord } from './case-record.js';

/** `group` or `group:scope` (a park id, a province code, a ministry code). */
export interface Role {
  group: string;
  scope?: string;
}

/** Who is acting: a user (or the public) with roles. */
export interface Actor {
  id: string;
  roles: readonly Role[];
  /** The region (e.g. province code) a subject's account belongs to (CONTRACT §6); none: starts no case. */
  region?: string;
}

/** Reads `park:P-001` or `samr`. */
export function parseRole(text: string): Role {
  const cut = text.indexOf(':');
  const group = cut < 0 ? text : text.slice(0, cut);
  const scope = cut < 0 ? undefined : text.slice(cut + 1);
  if (!/^[a-z][a-z0-9-]*$/.test(group) || (scope !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(scope))) {
    throw new EngineError('validation', `角色格式不正确：${text}（应为 group 或 group:scope）`, { role: text });
  }
  return scope === undefined ? { group } : { group, scope };
}

export function formatRole(role: Role): string {
  return role.scope === undefined ? role.group : `${role.group}:${role.scope}`;
}

/** The group anyone may act as, without an account (objections, Art. 22). */
export const PUBLIC_GROUP = 'public';

/** System administrators: see every case, act on none. */
export const ADMIN_GROUP = 'admin';

/** The value a group's tasks on this case are scoped to, or undefined for national groups. */
export function scopeValue(group: GroupDeclaration | undefined, record: CaseRecord, item?: string): string | undefined {
  switch (group?.scope) {
    case 'park':
      return record.park;
    case 'province':
      return record.province;
    case 'element':
      return item;
    default:
      return undefined;
  }
}

/**
 * Whether `actor` may act for `groups` on this case: a role of one of the groups whose scope, when
 * the group is scoped, is the case's park, province or the task's element. The public group admits
 * everyone.
 */
export function mayActAs(
  actor: Actor,
  groups: readonly string[],
  manifest: Manifest,
  record: CaseRecord,
  item?: string,
): boolean {
  return groups.some((group) => {
    if (group === PUBLIC_GROUP) return true;
    const declared = manifest.groups[group];
    const required = scopeValue(declared, record, item);
    return actor.roles.some(
      (role) => role.group === group && (declared?.scope === undefined || role.scope === required),
    );
  });
}

/**
 * Whether `actor` may start this case: as for acting (`mayActAs`), and a subject's own group (a park)
 * starts only in the region its account names — a park does not pick its reviewing province
 * (Art. 17: the province where the park lies reviews its application).
 */
export function mayStart(actor: Actor, groups: readonly string[], manifest: Manifest, record: CaseRecord): boolean {
  return groups.some((group) => {
    if (!mayActAs(actor, [group], manifest, record)) return false;
    return manifest.groups[group]?.scope !== 'park' || actor.region === record.province;
  });
}

/**
 * Whether `actor` may see the case: scoped groups see the cases of their park or province; national
 * groups of the process (SAMR, ministries, experts) see all of them; the public sees none (public
 * notices are served separately).
 */
export function maySee(actor: Actor, manifest: Manifest, record: CaseRecord): boolean {
  return actor.roles.some((role) => {
    if (role.group === ADMIN_GROUP) return true;
    if (role.group === PUBLIC_GROUP) return false;
    const declared = manifest.groups[role.group];
    if (declared === undefined) return false;
    if (declared.scope === 'park') return role.scope === record.park;
    if (declared.scope === 'province') return role.scope === record.province;
    return true;
  });
}
