/**
 * One thing wrong with a definition. `file` is relative to the definitions root; `element` is a BPMN
 * element id, `pointer` a JSON Pointer (RFC 6901) into a JSON file; `article` cites the measures where
 * the broken rule comes from one. `check` is a stable id for the kind of problem (tests and the
 * designer key on it, never on the message).
 *
 * Severity: an `error` makes the version unsafe to run and the engine's loader refuses it; a
 * `warning` is a quality problem (lint, labels, missing titles) that `npm run validate` still reports
 * and fails on, but that does not stop a version from loading.
 */
export interface Problem {
  severity: 'error' | 'warning';
  check: string;
  file: string;
  element?: string;
  pointer?: string;
  article?: string;
  message: string;
}

export type ProblemInput = Omit<Problem, 'severity' | 'file'> & { severity?: Problem['severity'] };

/**
 * A file's path within its version (`manifest.json`, `forms/withdraw.schema.json`), from its path
 * under the definitions root: what an author knows the file by, and what a problem about the whole
 * file names it by.
 */
export function versionPath(file: string): string {
  const parts = file.split(/[\\/]/);
  const name = parts.at(-1) ?? file;
  const folder = parts.at(-2);
  return folder === 'forms' || folder === 'translations' ? `${folder}/${name}` : name;
}

/** Collects problems for one file. */
export class FileProblems {
  constructor(
    readonly file: string,
    private readonly into: Problem[],
  ) {}

  /** The file's path within its version, for messages about the whole file. */
  get name(): string {
    return versionPath(this.file);
  }

  error(check: string, message: string, where: Omit<ProblemInput, 'check' | 'message'> = {}): void {
    this.add({ check, message, severity: 'error', ...where });
  }

  warning(check: string, message: string, where: Omit<ProblemInput, 'check' | 'message'> = {}): void {
    this.add({ check, message, severity: 'warning', ...where });
  }

  add(problem: ProblemInput): void {
    const { severity = 'error', ...rest } = problem;
    this.into.push({ severity, file: this.file, ...rest });
  }
}

/** `file: element|pointer: message (Art. N) [check]` — one line for people. */
export function formatProblem(problem: Problem): string {
  const where = problem.element ?? problem.pointer;
  const location = where === undefined || where === '' ? problem.file : `${problem.file}: ${where}`;
  const article = problem.article === undefined ? '' : ` (${problem.article})`;
  const tag = problem.severity === 'warning' ? 'warning ' : '';
  return `${location}: ${tag}${problem.message.replace(/\s*\n\s*/g, ' ')}${article} [${problem.check}]`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}
