import { MANIFEST_SCHEMA } from '../file-schemas.js';
import { pointerToken, type FileProblems } from '../problems.js';
import { scopeKind } from '../subject-region.js';
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
  checkSubjectRegion(data, context, problems);
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
 * `anyone` group itself, never a group scoped to the subject (the subject objected against would learn who).
 */
function checkPublicReaders(data: Manifest, problems: FileProblems): void {
  for (const [index, name] of (data.publicSubmissionReaders ?? []).entries()) {
    const pointer = `/publicSubmissionReaders/${index}`;
    const group = data.groups[name];
    if (group === undefined) {
      problems.error('unknown-group', `group "${name}" is not declared in groups`, { pointer });
    } else if (group.anyone === true || scopeKind(data, group) === 'subject') {
      problems.error('public-readers', `group "${name}" may not read the public's submissions: it would learn who objected`, {
        pointer,
      });
    }
  }
}

/** Names a programme may not declare as its subject or region: the engine's own words for them. */
const NOT_SUBJECT_OR_REGION = new Set(['element', 'process', 'version', 'id', 'case', 'status']);

/**
 * `subject` and `region` (who a case is about, through whom it goes): two different names, neither a
 * word the engine or the API already uses; every scope a group names is one of them or `element`; the
 * region's directory exists; at most one group is `anyone`, and it is not scoped; a group that sees
 * only the cases assigned to it is neither scoped nor anyone (its tasks say which); `publicNotice`
 * names its subject-name key apart from the case's other keys.
 */
function checkSubjectRegion(data: Manifest, context: DefinitionContext, problems: FileProblems): void {
  const { subject, region } = data;
  for (const [key, declared] of [
    ['subject', subject],
    ['region', region],
  ] as const) {
    if (NOT_SUBJECT_OR_REGION.has(declared.name)) {
      problems.error('subject-region', `${key} may not be named "${declared.name}": the engine uses that word`, {
        pointer: `/${key}/name`,
      });
    }
  }
  if (subject.name === region.name) {
    problems.error('subject-region', `subject and region are both named "${subject.name}"`, { pointer: '/region/name' });
  }
  if (region.directory !== undefined && !context.directories.has(region.directory)) {
    problems.error('unknown-directory', `directory "${region.directory}" has no file directory/${region.directory}.json`, {
      pointer: '/region/directory',
    });
  }
  const anyone: string[] = [];
  for (const [name, group] of Object.entries(data.groups)) {
    const at = `/groups/${pointerToken(name)}`;
    if (group.scope !== undefined && scopeKind(data, group) === undefined) {
      problems.error(
        'group-scope',
        `group "${name}" is scoped to "${group.scope}": a scope is the subject ("${subject.name}"), the region ("${region.name}") or "element"`,
        { pointer: `${at}/scope` },
      );
    }
    if (group.sees === 'assigned' && (group.scope !== undefined || group.anyone === true)) {
      problems.error('group-sees', `group "${name}" sees the cases assigned to it: it cannot also be scoped or anyone`, {
        pointer: `${at}/sees`,
      });
    }
    if (group.anyone === true) {
      anyone.push(name);
      if (group.scope !== undefined) {
        problems.error('anyone-group', `group "${name}" is anyone at all: it cannot be scoped`, { pointer: `${at}/scope` });
      }
    }
  }
  if (anyone.length > 1) {
    problems.error('anyone-group', `only one group may be anyone; ${anyone.join(', ')} all are`, { pointer: '/groups' });
  }
  const reviewer = data.publicNotice?.reviewer;
  if (reviewer !== undefined && data.groups[reviewer] === undefined) {
    problems.error('public-notice', `the public notice's reviewer "${reviewer}" is no group the manifest declares`, {
      pointer: '/publicNotice/reviewer',
    });
  }
  const key = data.publicNotice?.subjectNameField;
  if (key !== undefined && (key === subject.name || key === region.name)) {
    problems.error('public-notice', `the subject's name cannot be shown under "${key}": that key holds the ${key === subject.name ? 'subject' : 'region'}`, {
      pointer: '/publicNotice/subjectNameField',
    });
  }
}
