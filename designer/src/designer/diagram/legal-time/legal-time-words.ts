import {
  addDays,
  nthPeriodLastDay,
  periodBefore,
  periodLastDay,
  type LocalDate,
  type WorkingDayCalendar,
} from '../../../../../engine/legal-time/pure.js';
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

function counted(value: string | number): string {
  return periodWords(value, 'zh', { compact: true });
}

/** The element's legal time in words and a worked example from `example` (the day counted from). */
export function explainLegalTime(
  declaration: LegalTimeDeclaration,
  terms: LegalTimeTerms,
  example: LocalDate,
  calendar: WorkingDayCalendar | undefined,
): LegalTimeExplanation | undefined {
  if (declaration.rule === undefined || declaration.rule === '') {
    if (declaration.timer === true || (declaration.from ?? '') !== '')
      return { words: '未指定期限规则：请选择期限规则' };
    if (declaration.due === undefined || declaration.due === '') return undefined;
    return { words: `记录进入此环节之日为「${terms.date(declaration.due) ?? declaration.due}」` };
  }
  const rule = terms.rule(declaration.rule);
  if (rule === undefined) return { words: `期限规则 ${declaration.rule} 不存在` };
  const period = counted(rule.value);
  const origin =
    declaration.from === undefined || declaration.from === ''
      ? '进入此环节之日'
      : (terms.date(declaration.from) ?? declaration.from);
  const fireDay = declaration.dueIs === 'fireDay';
  const before = declaration.direction === 'before';
  const cycle = declaration.cycle === 'true';
  const dueName =
    declaration.due === undefined || declaration.due === ''
      ? undefined
      : (terms.date(declaration.due) ?? declaration.due);
  const counting = before
    ? `${origin}之前 ${period} 的对应日`
    : cycle
      ? `自${origin}起，每满 ${period}`
      : `自${origin}起，向后计算 ${period}`;
  const which = before ? '该日' : fireDay ? '期满次日' : '期限最后一日';
  const words = `${counting}（${shortRule(rule.title)}）${dueName === undefined ? '' : `；${which}即「${dueName}」`}`;
  try {
    let day: LocalDate;
    if (before) day = periodBefore(example, rule.value);
    else if (cycle) day = nthPeriodLastDay(example, rule.value, 1);
    else day = periodLastDay(example, rule.value, calendar);
    if (fireDay && !before) day = addDays(day, 1);
    return { words, example: `例：若${origin}为 ${example}，则${dueName ?? which}为 ${day}` };
  } catch {
    // A working-day period reaching a year without calendar data is an error in the engine too.
    return { words, example: `无法计算示例：工作日历中没有 ${example} 之后所需年份的数据` };
  }
}

function shortRule(title: string): string {
  return title.replace(/[（(][^（）()]*[）)]\s*$/, '').trim() || title;
}
