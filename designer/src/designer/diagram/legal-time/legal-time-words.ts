import {
  addDays,
  nthPeriodLastDay,
  periodBefore,
  periodLastDay,
  type LocalDate,
  type WorkingDayCalendar,
} from '../../../../../engine/legal-time/pure.js';
import type { DesignerText } from '../../designer-i18n.js';
import { periodWords } from '../../periods/period-words.js';

/**
 * A timer's (or a dated element's) legal time in the words of the measures, and a worked example
 * computed with the same engine functions and working-day calendar the cases use (README "Timer
 * vocabulary"): 自公示开始之日起，向后计算 5 个工作日；公示期最后一日 — 若公示开始之日为 2025-09-26，
 * 则公示期最后一日为 2025-10-10.
 */
export interface LegalTimeDeclaration {
  rule?: string;
  from?: string;
  due?: string;
  direction?: string;
  cycle?: string;
  dueIs?: string;
  /** A timer event: without a rule it has no period at all. */
  timer?: boolean;
}

export interface LegalTimeTerms {
  rule: (name: string) => { title: string; value: string | number } | undefined;
  date: (name: string) => string | undefined;
}

export interface LegalTimeExplanation {
  words: string;
  /** The worked example, or why there is none (no calendar data for the year, no rule). */
  example?: string;
}

/**
 * The element's legal time in words and a worked example from `example` (the day counted from), in
 * `language`: the sentences are the designer's messages (`d`), the rules' and dates' titles those
 * `terms` give in that language.
 */
export function explainLegalTime(
  declaration: LegalTimeDeclaration,
  terms: LegalTimeTerms,
  example: LocalDate,
  calendar: WorkingDayCalendar | undefined,
  d: DesignerText,
  language: 'zh' | 'en',
): LegalTimeExplanation | undefined {
  if (declaration.rule === undefined || declaration.rule === '') {
    if (declaration.timer === true || (declaration.from ?? '') !== '') return { words: d('ltNoRule') };
    if (declaration.due === undefined || declaration.due === '') return undefined;
    return { words: d('ltRecorded', { date: terms.date(declaration.due) ?? declaration.due }) };
  }
  const rule = terms.rule(declaration.rule);
  if (rule === undefined) return { words: d('ltRuleMissing', { name: declaration.rule }) };
  const period = periodWords(rule.value, language, { compact: true });
  const origin =
    declaration.from === undefined || declaration.from === ''
      ? d('ltEntered')
      : d('ltNamed', { title: terms.date(declaration.from) ?? declaration.from });
  const fireDay = declaration.dueIs === 'fireDay';
  const before = declaration.direction === 'before';
  const cycle = declaration.cycle === 'true';
  const dueName =
    declaration.due === undefined || declaration.due === ''
      ? undefined
      : (terms.date(declaration.due) ?? declaration.due);
  const counting = d(before ? 'ltCountBefore' : cycle ? 'ltCountCycle' : 'ltCountAfter', { origin, period });
  const which = d(before ? 'ltThatDay' : fireDay ? 'ltDayAfter' : 'ltPeriodLastDay');
  const rulePart = shortRule(rule.title);
  const words =
    dueName === undefined
      ? d('ltWords', { counting, rule: rulePart })
      : d('ltWordsDue', { counting, rule: rulePart, which, due: dueName });
  try {
    let day: LocalDate;
    if (before) day = periodBefore(example, rule.value);
    else if (cycle) day = nthPeriodLastDay(example, rule.value, 1);
    else day = periodLastDay(example, rule.value, calendar);
    if (fireDay && !before) day = addDays(day, 1);
    const due = dueName === undefined ? which : d('ltNamed', { title: dueName });
    return { words, example: d('ltExample', { origin, example, due, day }) };
  } catch {
    // A working-day period reaching a year without calendar data is an error in the engine too.
    return { words, example: d('ltNoExample', { example }) };
  }
}

function shortRule(title: string): string {
  return title.replace(/[（(][^（）()]*[）)]\s*$/, '').trim() || title;
}
