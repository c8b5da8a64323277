import { date as feelDate, evaluate } from 'feelin';
import type { LocalDate } from '../legal-time/pure.js';
import type { Indicators, Manifest, Rules } from '../definitions/types.js';
import { decimalSum } from './decimal-sum.js';

/** What conditions know about the case itself (CONTRACT §8: `case`). */
export interface CaseFacts {
  subject: string;
  region: string;
  process: string;
  version: string;
  status: string;
  /** The case's named dates so far. */
  due: Readonly<Record<string, LocalDate>>;
  /** This subject's earlier cases of the same process. */
  history: readonly { status: string; statusDate: LocalDate }[];
}

/** A case's facts as conditions read them: its own, and its subject's earlier cases. */
export function caseFacts(record: Omit<CaseFacts, 'history'>, history: CaseFacts['history']): CaseFacts {
  const { subject, region, process, version, status, due } = record;
  return { subject, region, process, version, status, due, history };
}

export interface FeelInput {
  /** The latest value of every form field submitted so far, and output assignments. */
  variables: Readonly<Record<string, unknown>>;
  facts: CaseFacts;
  /** The declared subject and region: `case` names them as clients do (`case.park`, `case.province`). */
  names: Pick<Manifest, 'subject' | 'region'>;
  rules: Rules;
  indicators: Indicators | undefined;
  /** The case clock's date in China. */
  today: LocalDate;
}

const toFeelDates = (dates: Readonly<Record<string, LocalDate>>) =>
  Object.fromEntries(Object.entries(dates).map(([name, value]) => [name, feelDate(value)]));

/**
 * FEEL's `sum` as its builtin takes it (a list, or the numbers as arguments; null for none, or for one
 * that is no number), adding as decimals: feelin's adds doubles, and scores in tenths totalling the pass
 * mark came to 79.99999999999999 (see decimal-sum.ts).
 */
const sum = Object.assign(
  (...list: unknown[]): number | null => {
    const values = list.length === 1 && Array.isArray(list[0]) ? (list[0] as unknown[]) : list;
    if (values.length === 0 || !values.every((value) => typeof value === 'number')) return null;
    return decimalSum(values);
  },
  { $args: ['...list'] },
);

/**
 * The context FEEL conditions are evaluated over: form fields at the top, then `case`, `rules`,
 * `indicators` and `today()` (the case clock's date, never the machine's). `sum` comes first so that a
 * form field of that name shadows it, as it shadowed feelin's builtin.
 */
export function feelContext(input: FeelInput): Record<string, unknown> {
  const { facts, indicators, names } = input;
  const { subject, region, ...rest } = facts;
  return {
    sum,
    ...input.variables,
    case: {
      [names.subject.name]: subject,
      [names.region.name]: region,
      ...rest,
      due: toFeelDates(facts.due),
      history: facts.history.map((entry) => ({ status: entry.status, statusDate: feelDate(entry.statusDate) })),
    },
    rules: Object.fromEntries(Object.entries(input.rules).map(([name, rule]) => [name, rule.value])),
    ...(indicators !== undefined && {
      indicators: {
        passScore: indicators.passScore,
        illustrative: indicators.illustrative,
        vetoes: indicators.vetoes.map((veto) => veto.id),
      },
    }),
    today: () => feelDate(input.today),
  };
}

export interface FeelResult {
  value: unknown;
  /** feelin reports unknown names and type errors as warnings rather than throwing. */
  warnings: string[];
}

/** Evaluates an expression; a syntax error comes back as a warning too. */
export function evaluateFeel(expression: string, context: Record<string, unknown>): FeelResult {
  try {
    const { value, warnings } = evaluate(expression, context);
    return { value, warnings: warnings.map((warning) => warning.message) };
  } catch (error) {
    return { value: undefined, warnings: [error instanceof Error ? error.message : String(error)] };
  }
}
