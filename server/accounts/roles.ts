import {
  EngineError,
  anyoneGroup,
  parseRole,
  regionDirectory,
  scopeKind,
  type Manifest,
  type WorkflowEngine,
} from '../../engine/index.js';
import type { AccountScope } from './accounts.js';
import { SAY } from '../messages.js';

/** Groups every programme has: administrators (CONTRACT §6) and the designer's editors. */
const SYSTEM_GROUPS = new Set(['admin', 'policy-admin']);
/** Everyone acts without an account as `public`, and as each programme's `anyone` group; no account holds them. */
const NOT_ASSIGNABLE = new Set(['public']);

interface GroupRule {
  scoped: boolean;
  /** Valid scope values, when the definitions list them (a directory or members). */
  values?: Set<string>;
}

/** A group an account may be given, as the account page offers it. */
export interface AssignableRole {
  group: string;
  /**
   * The process whose definitions title the group (the newest version's): its catalogue gives the
   * title, the scope's title and its values' names in another language. None for `admin`.
   */
  process?: string;
  /** The group's declared title (the newest version's); none for `admin`. */
  title?: string;
  /** Present when the role names a scope (`province:320000`): its title and, where listed, its values. */
  scope?: { title: string; values?: { code: string; name: string }[] };
  /** A subject's role (`park:P-001`): its account names its region, or it can start no case (CONTRACT §6). */
  regionRequired?: true;
  /** With `regionRequired`: the region the account names, as the programme calls it, and its listed values. */
  region?: { title: string; values?: { code: string; name: string }[] };
  /** With `regionRequired`: what the programme calls starting a case (its manifest's `startTitle`), when it says. */
  startTitle?: string;
}

/**
 * What roles an account may hold, from the definitions in force: the groups they declare (with the
 * scope each needs and, where listed, its valid values) plus `admin` and `policy-admin`. An unknown
 * group (`superuser`) would silently grant nothing, so it is refused (issue 9).
 */
export class RoleCatalogue {
  constructor(private readonly engine: WorkflowEngine) {}

  /** Throws `validation` for the first role the definitions do not know. */
  check(roles: readonly string[]): void {
    const rules = this.#rules();
    for (const text of roles) {
      const role = parseRole(text);
      const rule = SYSTEM_GROUPS.has(role.group) ? { scoped: false } : rules.get(role.group);
      if (rule === undefined || NOT_ASSIGNABLE.has(role.group) || this.#anyone().has(role.group)) {
        throw new EngineError('validation', SAY.unknownRole(text), { role: text });
      }
      if (rule.scoped !== (role.scope !== undefined)) {
        const expected = rule.scoped ? `${role.group}:<范围>` : role.group;
        throw new EngineError('validation', SAY.roleForm(text, expected), { role: text });
      }
      if (role.scope !== undefined && rule.values !== undefined && !rule.values.has(role.scope)) {
        throw new EngineError('validation', SAY.noSuchScope(text, role.scope), { role: text });
      }
    }
  }

  /** Throws `validation` unless `code` is a region (e.g. a province code) the definitions list. */
  checkRegion(code: string): void {
    const known = this.#regions();
    if (known.size > 0 && !known.has(code)) {
      const region = this.engine.definitions.list().at(-1)?.definition.manifest.region;
      throw new EngineError('validation', SAY.noSuchRegion(region?.title ?? '地区', code), {
        field: region?.name ?? 'region',
      });
    }
  }

  /**
   * Throws `validation` (at the request's `province`) when the account's region contradicts a role it
   * holds scoped to a region (`province:320000` on an account naming 330000): the role acts in one
   * province while the account, shown and listed as of the other, says another. No region is no
   * contradiction: the role's scope names it (the demo accounts' province offices name none).
   */
  checkRegionAgrees(roles: readonly string[], region: string | undefined): void {
    if (region === undefined) return;
    const scopedByRegion = this.#groupsScopedBy('region');
    const against = roles.find((text) => {
      const role = parseRole(text);
      return scopedByRegion.has(role.group) && role.scope !== undefined && role.scope !== region;
    });
    if (against === undefined) return;
    const title = this.#regionTitle();
    throw new EngineError('validation', SAY.regionAgainstRole(title, region, against), { field: 'province' });
  }

  /**
   * Throws `validation` when a subject's role given (`park:P-JS-001`) names a subject other accounts
   * hold in another region, or spelt otherwise (`park:p-js-001`): a park given by mistake in another
   * province gave each province's account the other's cases, and a case started under one blocked
   * the other's. `others` are the other accounts as stored; one naming no region contradicts none. A
   * park whose region really changed has its accounts moved (their region changed), not new ones given.
   */
  checkSubjectAgrees(roles: readonly string[], region: string | undefined, others: readonly AccountScope[]): void {
    const subjectScoped = this.#groupsScopedBy('subject');
    for (const text of roles) {
      const role = parseRole(text);
      if (!subjectScoped.has(role.group) || role.scope === undefined) continue;
      const scope = role.scope;
      for (const other of others)
        for (const held of other.roles.map(parseRole)) {
          if (held.group !== role.group || held.scope?.toLowerCase() !== scope.toLowerCase()) continue;
          if (held.scope !== scope) {
            throw new EngineError('validation', SAY.subjectSpeltOtherwise(scope, held.scope), { field: 'roles' });
          }
          if (region !== undefined && other.province !== undefined && other.province !== region) {
            const title = this.#regionTitle();
            throw new EngineError('validation', SAY.subjectInAnotherRegion(scope, title, other.province, region), {
              field: 'province',
            });
          }
        }
    }
  }

  #regionTitle(): string {
    return this.engine.definitions.list().at(-1)?.definition.manifest.region.title ?? '地区';
  }

  /**
   * Every role an admin may give, with its title and its scope's choices (newest version first for
   * titles; values from every version): `admin`, then each declared group but the public's.
   */
  assignable(): AssignableRole[] {
    const rules = this.#rules();
    const anyone = this.#anyone();
    const described = new Map<string, AssignableRole>([['admin', { group: 'admin' }]]);
    for (const version of [...this.engine.definitions.list()].reverse()) {
      const { manifest } = version.definition;
      for (const [name, group] of Object.entries(manifest.groups)) {
        if (described.has(name) || NOT_ASSIGNABLE.has(name) || anyone.has(name)) continue;
        const kind = scopeKind(manifest, group);
        const directory = kind === 'region' ? regionDirectory(manifest) : undefined;
        const names = new Map<string, string>([
          ...(this.engine.definitions.directory(directory ?? '')?.entries ?? []).map((entry): [string, string] => [
            entry.code,
            entry.name,
          ]),
          ...Object.entries(group.members ?? {}),
        ]);
        const values = [...(rules.get(name)?.values ?? [])].map((code) => ({ code, name: names.get(code) ?? code }));
        const scopeTitle =
          kind === 'region' ? manifest.region.title : kind === 'subject' ? manifest.subject.title : group.title;
        described.set(name, {
          group: name,
          process: manifest.process,
          title: group.title,
          ...(group.scope !== undefined && {
            scope: { title: scopeTitle, ...(values.length > 0 && { values }) },
          }),
          ...(kind === 'subject' && {
            regionRequired: true as const,
            region: this.#region(manifest),
            ...(manifest.startTitle !== undefined && { startTitle: manifest.startTitle }),
          }),
        });
      }
    }
    if (!described.has('policy-admin')) described.set('policy-admin', { group: 'policy-admin' });
    return [...described.values()];
  }

  /** The region a subject's account names (设区的市, 省级单位), with its directory's values. */
  #region(manifest: Manifest): NonNullable<AssignableRole['region']> {
    const directory = regionDirectory(manifest);
    const entries = directory === undefined ? undefined : this.engine.definitions.directory(directory)?.entries;
    return {
      title: manifest.region.title,
      ...(entries !== undefined && { values: entries.map(({ code, name }) => ({ code, name })) }),
    };
  }

  #anyone(): Set<string> {
    const groups = this.engine.definitions.list().map((version) => anyoneGroup(version.definition.manifest));
    return new Set(groups.filter((group): group is string => group !== undefined));
  }

  #rules(): Map<string, GroupRule> {
    const rules = new Map<string, GroupRule>();
    for (const version of this.engine.definitions.list()) {
      for (const [name, group] of Object.entries(version.definition.manifest.groups)) {
        const { manifest } = version.definition;
        const directory = scopeKind(manifest, group) === 'region' ? regionDirectory(manifest) : undefined;
        const listed =
          directory !== undefined
            ? this.engine.definitions.directory(directory)?.entries.map((entry) => entry.code)
            : group.members === undefined
              ? undefined
              : Object.keys(group.members);
        const values =
          listed === undefined ? rules.get(name)?.values : new Set([...(rules.get(name)?.values ?? []), ...listed]);
        rules.set(name, { scoped: group.scope !== undefined, ...(values !== undefined && { values }) });
      }
    }
    return rules;
  }

  /** The groups whose scope is a region (`province`, `province-leading-group`) or the subject (`park`), in any version. */
  #groupsScopedBy(kind: 'region' | 'subject'): Set<string> {
    const groups = new Set<string>();
    for (const { definition } of this.engine.definitions.list())
      for (const [name, group] of Object.entries(definition.manifest.groups))
        if (scopeKind(definition.manifest, group) === kind) groups.add(name);
    return groups;
  }

  #regions(): Set<string> {
    const codes = new Set<string>();
    for (const version of this.engine.definitions.list()) {
      const directory = regionDirectory(version.definition.manifest);
      if (directory === undefined) continue;
      for (const entry of this.engine.definitions.directory(directory)?.entries ?? []) codes.add(entry.code);
    }
    return codes;
  }
}
