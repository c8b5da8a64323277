import type { Translate } from '../i18n/definition-text.js';
import type { MessageKey } from '../i18n/messages.js';
import { PROVINCES, provinceName } from '../workbench/catalog.js';

/** A role an admin may give (GET /api/roles). */
export interface AssignableRole {
  group: string;
  /** The process whose definitions title the group: its catalogue gives the titles in another language. */
  process?: string;
  title?: string;
  scope?: { title: string; values?: { code: string; name: string }[] };
  /** A subject's role: its account must name its region (CONTRACT §6). */
  regionRequired?: true;
  /** With `regionRequired`: the region the account names, as the programme calls it, and its values. */
  region?: { title: string; values?: { code: string; name: string }[] };
  /** With `regionRequired`: what its programme calls starting a case (manifest `startTitle`), when it says. */
  startTitle?: string;
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
    const { scope, region } = role;
    return {
      ...role,
      ...(region !== undefined && {
        region: {
          title: say(region.title),
          ...(region.values !== undefined && {
            values: region.values.map((value) => ({ ...value, name: say(value.name) })),
          }),
        },
      }),
      ...(role.title !== undefined && { title: say(role.title) }),
      ...(role.startTitle !== undefined && { startTitle: say(role.startTitle) }),
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
    const listed = [...(role.region?.values ?? []), ...(role.scope?.values ?? [])].find((value) => value.code === code);
    if (listed !== undefined) return listed.name;
  }
  return provinceName(code);
}

/**
 * What an account's region is called and which codes it takes, from the subjects' roles (设区的市 and
 * its cities on a server running county-brand): one title when they all agree, else none (the page's own
 * word); the values of all of them, else the workbench's provinces.
 */
export function accountRegion(roles: readonly AssignableRole[]): {
  title?: string;
  subject?: string;
  /** What their programmes call starting a case, when they all say the same (manifest `startTitle`). */
  start?: string;
  values: { code: string; name: string }[];
} {
  const subjects = roles.filter((role) => role.region !== undefined);
  const agreed = (values: readonly (string | undefined)[]) => {
    const distinct = new Set(values);
    return distinct.size === 1 ? [...distinct][0] : undefined;
  };
  const title = agreed(subjects.map((role) => role.region?.title));
  const subject = agreed(subjects.map((role) => role.scope?.title));
  const start = agreed(subjects.map((role) => role.startTitle));
  const values = new Map(subjects.flatMap((role) => role.region?.values ?? []).map((value) => [value.code, value]));
  return {
    ...(title !== undefined && { title }),
    ...(subject !== undefined && { subject }),
    ...(start !== undefined && { start }),
    values: values.size > 0 ? [...values.values()] : PROVINCES.entries,
  };
}
