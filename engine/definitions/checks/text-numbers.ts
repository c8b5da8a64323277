import { pointerToken, type FileProblems } from '../problems.js';
import type { ProcessModel } from '../process-model.js';
import type { Indicators, Rules } from '../types.js';

// A revision that changes a value but not the words around it (a notice of 7 working days whose
// title still says 不少于五个工作日; a maximum of 6 whose guidance still says 满分4分) publishes
// two answers to one question. These checks read the numbers the text writes, in Chinese
// numerals or digits, and warn where none of them agrees with the value.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMBER = '[0-9０-９]+|[零〇一二两三四五六七八九十百]+';

/** `五` → 5, `十五` → 15, `二十二` → 22, `一百` → 100, `15`/`１５` → 15; undefined when not a number. */
export function readNumber(text: string): number | undefined {
  const ascii = text.replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10));
  if (/^[0-9]+$/.test(ascii)) return Number(ascii);
  let total = 0;
  let pending: number | undefined;
  for (const char of text) {
    const digit = DIGITS[char];
    if (char === '零' || char === '〇') continue; // 一百零五
    if (digit !== undefined) {
      if (pending !== undefined) return undefined; // 五五: not how a number is written
      pending = digit;
    } else if (char === '十' || char === '百') {
      total += (pending ?? 1) * (char === '十' ? 10 : 100);
      pending = undefined;
    } else return undefined;
  }
  return total + (pending ?? 0);
}

/** A length of time as the text or the value gives it: working days, or calendar months, or days. */
type Measure = { kind: 'workingDays' | 'months' | 'days'; amount: number };

const UNIT_PATTERN = new RegExp(`(${NUMBER})\\s*(个工作日|个月|年|周|日|天)`, 'g');

/** Every period the text names (三年 → 36 months, 六个月 → 6 months, 五个工作日 → 5 working days). */
export function periodsIn(text: string): Measure[] {
  const found: Measure[] = [];
  for (const match of text.matchAll(UNIT_PATTERN)) {
    const amount = readNumber(match[1] ?? '');
    const unit = match[2];
    if (amount === undefined || (unit === '年' && amount >= 1000)) continue; // 2024年: a date, not a period
    if (unit === '个工作日') found.push({ kind: 'workingDays', amount });
    else if (unit === '个月') found.push({ kind: 'months', amount });
    else if (unit === '年') found.push({ kind: 'months', amount: amount * 12 });
    else if (unit === '周') found.push({ kind: 'days', amount: amount * 7 });
    else found.push({ kind: 'days', amount });
  }
  return found;
}

/** A rule value as a measure: a whole number is working days, P1Y6M is 18 months, P2W is 14 days. */
function measureOf(value: string | number): Measure | undefined {
  if (typeof value === 'number') return { kind: 'workingDays', amount: value };
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(value);
  if (match === null) return undefined;
  const [, years = '0', months = '0', weeks = '0', days = '0'] = match;
  const calendarMonths = Number(years) * 12 + Number(months);
  const calendarDays = Number(weeks) * 7 + Number(days);
  if (calendarMonths > 0 && calendarDays > 0) return undefined; // P1Y15D: not one number in words
  return calendarMonths > 0 ? { kind: 'months', amount: calendarMonths } : { kind: 'days', amount: calendarDays };
}

const SAID: Record<Measure['kind'], (amount: number) => string> = {
  workingDays: (amount) => `${amount} working days`,
  months: (amount) => (amount % 12 === 0 ? `${amount / 12} years` : `${amount} months`),
  days: (amount) => `${amount} days`,
};

/**
 * `rule-title-number` (warning): a period rule's title names a period of the same kind as its value
 * (working days, months and years, days and weeks) and none of those agrees with the value.
 */
export function checkRuleTitleNumbers(rules: Rules, problems: FileProblems): void {
  for (const [name, rule] of Object.entries(rules)) {
    if (Array.isArray(rule.value)) continue;
    const value = measureOf(rule.value);
    if (value === undefined) continue;
    const said = periodsIn(rule.title).filter((measure) => measure.kind === value.kind);
    if (said.length === 0 || said.some((measure) => measure.amount === value.amount)) continue;
    problems.warning(
      'rule-title-number',
      `title "${rule.title}" says ${said.map((measure) => SAID[measure.kind](measure.amount)).join(', ')}, the value is ${SAID[value.kind](value.amount)}`,
      { pointer: `/${pointerToken(name)}/title`, article: rule.article },
    );
  }
}

const SCORE_PATTERN = new RegExp(`满分\\s*(${NUMBER})\\s*分`, 'g');

/** `indicator-text-number` (warning): an indicator's title or guidance says 满分N分 with N not its maxScore. */
export function checkIndicatorScoreWords(indicators: Indicators, problems: FileProblems): void {
  for (const [variant, list] of Object.entries(indicators.variants)) {
    list.forEach((indicator, index) => {
      for (const field of ['title', 'guidance'] as const) {
        const text = indicator[field];
        const scores = [...text.matchAll(SCORE_PATTERN)].map((match) => readNumber(match[1] ?? ''));
        const wrong = scores.filter((score) => score !== undefined && score !== indicator.maxScore);
        if (wrong.length === 0) continue;
        problems.warning(
          'indicator-text-number',
          `${variant}/${indicator.id}: ${field} says 满分${wrong.join('/')}分, maxScore is ${indicator.maxScore}`,
          { pointer: `/variants/${pointerToken(variant)}/${index}/${field}`, article: indicator.article },
        );
      }
    });
  }
}

/**
 * `element-text-number` (warning): an element that counts a rule (a timer, a dated element) and whose
 * documentation names a period of the same kind as the rule's value, none equal to it (公示期不少于五个
 * 工作日 beside a rule of 7 working days).
 */
export function checkElementTextNumbers(model: ProcessModel, rules: Rules, problems: FileProblems): void {
  for (const node of model.nodes.values()) {
    const name = node.properties.get('rule');
    const rule = name === undefined ? undefined : rules[name];
    if (rule === undefined || Array.isArray(rule.value) || node.documentation === '') continue;
    const value = measureOf(rule.value);
    if (value === undefined) continue;
    const said = periodsIn(node.documentation).filter((measure) => measure.kind === value.kind);
    if (said.length === 0 || said.some((measure) => measure.amount === value.amount)) continue;
    problems.warning(
      'element-text-number',
      `documentation says ${said.map((measure) => SAID[measure.kind](measure.amount)).join(', ')}, rule "${name ?? ''}" is ${SAID[value.kind](value.amount)}`,
      { element: node.id, article: rule.article },
    );
  }
}
