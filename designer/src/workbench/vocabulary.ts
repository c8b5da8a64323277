import { api } from '../api/client.js';
import type { Directory, Manifest } from '../../../engine/definitions/types.js';
import { translateDirectory, translateManifest } from '../i18n/definition-text.js';
import type { Language } from '../i18n/messages.js';
import { loadDefinitionText } from '../i18n/use-definition-text.js';
import { loadVersion, PROVINCES, type VersionInfo } from './catalog.js';

/**
 * What the programmes the server runs call a case's subject and region — 园区 and 省级单位 in one,
 * 申报县 and 设区的市 in another (their manifests' `subject.title` and `region.title`, in the reader's
 * language where their catalogue has it). A title is given only when every version agrees on it; the
 * lists and the case page fall back on the workbench's own word otherwise.
 */
export interface Vocabulary {
  subject?: string;
  region?: string;
}

/** One version the server runs, its manifest and region directory in the reader's language. */
export interface Programme {
  process: string;
  version: string;
  effectiveFrom: string;
  manifest: Manifest;
  regions: Directory;
}

/** The one value every version gives, else none. */
function agreed(values: readonly string[]): string | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

/** A version the server runs, with its manifest, rules and directory as written. */
export interface RunVersion {
  process: string;
  version: string;
  effectiveFrom: string;
  info: VersionInfo;
}

/** GET /api/definitions: every version the server runs, now (each version's files fetched once, cached). */
export async function loadRunVersions(): Promise<RunVersion[]> {
  const versions = await api<{ process: string; version: string; effectiveFrom: string }[]>('GET', '/api/definitions');
  return Promise.all(
    versions.map(async ({ process, version, effectiveFrom }) => ({
      process,
      version,
      effectiveFrom,
      info: await loadVersion(process, version),
    })),
  );
}

/** Every version the server runs, its manifest and region directory in the reader's language. */
export async function loadProgrammes(language: Language): Promise<Programme[]> {
  const versions = await loadRunVersions();
  return Promise.all(
    versions.map(async ({ process, version, effectiveFrom, info }) => {
      const translate = await loadDefinitionText(process, language);
      return {
        process,
        version,
        effectiveFrom,
        manifest: translateManifest(info.manifest, translate),
        regions: translateDirectory(info.regions ?? PROVINCES, translate),
      };
    }),
  );
}

export function vocabularyOf(programmes: readonly Programme[]): Vocabulary {
  const subject = agreed(programmes.map((programme) => programme.manifest.subject.title));
  const region = agreed(programmes.map((programme) => programme.manifest.region.title));
  return { ...(subject !== undefined && { subject }), ...(region !== undefined && { region }) };
}

/** A programme a user may start cases of: the version in force today and the subjects they act for. */
export interface Startable {
  programme: Programme;
  /** The subjects of the user's roles in the programme's subject group (`county:C-001` → C-001). */
  subjects: string[];
}

/**
 * Which programmes `roles` start cases of (a role in the group scoped by the programme's subject,
 * CONTRACT §6), on the version in force `today` (the newest whose effectiveFrom is on or before it).
 */
export function startable(programmes: readonly Programme[], roles: readonly string[], today: string): Startable[] {
  const inForce = new Map<string, Programme>();
  for (const programme of programmes) {
    const known = inForce.get(programme.process);
    const due = programme.effectiveFrom <= today;
    if (known === undefined || (due && (known.effectiveFrom > today || programme.effectiveFrom > known.effectiveFrom)))
      inForce.set(programme.process, programme);
  }
  return [...inForce.values()].flatMap((programme) => {
    const { manifest } = programme;
    const groups = Object.entries(manifest.groups)
      .filter(([, group]) => group.scope === manifest.subject.name)
      .map(([name]) => `${name}:`);
    const subjects = roles.flatMap((role) => {
      const group = groups.find((prefix) => role.startsWith(prefix));
      return group === undefined ? [] : [role.slice(group.length)];
    });
    return subjects.length === 0 ? [] : [{ programme, subjects }];
  });
}

/**
 * Each process's subject name (`park`, `county`): a notification carries its case's subject under it.
 * From the versions the server runs (each manifest fetched once, cached); a process's versions share it.
 */
export async function loadSubjectKeys(): Promise<Map<string, string>> {
  const versions = await loadRunVersions();
  return new Map(versions.map(({ info }) => [info.manifest.process, info.manifest.subject.name]));
}
