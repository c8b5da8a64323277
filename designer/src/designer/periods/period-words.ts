/**
 * Rule values (CONTRACT §3) in the words a policy officer reads — "1 年", "6 个月", "5 个工作日" —
 * and back: an ISO 8601 date duration is a Civil Code period, a whole number counted by a timer is
 * a number of working days.
 */
export const PERIOD_UNITS = ['years', 'months', 'weeks', 'days', 'workingDays'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

const ISO_UNIT: Record<Exclude<PeriodUnit, 'workingDays'>, string> = { years: 'Y', months: 'M', weeks: 'W', days: 'D' };

/** A value as one amount and unit, when it is that simple (P1Y, P6M, 5). */
export interface SimplePeriod {
  amount: number;
  unit: PeriodUnit;
}

const WORDS: Record<'zh' | 'en', Record<PeriodUnit, (n: number) => string>> = {
  zh: {
    years: (n) => `${n} 年`,
    months: (n) => `${n} 个月`,
    weeks: (n) => `${n} 周`,
    days: (n) => `${n} 日`,
    workingDays: (n) => `${n} 个工作日`,
  },
  en: {
    years: (n) => `${n} year${n === 1 ? '' : 's'}`,
    months: (n) => `${n} month${n === 1 ? '' : 's'}`,
    weeks: (n) => `${n} week${n === 1 ? '' : 's'}`,
    days: (n) => `${n} day${n === 1 ? '' : 's'}`,
    workingDays: (n) => `${n} working day${n === 1 ? '' : 's'}`,
  },
};

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
  return WORDS[language][unit](2).replace(/^2 /, '');
}

/** "1 年", "1 年 6 个月", "5 个工作日" — or the value as written when it is not a period. */
export function periodWords(value: unknown, language: 'zh' | 'en'): string {
  if (typeof value === 'number') return WORDS[language].workingDays(value);
  if (Array.isArray(value)) return value.map(String).join(language === 'zh' ? '、' : ', ');
  if (typeof value !== 'string') return JSON.stringify(value);
  const parts = durationParts(value);
  if (parts === undefined) return value;
  return parts.map((part) => WORDS[language][part.unit](part.amount)).join(' ');
}
