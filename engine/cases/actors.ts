import { EngineError } from '../errors.js';
import { anyoneGroup, scopeKind } from '../definitions/subject-region.js';
import type { ProcessModel } from '../definitions/process-model.js';
import type { Manifest } from '../definitions/types.js';
import type { CaseRecord } from './case-record.js';

/** `group` or `group:scope` (a subject id such as a park's, a region code, a ministry code). */
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

/**
 * The role the server gives a caller without an account. What that caller may do is what the
 * programme's `anyone` group may do (`anyoneGroup`); the name itself grants nothing.
 */
export const PUBLIC_GROUP = 'public';

/** System administrators: see every case, act on none. */
export const ADMIN_GROUP = 'admin';

/** The value a group's tasks on this case are scoped to, or undefined for national groups. */
export function scopeValue(
  manifest: Manifest,
  group: string,
  record: Pick<CaseRecord, 'subject' | 'region'>,
  item?: string,
): string | undefined {
  switch (scopeKind(manifest, manifest.groups[group])) {
    case 'subject':
      return record.subject;
    case 'region':
      return record.region;
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
  const anyone = anyoneGroup(manifest);
  return groups.some((group) => {
    if (group === anyone) return true;
    const declared = manifest.groups[group];
    const required = scopeValue(manifest, group, record, item);
    return actor.roles.some(
      (role) => role.group === group && (declared?.scope === undefined || role.scope === required),
    );
  });
}

/**
 * Whether `actor` may start this case: as for acting (`mayActAs`), and a subject's own group (a park)
 * starts only in the region its account names — a subject does not pick its reviewing region
 * (Art. 17: the province where the park lies reviews its application).
 */
export function mayStart(actor: Actor, groups: readonly string[], manifest: Manifest, record: CaseRecord): boolean {
  return groups.some((group) => {
    if (!mayActAs(actor, [group], manifest, record)) return false;
    return scopeKind(manifest, manifest.groups[group]) !== 'subject' || actor.region === record.region;
  });
}

/**
 * The region's title when `actor` acts for this case's subject but its account names no region: it
 * may start nothing until one is added (said so, rather than as a refusal of the region it chose).
 */
export function regionMissing(actor: Actor, groups: readonly string[], manifest: Manifest, record: CaseRecord) {
  if (actor.region !== undefined) return undefined;
  const asSubject = groups.some(
    (group) => scopeKind(manifest, manifest.groups[group]) === 'subject' && mayActAs(actor, [group], manifest, record),
  );
  return asSubject ? manifest.region.title : undefined;
}

/**
 * Whether `actor` may see the case: scoped groups see the cases of their subject or region; national
 * groups of the process (SAMR, ministries) see all of them, except a group that sees what is assigned
 * to it (experts: the cases a token has reached one of its tasks in); the public sees none (public
 * notices are served separately).
 */
export function maySee(
  actor: Actor,
  manifest: Manifest,
  model: Pick<ProcessModel, 'userTasks'>,
  record: Pick<CaseRecord, 'subject' | 'region' | 'visited'>,
): boolean {
  const anyone = anyoneGroup(manifest);
  return actor.roles.some((role) => {
    if (role.group === ADMIN_GROUP) return true;
    if (role.group === PUBLIC_GROUP || role.group === anyone) return false;
    const declared = manifest.groups[role.group];
    if (declared === undefined) return false;
    const kind = scopeKind(manifest, declared);
    if (kind === 'subject') return role.scope === record.subject;
    if (kind === 'region') return role.scope === record.region;
    if (declared.sees === 'assigned') return hasReachedTaskOf(role.group, model, record);
    return true;
  });
}

function hasReachedTaskOf(group: string, model: Pick<ProcessModel, 'userTasks'>, record: Pick<CaseRecord, 'visited'>) {
  return model.userTasks.some(
    (task) => task.candidateGroups.includes(group) && record.visited.includes(task.elementId),
  );
}
