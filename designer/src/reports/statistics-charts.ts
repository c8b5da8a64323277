import type { Statistics } from '../../../server/reports/statistics.js';
import type { ChartOption } from './echart.js';

/** The distinct values of `key` in the order they first appear (or sorted). */
function distinct<T>(rows: readonly T[], key: (row: T) => string, sort = false): string[] {
  const values = [...new Set(rows.map(key))];
  return sort ? values.sort() : values;
}

/** Stacked bars: one bar per `x`, one series per `series`, from rows with counts. */
function stacked<T extends { count: number }>(
  rows: readonly T[],
  x: (row: T) => string,
  series: (row: T) => string,
  sortX = false,
): ChartOption {
  const categories = distinct(rows, x, sortX);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { top: 40, left: 40, right: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: distinct(rows, series).map((name) => ({
      name,
      type: 'bar',
      stack: 'total',
      data: categories.map((category) =>
        rows.filter((row) => x(row) === category && series(row) === name).reduce((sum, row) => sum + row.count, 0),
      ),
    })),
  };
}

export function regionStatusChart(figures: Statistics): ChartOption {
  return stacked(
    figures.byRegionStatus,
    (row) => row.regionName,
    (row) => row.statusTitle,
  );
}

export function stagesChart(figures: Statistics): ChartOption {
  return stacked(
    figures.stagesOverTime,
    (row) => row.month,
    (row) => row.statusTitle,
    true,
  );
}

export function overdueChart(figures: Statistics, label: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { top: 24, left: 40, right: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: figures.overdue.map((row) => row.regionName) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: label, type: 'bar', color: '#b7202e', data: figures.overdue.map((row) => row.count) }],
  };
}

export function subjectTypeChart(figures: Statistics, label: string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        name: label,
        type: 'pie',
        radius: ['35%', '65%'],
        label: { formatter: '{b}：{c}' },
        data: figures.designatedByType.map((row) => ({ name: row.title, value: row.count })),
      },
    ],
  };
}
