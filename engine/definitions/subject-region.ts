import type { Directory, GroupDeclaration, Manifest } from './types.js';

/**
 * The one place declared names meet the engine's own words. A manifest declares who a case is about
 * (`subject`, e.g. `park`/园区) and through whom it goes (`region`, e.g. `province`/省级单位); the
 * engine knows only subject and region. Clients use the declared names (`{process, park, province}`,
 * `case.park`, `park:P-001`), and may use the neutral `subject` / `region` instead.
 */

/** What a group's scope is inside the engine. */
export type ScopeKind = 'subject' | 'region' | 'element';

/** The kind of a group's declared scope; undefined for national groups. */
export function scopeKind(manifest: Pick<Manifest, 'subject' | 'region'>, group: GroupDeclaration | undefined) {
  const scope = group?.scope;
  if (scope === undefined) return undefined;
  if (scope === 'element') return 'element';
  if (scope === manifest.subject.name) return 'subject';
  if (scope === manifest.region.name) return 'region';
  return undefined;
}

/** The group that is anyone at all (`"anyone": true`), if the programme declares one. */
export function anyoneGroup(manifest: Pick<Manifest, 'groups'>): string | undefined {
  return Object.entries(manifest.groups).find(([, group]) => group.anyone === true)?.[0];
}

/** The directory file listing valid region codes: the region's own, else one a region-scoped group names. */
export function regionDirectory(manifest: Pick<Manifest, 'groups' | 'subject' | 'region'>): string | undefined {
  if (manifest.region.directory !== undefined) return manifest.region.directory;
  return Object.values(manifest.groups).find(
    (group) => scopeKind(manifest, group) === 'region' && group.directory !== undefined,
  )?.directory;
}

export interface SubjectRegion {
  subject: string;
  region: string;
}

/**
 * Reads a case's subject and region from what a client sent: the declared names (`park`,
 * `province`) or the neutral `subject` / `region`. A value is whatever was sent there (checked by
 * the caller); undefined when neither key is present.
 */
export function readSubjectRegion(
  manifest: Pick<Manifest, 'subject' | 'region'>,
  input: Readonly<Record<string, unknown>>,
): { subject: unknown; region: unknown } {
  const pick = (declared: string, neutral: string) => (declared in input ? input[declared] : input[neutral]);
  return { subject: pick(manifest.subject.name, 'subject'), region: pick(manifest.region.name, 'region') };
}

/** The subject and region under the declared names, for clients (`{ park, province }`). */
export function declaredSubjectRegion(
  manifest: Pick<Manifest, 'subject' | 'region'>,
  value: SubjectRegion,
): Record<string, string> {
  return { [manifest.subject.name]: value.subject, [manifest.region.name]: value.region };
}

/** Where the names of scopes are found: directory files by name, and the case's subject. */
export interface ScopeNames {
  directory(name: string): Directory | undefined;
  subject?: { code: string; name?: string };
}

/**
 * Who holds a group's role, as people name it: the group's declared title and its scope's name
 * (省级市场监管部门 · 江苏省); undefined for a group the manifest does not declare.
 */
export function holderName(
  manifest: Pick<Manifest, 'groups' | 'subject' | 'region'>,
  holder: { group: string; scope?: string },
  names: ScopeNames,
): string | undefined {
  const group = manifest.groups[holder.group];
  if (group === undefined) return undefined;
  const { scope } = holder;
  if (scope === undefined) return group.title;
  const subject = names.subject;
  // A region's group may leave its directory to the region's (county-brand's city: it read · 330100).
  const directory = group.directory ?? (scopeKind(manifest, group) === 'region' ? regionDirectory(manifest) : undefined);
  const scopeName =
    group.members?.[scope] ??
    (directory === undefined ? undefined : names.directory(directory)?.entries.find((entry) => entry.code === scope)?.name) ??
    (scopeKind(manifest, group) === 'subject' && subject?.code === scope ? subject.name : undefined) ??
    scope;
  return `${group.title} · ${scopeName}`;
}
