import { MANIFEST_SCHEMA } from '../file-schemas.js';
import { pointerToken, type FileProblems } from '../problems.js';
import type { Manifest } from '../types.js';
import type { DefinitionContext } from '../version-source.js';
import { checkShape, parseJson } from './json.js';

/** `manifest.json`: its shape, names matching its directory, and what it refers to outside itself. */
export function checkManifest(
  text: string,
  expected: { process: string; version: string },
  context: DefinitionContext,
  problems: FileProblems,
): Manifest | undefined {
  const data = parseJson(text, problems);
  if (!checkShape<Manifest>(data, MANIFEST_SCHEMA, problems)) return undefined;
  if (data.process !== expected.process) {
    problems.error('manifest-process', `process "${data.process}" does not match its directory "${expected.process}"`, {
      pointer: '/process',
    });
  }
  if (data.version !== expected.version) {
    problems.error('manifest-version', `version "${data.version}" does not match its directory "${expected.version}"`, {
      pointer: '/version',
    });
  }
  if (!context.calendars.has(data.calendar)) {
    problems.error('unknown-calendar', `calendar "${data.calendar}" has no files under calendars/${data.calendar}/`, {
      pointer: '/calendar',
    });
  }
  const statuses = Object.values(data.statuses);
  if (!statuses.some((status) => status.final === true)) {
    problems.error('manifest-statuses', 'no final status: a case could never end', { pointer: '/statuses' });
  }
  if (statuses.every((status) => status.final === true)) {
    problems.error('manifest-statuses', 'every status is final: a case could never run', { pointer: '/statuses' });
  }
  for (const [name, group] of Object.entries(data.groups)) {
    const at = `/groups/${pointerToken(name)}`;
    if (group.directory !== undefined && !context.directories.has(group.directory)) {
      problems.error('unknown-directory', `directory "${group.directory}" has no file directory/${group.directory}.json`, {
        pointer: `${at}/directory`,
      });
    }
    if (group.scope === 'element' && group.members === undefined) {
      problems.error('group-members', `group "${name}" is scoped per element but lists no members`, { pointer: at });
    }
    if (group.scope !== 'element' && group.members !== undefined) {
      problems.error('group-members', `group "${name}" lists members but is not scoped per element`, {
        pointer: `${at}/members`,
      });
    }
  }
  checkPublicReaders(data, problems);
  return data;
}

/**
 * `publicSubmissionReaders` names declared groups that may know who objected (Art. 22): never the
 * public itself, never a group scoped to the subject (the park objected against would learn who).
 */
function checkPublicReaders(data: Manifest, problems: FileProblems): void {
  for (const [index, name] of (data.publicSubmissionReaders ?? []).entries()) {
    const pointer = `/publicSubmissionReaders/${index}`;
    const group = data.groups[name];
    if (group === undefined) {
      problems.error('unknown-group', `group "${name}" is not declared in groups`, { pointer });
    } else if (name === 'public' || group.scope === 'park') {
      problems.error('public-readers', `group "${name}" may not read the public's submissions: it would learn who objected`, {
        pointer,
      });
    }
  }
}
