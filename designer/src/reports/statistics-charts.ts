import type { Statistics } from '../../../server/reports/statistics.js';
import type { ChartOption } from './echart.js';

/** The distinct values of `key` in the order they first appear. */
function distinct<T>(rows: readonly T[], key: (row: T) => string): string[] {
  return [...new Set(rows.map(key))];
}

/** Every month (YYYY-MM) from the first to the last given, those without a row included. */
function monthsThrough(months: readonly string[]): string[] {
  const sorted = [...months].sort();
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (first === undefined || last === undefined) return [];
  const all: string[] = [];
  for (let [year, month] = first.split('-').map(Number) as [number, number]; ; month += 1) {
    if (month > 12) [year, month] = [year + 1, 1];
    const name = `${String(year)}-${String(month).padStart(2, '0')}`;
    all.push(name);
    if (name >= last) return all;
  }
}

/** A chart's option and the height of the box it is drawn in. */
export interface Chart {
  option: ChartOption;
  height: number;
}

const HEIGHT = 320;

/** ECharts' own palette (6.x), given by name so that a status keeps its colour from chart to chart. */
const PALETTE = ['#5070dd', '#b6d634', '#505372', '#ff994d', '#0ca8df', '#ffd10a', '#fb628b', '#785db0', '#3fbe95'];

/**
 * Each status's colour, the same on both bar charts: each chart gave its series the palette in its own
 * order, so 公示中 was blue by province and orange by month. Statuses in the order they were entered.
 */
function statusColours(figures: Statistics): (title: string) => string {
  const titles = distinct([...figures.stagesOverTime, ...figures.byRegionStatus], (row) => row.statusTitle);
  return (title) => PALETTE[Math.max(0, titles.indexOf(title)) % PALETTE.length] ?? '#5070dd';
}
/** A legend line on a phone: a 14 px key and the gap to the next. */
const LEGEND_LINE = 24;

/**
 * Stacked bars: one bar per `x` (or per given category), one series per `series`, from rows with counts.
 * On a phone (`narrow`) the legend is a list under the plot, a series a line, each name whole: the
 * scrolling legend above it cut names (In demonstrat…) and showed the rest one page at a time behind
 * 15 px arrows, and the box grows by its lines.
 */
function stacked<T extends { count: number }>(
  rows: readonly T[],
  x: (row: T) => string,
  series: (row: T) => string,
  narrow: boolean,
  colour: (name: string) => string,
  categories = distinct(rows, x),
): Chart {
  const names = distinct(rows, series);
  const legendHeight = narrow ? names.length * LEGEND_LINE : 0;
  return {
    height: HEIGHT + legendHeight,
    option: {
      tooltip: { trigger: 'axis' },
      legend: narrow
        ? { type: 'plain', orient: 'vertical', left: 0, bottom: 0, itemGap: LEGEND_LINE - 14 }
        : { top: 0, type: 'scroll' },
      grid: { top: narrow ? 16 : 40, left: 40, right: 16, bottom: 32 + legendHeight, containLabel: true },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', minInterval: 1 },
      series: names.map((name) => ({
        name,
        type: 'bar',
        stack: 'total',
        color: colour(name),
        data: categories.map((category) =>
          rows.filter((row) => x(row) === category && series(row) === name).reduce((sum, row) => sum + row.count, 0),
        ),
      })),
    },
  };
}

export function regionStatusChart(figures: Statistics, narrow: boolean): Chart {
  return stacked(
    figures.byRegionStatus,
    (row) => row.regionName,
    (row) => row.statusTitle,
    narrow,
    statusColours(figures),
  );
}

/**
 * Months on a time axis: every month from the first change to the last, a quiet one an empty slot
 * (months without a change were left out, and 2024-04 stood beside 2025-04 as if a month apart).
 */
export function stagesChart(figures: Statistics, narrow: boolean): Chart {
  return stacked(
    figures.stagesOverTime,
    (row) => row.month,
    (row) => row.statusTitle,
    narrow,
    statusColours(figures),
    monthsThrough(figures.stagesOverTime.map((row) => row.month)),
  );
}

export function overdueChart(figures: Statistics, label: string): Chart {
  return {
    height: HEIGHT,
    option: {
      tooltip: { trigger: 'axis' },
      grid: { top: 24, left: 40, right: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: figures.overdue.map((row) => row.regionName) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: label, type: 'bar', color: '#b7202e', data: figures.overdue.map((row) => row.count) }],
    },
  };
}

/** `colon`: the language's (Industry: 2; the Chinese full-width one stood in English). */
export function subjectTypeChart(figures: Statistics, label: string, colon: string): Chart {
  return {
    height: HEIGHT,
    option: {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          name: label,
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: `{b}${colon}{c}` },
          data: figures.designatedByType.map((row) => ({ name: row.title, value: row.count })),
        },
      ],
    },
  };
}
