import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { checkVersion, type VersionCheck } from '../../engine/definitions/check-version.js';
import { formatProblem, hasErrors, type Problem } from '../../engine/definitions/problems.js';
import { readDefinitionContext, readVersionSource } from '../../engine/definitions/read-definitions.js';
import type { DefinitionContext, VersionSource } from '../../engine/definitions/version-source.js';

/** The repository root, whatever the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The committed definitions tree. */
export const DEFINITIONS_ROOT = join(REPO_ROOT, 'definitions');
export const REAL_PROCESS = 'quality-brand-zone';
export const REAL_VERSION = '2024-03-14';
/** The real, valid version directory. */
export const REAL_VERSION_DIR = join(DEFINITIONS_ROOT, REAL_PROCESS, REAL_VERSION);

export interface RealVersion {
  source: VersionSource;
  context: DefinitionContext;
}

/** Reads the real version and the definitions context (calendars, directories) once. */
export async function loadRealVersion(): Promise<RealVersion> {
  const source = await readVersionSource(REAL_VERSION_DIR);
  const { context, problems } = await readDefinitionContext(DEFINITIONS_ROOT);
  if (problems.length > 0) throw new Error(`the real definitions context has problems:\n${problems.map(formatProblem).join('\n')}`);
  return { source, context };
}

function fileOf(source: VersionSource, file: string): string {
  const text = source.files.get(file);
  if (text === undefined) throw new Error(`${source.dir} has no file ${file}`);
  return text;
}

/** A copy of `source` with `file` set to `text` (replaced, or added when new). */
export function withFile(source: VersionSource, file: string, text: string): VersionSource {
  const files = new Map(source.files);
  files.set(file, text);
  return { dir: source.dir, files };
}

/** A copy of `source` without `file` (which must exist). */
export function withoutFile(source: VersionSource, file: string): VersionSource {
  fileOf(source, file);
  const files = new Map(source.files);
  files.delete(file);
  return { dir: source.dir, files };
}

/** A copy of `source` as if it lived in another directory (problems name files under it). */
export function withDir(source: VersionSource, dir: string): VersionSource {
  return { dir, files: source.files };
}

/**
 * A copy of `source` with a JSON file edited: `edit` mutates the parsed data (typed as the caller
 * says) or returns new data. Throws when the edit left the data unchanged, so a mutation that did
 * nothing fails its test.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller types the parsed data
export function editJson<T>(source: VersionSource, file: string, edit: (data: T) => unknown): VersionSource {
  const before = JSON.stringify(JSON.parse(fileOf(source, file)), null, 2);
  const data = JSON.parse(before) as T;
  const returned = edit(data);
  const after = JSON.stringify(returned === undefined ? data : returned, null, 2);
  if (after === before) throw new Error(`editing ${file} changed nothing`);
  return withFile(source, file, after);
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

function tokensOf(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`${JSON.stringify(pointer)} is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The parent container of a pointer's target and the last token; throws when the parent does not exist. */
function parentOf(data: unknown, pointer: string): { parent: Container; key: string } {
  const tokens = tokensOf(pointer);
  const key = tokens.pop();
  if (key === undefined) throw new Error('the root has no parent');
  let parent: unknown = data;
  for (const token of tokens) {
    if (!isContainer(parent)) throw new Error(`${pointer}: ${token} is inside a non-container`);
    parent = (parent as Record<string, unknown>)[token];
  }
  if (!isContainer(parent)) throw new Error(`${pointer}: the parent does not exist`);
  return { parent, key };
}

/** The value at a JSON pointer in a file of `source`; throws when there is none. */
export function getJson(source: VersionSource, file: string, pointer: string): unknown {
  let value: unknown = JSON.parse(fileOf(source, file));
  for (const token of tokensOf(pointer)) {
    if (!isContainer(value) || !(token in value)) throw new Error(`${file}: nothing at ${pointer}`);
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

/** A copy of `source` with the value at `pointer` set (`/-` appends to an array); the parent must exist. */
export function setJson(source: VersionSource, file: string, pointer: string, value: unknown): VersionSource {
  return editJson<unknown>(source, file, (data) => {
    const { parent, key } = parentOf(data, pointer);
    if (Array.isArray(parent)) {
      if (key === '-') parent.push(value);
      else parent[Number(key)] = value;
    } else parent[key] = value;
  });
}

/** A copy of `source` without the value at `pointer` (which must exist). */
export function removeJson(source: VersionSource, file: string, pointer: string): VersionSource {
  return editJson<unknown>(source, file, (data) => {
    const { parent, key } = parentOf(data, pointer);
    if (!(key in parent)) throw new Error(`${file}: nothing at ${pointer}`);
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else Reflect.deleteProperty(parent, key);
  });
}

/** One text replacement: a string must occur exactly once, a RegExp at least once (replaced everywhere when global). */
export type TextEdit = readonly [search: string | RegExp, replacement: string];

function applyEdit(text: string, [search, replacement]: TextEdit, file: string): string {
  if (typeof search === 'string') {
    const first = text.indexOf(search);
    if (first < 0) throw new Error(`${file}: ${JSON.stringify(search)} not found`);
    if (text.indexOf(search, first + 1) >= 0) throw new Error(`${file}: ${JSON.stringify(search)} occurs more than once`);
    return text.slice(0, first) + replacement + text.slice(first + search.length);
  }
  if (!search.test(text)) throw new Error(`${file}: ${String(search)} does not match`);
  search.lastIndex = 0;
  const after = text.replace(search, replacement);
  if (after === text) throw new Error(`${file}: replacing ${String(search)} changed nothing`);
  return after;
}

/** A copy of `source` with text replacements in `file`; each must actually happen. */
export function editText(source: VersionSource, file: string, ...edits: TextEdit[]): VersionSource {
  let text = fileOf(source, file);
  for (const edit of edits) text = applyEdit(text, edit, file);
  return withFile(source, file, text);
}

/** A copy of `source` with replacements in process.bpmn; each must actually happen. */
export function editBpmn(source: VersionSource, ...edits: TextEdit[]): VersionSource {
  return editText(source, 'process.bpmn', ...edits);
}

/** Replaces the condition of one sequence flow with `xml` (a whole <bpmn:conditionExpression>). */
export function setCondition(source: VersionSource, flowId: string, xml: string): VersionSource {
  const pattern = new RegExp(
    `(<bpmn:sequenceFlow id="${flowId}"[^>]*>\\s*)<bpmn:conditionExpression[^>]*>[^<]*</bpmn:conditionExpression>`,
  );
  return editBpmn(source, [pattern, `$1${xml}`]);
}

/** A FEEL condition as the convention writes it; `body` is XML-escaped by the caller. */
export const feelCondition = (body: string): string =>
  `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">${body}</bpmn:conditionExpression>`;

/** Checks a (mutated) version against a context. */
export function check(source: VersionSource, context: DefinitionContext): Promise<VersionCheck> {
  return checkVersion(source, context);
}

export interface ExpectedProblem {
  check: string;
  /** The problem's file, or a suffix of it (e.g. `forms/withdraw.schema.json`). */
  file: string;
  element?: string;
  pointer?: string;
  severity?: Problem['severity'];
}

type Problems = readonly Problem[] | { problems: readonly Problem[] };

const listOf = (result: Problems): readonly Problem[] => ('problems' in result ? result.problems : result);

function describe(expected: ExpectedProblem): string {
  const where = expected.element ?? expected.pointer;
  return `[${expected.check}] in …${expected.file}${where === undefined ? '' : ` at ${JSON.stringify(where)}`}${
    expected.severity === undefined ? '' : ` (${expected.severity})`
  }`;
}

function matches(problem: Problem, expected: ExpectedProblem): boolean {
  const file = problem.file.replaceAll('\\', '/');
  return (
    problem.check === expected.check &&
    (file === expected.file || file.endsWith(`/${expected.file}`)) &&
    (expected.element === undefined || problem.element === expected.element) &&
    (expected.pointer === undefined || problem.pointer === expected.pointer) &&
    (expected.severity === undefined || problem.severity === expected.severity)
  );
}

/** Expects a problem with the given check id, file (suffix), element or pointer and severity; returns it. */
export function expectProblem(result: Problems, expected: ExpectedProblem): Problem {
  const problems = listOf(result);
  const found = problems.find((problem) => matches(problem, expected));
  if (found === undefined) {
    const listed = problems.length === 0 ? '(no problems)' : problems.map(formatProblem).join('\n');
    expect.fail(`expected ${describe(expected)} among:\n${listed}`);
  }
  return found;
}

/**
 * Checks a broken copy and expects every given problem (severity `error` unless said otherwise).
 * With an error the version must be refused; with warnings only it must still load.
 */
export async function checkBroken(
  context: DefinitionContext,
  source: VersionSource,
  ...expected: ExpectedProblem[]
): Promise<Problem[]> {
  const result = await check(source, context);
  const withSeverity = expected.map((problem) => ({ severity: 'error' as const, ...problem }));
  for (const problem of withSeverity) expectProblem(result, problem);
  if (withSeverity.some((problem) => problem.severity === 'error')) {
    expect(result.version, 'a version with errors must be refused').toBeUndefined();
  } else {
    expect(hasErrors(result.problems), lines(result).join('\n')).toBe(false);
    expect(result.version, 'a version with warnings only still loads').toBeDefined();
  }
  return result.problems;
}

/** Expects no problem with the given check id (optionally narrowed like expectProblem). */
export function expectNoProblem(result: Problems, expected: Partial<ExpectedProblem> & { check: string }): void {
  const problems = listOf(result).filter(
    (problem) => problem.check === expected.check && matches(problem, { file: problem.file, ...expected }),
  );
  expect(problems.map(formatProblem)).toEqual([]);
}

/** Problems as readable lines, for assertion messages. */
export function lines(result: Problems): string[] {
  return listOf(result).map(formatProblem);
}

/** A temporary directory under the OS temp dir; remove it with `removeTempDir`. */
export function makeTempDir(prefix = 'definitions-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Writes a version source's files into `dir`. */
export async function writeVersionSource(dir: string, source: VersionSource): Promise<void> {
  for (const [file, text] of source.files) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}

/**
 * Builds a definitions tree at `root`: the real calendars and directory files, plus the given
 * versions at `<root>/<process>/<version>/`. Returns the version directories, relative to the cwd.
 */
export async function writeDefinitionsTree(
  root: string,
  versions: readonly { process: string; version: string; source: VersionSource }[],
): Promise<string[]> {
  await cp(join(DEFINITIONS_ROOT, 'calendars'), join(root, 'calendars'), { recursive: true });
  await cp(join(DEFINITIONS_ROOT, 'directory'), join(root, 'directory'), { recursive: true });
  const dirs: string[] = [];
  for (const { process: processName, version, source } of versions) {
    const dir = join(root, processName, version);
    await writeVersionSource(dir, source);
    dirs.push(relative(process.cwd(), dir));
  }
  return dirs;
}
