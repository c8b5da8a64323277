import type { Translate } from '../i18n/definition-text.js';
import type { MessageKey } from '../i18n/messages.js';
import { provinceName } from '../workbench/catalog.js';

/** A role an admin may give (GET /api/roles). */
export interface AssignableRole {
  group: string;
  /** The process whose definitions title the group: its catalogue gives the titles in another language. */
  process?: string;
  title?: string;
  scope?: { title: string; values?: { code: string; name: string }[] };
  /** A subject's role: its account must name its region (CONTRACT §6). */
  regionRequired?: true;
}

const SYSTEM_TITLES: Record<string, MessageKey> = { admin: 'roleAdmin', 'policy-admin': 'rolePolicyAdmin' };

/** `province:320000` as people read it: 省级市场监管部门 · 江苏省. */
export function roleTitle(text: string, roles: readonly AssignableRole[], t: (key: MessageKey) => string): string {
  const [group = '', scope] = text.split(':');
  const role = roles.find((candidate) => candidate.group === group);
  const system = SYSTEM_TITLES[group];
  const title = role?.title ?? (system === undefined ? group : t(system));
  if (scope === undefined) return title;
  return `${title} · ${role?.scope?.values?.find((value) => value.code === scope)?.name ?? scope}`;
}

/**
 * The roles as a reader in another language reads them: the group's title, its scope's title and
 * the names of its values (provinces, ministries) from the catalogue of the process that declares the
 * group; a text the catalogue lacks, or a role of no process (`admin`), as it came.
 */
export function translateRoles(
  roles: readonly AssignableRole[],
  translatorOf: (process: string) => Translate,
): AssignableRole[] {
  return roles.map((role) => {
    if (role.process === undefined) return role;
    const say = translatorOf(role.process);
    const { scope } = role;
    return {
      ...role,
      ...(role.title !== undefined && { title: say(role.title) }),
      ...(scope !== undefined && {
        scope: {
          title: say(scope.title),
          ...(scope.values !== undefined && {
            values: scope.values.map((value) => ({ ...value, name: say(value.name) })),
          }),
        },
      }),
    };
  });
}

/**
 * An account's region (`320000`) by its name among the roles' scope values (a region-scoped group
 * lists the region directory: 江苏省, in English Jiangsu), else the bundled directory's, else the code.
 */
export function regionName(code: string, roles: readonly AssignableRole[]): string {
  for (const role of roles) {
    const listed = role.scope?.values?.find((value) => value.code === code);
    if (listed !== undefined) return listed.name;
  }
  return provinceName(code);
}
