/**
 * Rule values (CONTRACT §3) in the words a policy officer reads — "1 年", "6 个月", "5 个工作日" —
 * and back: an ISO 8601 date duration is a Civil Code period, a whole number counted by a timer is
 * a number of working days.
 */
import { englishCount } from '../../../../engine/english-count.js';

export const PERIOD_UNITS = ['years', 'months', 'weeks', 'days', 'workingDays'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

const ISO_UNIT: Record<Exclude<PeriodUnit, 'workingDays'>, string> = { years: 'Y', months: 'M', weeks: 'W', days: 'D' };

/** A value as one amount and unit, when it is that simple (P1Y, P6M, 5). */
export interface SimplePeriod {
  amount: number;
  unit: PeriodUnit;
}

/** A count and its unit: Chinese spaced ("1 年") or compact ("1年"), English by englishCount. */
const WORDS: Record<PeriodUnit, { zh: string; en: string }> = {
  years: { zh: '年', en: 'year' },
  months: { zh: '个月', en: 'month' },
  weeks: { zh: '周', en: 'week' },
  days: { zh: '日', en: 'day' },
  workingDays: { zh: '个工作日', en: 'working day' },
};

function countWords(amount: number, unit: PeriodUnit, language: 'zh' | 'en', compact: boolean): string {
  if (language === 'en') return englishCount(amount, WORDS[unit].en);
  return `${String(amount)}${compact ? '' : ' '}${WORDS[unit].zh}`;
}

const DATE_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** The parts of an ISO 8601 date duration (`P1Y6M` → 1 year, 6 months), or undefined. */
export function durationParts(value: string): SimplePeriod[] | undefined {
  const match = DATE_DURATION.exec(value);
  if (match === null || value === 'P') return undefined;
  const units: Exclude<PeriodUnit, 'workingDays'>[] = ['years', 'months', 'weeks', 'days'];
  return units.flatMap((unit, index) => {
    const amount = match[index + 1];
    return amount === undefined ? [] : [{ amount: Number(amount), unit }];
  });
}

/** The value as one amount and unit, or undefined (a list, a combined duration, a time part). */
export function simplePeriod(value: unknown): SimplePeriod | undefined {
  if (typeof value === 'number') return { amount: value, unit: 'workingDays' };
  if (typeof value !== 'string') return undefined;
  const parts = durationParts(value);
  return parts?.length === 1 ? parts[0] : undefined;
}

/** The value a period takes in rules.json. */
export function periodValue(period: SimplePeriod): string | number {
  return period.unit === 'workingDays' ? period.amount : `P${period.amount}${ISO_UNIT[period.unit]}`;
}

export function unitWords(unit: PeriodUnit, language: 'zh' | 'en'): string {
  return countWords(2, unit, language, false).replace(/^2 /, '');
}

export interface PeriodWordsOptions {
  /** Chinese without spaces ("1年6个月"), as a sentence reads it (the case page); the editors space it. */
  compact?: boolean;
  /** The value taken this many times (a cycle's 3rd period of P1Y: 3 years). */
  times?: number;
}

/** "1 年", "1 年 6 个月", "5 个工作日" — or the value as written when it is not a period. */
export function periodWords(value: unknown, language: 'zh' | 'en', options: PeriodWordsOptions = {}): string {
  const { compact = false, times = 1 } = options;
  if (typeof value === 'number') return countWords(value * times, 'workingDays', language, compact);
  if (Array.isArray(value)) return value.map(String).join(language === 'zh' ? '、' : ', ');
  if (typeof value !== 'string') return JSON.stringify(value);
  const parts = durationParts(value);
  if (parts === undefined) return value;
  const words = parts.map((part) => countWords(part.amount * times, part.unit, language, compact));
  return words.join(compact && language === 'zh' ? '' : ' ');
}
