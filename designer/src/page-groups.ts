import { useEffect, useState } from 'react';
import { scopeKind } from '../../engine/definitions/subject-region.js';
import type { Manifest } from '../../engine/definitions/types.js';
import { loadRunVersions } from './workbench/vocabulary.js';

/**
 * Who each signed-in page is for, by group: the menu offers a page only to them, and the page itself
 * tells anyone else it is not for their role (the server refuses them its data in any case).
 * `statistics` and `overdue` are the first programme's groups here; on a server running others they
 * come from the programmes' manifests (`programmePageGroups`), and these are only the fallback.
 */
export const PAGE_GROUPS = {
  statistics: ['samr', 'province', 'province-leading-group', 'admin'],
  overdue: ['samr', 'province'],
  accounts: ['admin'],
  designer: ['policy-admin', 'admin'],
  calendars: ['policy-admin', 'admin'],
  clock: ['admin'],
} as const satisfies Record<string, readonly string[]>;

export type PageName = keyof typeof PAGE_GROUPS;

/** The groups every server has, whatever its programmes declare. */
const SYSTEM_GROUPS: ReadonlySet<string> = new Set(['admin', 'policy-admin']);

/** The pages whose readers the programmes' manifests say. */
export type ProgrammePage = 'statistics' | 'overdue';

/**
 * From the manifests: the statistics page is for each programme's region-scoped and national groups
 * (not a subject's, an element's, the experts who see only what is sent to them, nor the public), and
 * the admin; the overdue board (督办看板) for the groups that supervise (`supervises`).
 */
export function programmePageGroups(manifests: readonly Manifest[]): Record<ProgrammePage, string[]> {
  const declared = manifests.flatMap((manifest) =>
    Object.entries(manifest.groups)
      .filter(([name]) => !SYSTEM_GROUPS.has(name))
      .map(([name, group]) => ({ name, group, kind: scopeKind(manifest, group) })),
  );
  const statistics = declared
    .filter(
      ({ group, kind }) =>
        group.anyone !== true &&
        group.sees === undefined &&
        (kind === 'region' || (group.scope === undefined && kind === undefined)),
    )
    .map(({ name }) => name);
  const overdue = declared.filter(({ group }) => group.supervises !== undefined).map(({ name }) => name);
  return { statistics: [...new Set([...statistics, 'admin'])], overdue: [...new Set(overdue)] };
}

let loaded: Promise<Record<ProgrammePage, string[]>> | undefined;

/** GET /api/definitions and each version's manifest (cached); a failure is forgotten, to be asked again. */
function loadPageGroups(): Promise<Record<ProgrammePage, string[]>> {
  loaded ??= loadRunVersions()
    .then((versions) => programmePageGroups(versions.map(({ info }) => info.manifest)))
    .catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
  return loaded;
}

/**
 * The groups each page is for on this server: the programmes' (once their manifests are loaded, for a
 * signed-in user), else PAGE_GROUPS. `ready` is false while they load.
 */
export function usePageGroups(signedIn: boolean): {
  groups: Record<PageName, readonly string[]>;
  ready: boolean;
} {
  const [fromManifests, setFromManifests] = useState<Record<ProgrammePage, string[]>>();
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    loadPageGroups().then(
      (groups) => {
        if (current) {
          setFromManifests(groups);
          setSettled(true);
        }
      },
      () => {
        if (current) setSettled(true);
      },
    );
    return () => {
      current = false;
    };
  }, [signedIn]);
  return { groups: { ...PAGE_GROUPS, ...fromManifests }, ready: settled };
}
