import type { RJSFValidationError } from '@rjsf/utils';
import { fill } from '../i18n/fill.js';
import { INDICATORS_KEYWORD } from '../../../engine/forms/form-ajv.js';
import type { IndicatorChoices } from './form-context.js';

export interface ScoreMessages {
  /** `{indicator}`, `{max}`: a score outside 0…max. */
  outOfRange: string;
  /** `{indicator}`: a score that is no number (letters), as the form's list says it. */
  notNumber: string;
  /** `{count}`, `{names}`: indicators left without a score. */
  missing: string;
  /** `{name}`: one of `missing`'s names (「…」 in Chinese, “…” in English), and what joins two. */
  missingName: string;
  missingNamesJoin: string;
}

/** The message for a typed score that is no number or outside 0…max, else undefined. */
export function scoreProblem(
  score: unknown,
  title: string,
  max: number,
  messages: Pick<ScoreMessages, 'outOfRange' | 'notNumber'>,
): string | undefined {
  if (score === undefined) return undefined;
  if (typeof score !== 'number') return fill(messages.notNumber, { indicator: title });
  if (score >= 0 && score <= max) return undefined;
  return fill(messages.outOfRange, { indicator: title, max });
}

/**
 * The schema's `errors` with what the server checks of a score table (`x-indicators: scores`) on 提交
 * (engine/forms/form-validator.ts) — each score within its indicator's maximum, every indicator scored —
 * found in the browser, as rjsf errors (`stack` as the error list shows it). A cell the schema already
 * faults (letters, a negative number) is said once, at the cell and in the list, in the words the cell
 * shows as it is typed (scoreProblem): -1 read 「…的得分应为 0 至 4 分」 on leaving the cell and
 * 「…」不能小于 0 after 提交. Another schema error at a cell is named in the list by its indicator (the
 * cells' shared title did not say which of twenty); an empty table is said to miss its indicators, not
 * to need one property (`minProperties`).
 */
export function withIndicatorScoreErrors(
  schema: Record<string, unknown>,
  indicators: IndicatorChoices | undefined,
  data: unknown,
  errors: readonly RJSFValidationError[],
  messages: ScoreMessages & { label: (field: string) => string; named: (title: string) => string },
): RJSFValidationError[] {
  if (indicators === undefined || typeof data !== 'object' || data === null) return [...errors];
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const faulted = new Set(errors.map((error) => error.property));
  const found: RJSFValidationError[] = [];
  const cellTitles = new Map<string, string>();
  // A cell the schema faults too (below 0, letters), with the message the cell shows as it is typed.
  const cellProblems = new Map<string, string>();
  for (const field of Object.keys(properties)) {
    if (properties[field]?.[INDICATORS_KEYWORD] !== 'scores') continue;
    for (const indicator of indicators.items) cellTitles.set(`.${field}.${indicator.id}`, indicator.title);
    const scores = (data as Record<string, unknown>)[field];
    if (typeof scores !== 'object' || scores === null) continue;
    const given = scores as Record<string, unknown>;
    for (const indicator of indicators.items) {
      const property = `.${field}.${indicator.id}`;
      const message = scoreProblem(given[indicator.id], indicator.title, indicator.maxScore, messages);
      if (message === undefined) continue;
      if (faulted.has(property)) cellProblems.set(property, message);
      else found.push({ name: 'maximum', property, message, stack: message, params: {}, schemaPath: '' });
    }
    const missing = indicators.items.filter((indicator) => given[indicator.id] === undefined);
    if (missing.length === 0) continue;
    const names = missing
      .map((indicator) => fill(messages.missingName, { name: indicator.title }))
      .join(messages.missingNamesJoin);
    const message = fill(messages.missing, { count: missing.length, names });
    const stack = `${messages.label(field)}${message}`;
    found.push({ name: 'required', property: `.${field}`, message, stack, params: {}, schemaPath: '' });
  }
  const missingSaid = new Set(found.filter((error) => error.name === 'required').map((error) => error.property));
  const resaid = new Set<string>();
  const kept = errors
    .filter((error) => !(error.name === 'minProperties' && missingSaid.has(error.property)))
    .flatMap((error) => {
      const cell = error.property === undefined ? undefined : cellProblems.get(error.property);
      if (cell !== undefined && error.property !== undefined) {
        // Said once, in the words the cell said as it was typed (a cell may fail two keywords).
        if (resaid.has(error.property)) return [];
        resaid.add(error.property);
        return [{ ...error, message: cell, stack: cell }];
      }
      const title = error.property === undefined ? undefined : cellTitles.get(error.property);
      return [title === undefined ? error : { ...error, stack: `${messages.named(title)}${error.message ?? ''}` }];
    });
  return [...kept, ...found];
}
