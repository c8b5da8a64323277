import { parsePeriod } from '../../legal-time/pure.js';
import { RULES_SCHEMA } from '../file-schemas.js';
import { pointerToken, type FileProblems } from '../problems.js';
import type { Rule, Rules } from '../types.js';
import { checkShape, parseJson } from './json.js';

/**
 * `rules.json`: a string value is a period (ISO 8601 date duration), a number a period in working days
 * or a parameter read by conditions (a pass mark), a list holds codes. Whether a rule a timer counts
 * is a period is checked where the timer names it.
 */
export function checkRules(text: string, problems: FileProblems): Rules | undefined {
  const data = parseJson(text, problems);
  if (!checkShape<Rules>(data, RULES_SCHEMA, problems)) return usableRules(data);
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

const isRuleValue = (value: unknown): value is Rule['value'] =>
  typeof value === 'string' ||
  typeof value === 'number' ||
  (Array.isArray(value) && value.every((code) => typeof code === 'string'));

/**
 * The rules of a file whose shape was refused (a blank title, an unknown property), for the checks of
 * the other files: without them every condition reading `rules.…` and every timer's rule would be
 * reported missing — false errors that bury the real ones. The shape problems are reported already;
 * a rule whose value itself is unusable is left out (references to it are then reported too).
 */
function usableRules(data: unknown): Rules | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const rules: Rules = {};
  for (const [name, rule] of Object.entries(data as Record<string, unknown>)) {
    if (typeof rule !== 'object' || rule === null) continue;
    const { value, article, title } = rule as Partial<Record<keyof Rule, unknown>>;
    if (!isRuleValue(value)) continue;
    rules[name] = {
      value,
      article: typeof article === 'string' ? article : '',
      title: typeof title === 'string' ? title : '',
    };
  }
  return rules;
}

/** A rule's value as a period input, or undefined for list rules. */
export function periodValue(rules: Rules, name: string): string | number | undefined {
  const value = rules[name]?.value;
  return Array.isArray(value) ? undefined : value;
}
