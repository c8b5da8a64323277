import { parsePeriod } from '../../legal-time/pure.js';
import { RULES_SCHEMA } from '../file-schemas.js';
import { pointerToken, type FileProblems } from '../problems.js';
import type { Rules } from '../types.js';
import { checkShape, parseJson } from './json.js';

/**
 * `rules.json`: a string value is a period (ISO 8601 date duration), a number a period in working days
 * or a parameter read by conditions (a pass mark), a list holds codes. Whether a rule a timer counts
 * is a period is checked where the timer names it.
 */
export function checkRules(text: string, problems: FileProblems): Rules | undefined {
  const data = parseJson(text, problems);
  if (!checkShape<Rules>(data, RULES_SCHEMA, problems)) return undefined;
  for (const [name, rule] of Object.entries(data)) {
    if (Array.isArray(rule.value) || typeof rule.value === 'number') continue;
    try {
      parsePeriod(rule.value);
    } catch (error) {
      problems.error('rule-value', (error as Error).message, {
        pointer: `/${pointerToken(name)}/value`,
        article: rule.article,
      });
    }
  }
  return data;
}

/** A rule's value as a period input, or undefined for list rules. */
export function periodValue(rules: Rules, name: string): string | number | undefined {
  const value = rules[name]?.value;
  return Array.isArray(value) ? undefined : value;
}
