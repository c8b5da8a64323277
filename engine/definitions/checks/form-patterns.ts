import { linearPatternProblem } from '../../forms/linear-regexp.js';
import { pointerToken, type FileProblems } from '../problems.js';

/**
 * Every `pattern` and `patternProperties` key of a form must compile on the linear-time engine the
 * forms run on (no lookaround, no backreferences): a pattern that could only backtrack is refused
 * here rather than hang a submission. Returns whether all compile.
 */
export function checkFormPatterns(schema: unknown, problems: FileProblems, pointer = ''): boolean {
  if (Array.isArray(schema)) {
    return schema.map((item, index) => checkFormPatterns(item, problems, `${pointer}/${index}`)).every(Boolean);
  }
  if (typeof schema !== 'object' || schema === null) return true;
  let fine = true;
  const refuse = (pattern: string, at: string): void => {
    const problem = linearPatternProblem(pattern);
    if (problem === undefined) return;
    fine = false;
    problems.error('form-pattern', `pattern "${pattern}" cannot run in linear time (RE2 syntax): ${problem}`, {
      pointer: at,
    });
  };
  for (const [key, value] of Object.entries(schema)) {
    const at = `${pointer}/${pointerToken(key)}`;
    if (key === 'pattern' && typeof value === 'string') refuse(value, at);
    else if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
      for (const source of Object.keys(value as object)) refuse(source, `${at}/${pointerToken(source)}`);
    }
    if (key !== 'examples' && key !== 'const' && key !== 'enum' && key !== 'default') {
      fine = checkFormPatterns(value, problems, at) && fine;
    }
  }
  return fine;
}
