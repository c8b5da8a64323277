import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDateOf, type WorkflowEngine } from '../../engine/index.js';
import { manifestOf, nextDue, regionNamer, type CaseView } from './case-query.js';

/** What the programme calls a case's subject and region (manifest `subject.title`, `region.title`). */
interface Titles {
  subject: string;
  region: string;
}

/** A China calendar date (YYYY-MM-DD) as a date cell: Excel sorts, filters and subtracts it as a date. */
const DATE_CELL = { numFmt: 'yyyy-mm-dd' } as const;

/** The export's columns, headed in Chinese as the workbench's case list is. */
function columnsOf(titles: Titles) {
  return [
    { header: '案件编号', key: 'id', width: 22 },
    { header: titles.subject, key: 'subjectName', width: 30 },
    { header: `${titles.subject}代码`, key: 'subject', width: 12 },
    { header: titles.region, key: 'regionName', width: 16 },
    { header: `${titles.region}代码`, key: 'region', width: 12 },
    { header: '状态', key: 'statusTitle', width: 16 },
    { header: '状态日期', key: 'statusDate', width: 12, style: DATE_CELL },
    { header: '流程', key: 'processTitle', width: 30 },
    { header: '版本', key: 'version', width: 12 },
    { header: '发起日期', key: 'started', width: 12, style: DATE_CELL },
    { header: '下一日期', key: 'nextDate', width: 12, style: DATE_CELL },
    { header: '下一日期名称', key: 'nextTitle', width: 34 },
    { header: '办结日期', key: 'ended', width: 12, style: DATE_CELL },
  ] as const;
}

type Row = Record<ReturnType<typeof columnsOf>[number]['key'], string | Date | undefined>;

/**
 * The cell for a China date: midnight UTC of that day, which exceljs writes as the day's serial number
 * (an Excel date has no time zone); none for no date. Text dates were left-aligned strings that a
 * date filter or a subtraction in the sheet did not take for dates.
 */
const dateCell = (date: string | undefined): Date | undefined =>
  date === undefined || date === '' ? undefined : new Date(`${date}T00:00:00Z`);

/** The declared titles when every case's programme agrees on them; neutral words otherwise. */
function titlesOf(engine: WorkflowEngine, cases: readonly CaseView[]): Titles {
  const subjects = new Set<string>();
  const regions = new Set<string>();
  for (const view of cases) {
    const manifest = manifestOf(engine, view);
    if (manifest !== undefined) {
      subjects.add(manifest.subject.title);
      regions.add(manifest.region.title);
    }
  }
  const only = (titles: Set<string>, otherwise: string) =>
    (titles.size === 1 ? [...titles][0] : undefined) ?? otherwise;
  return { subject: only(subjects, '申报主体'), region: only(regions, '所属地区') };
}

/**
 * A text a spreadsheet would take for a formula once its cell is edited, or the sheet saved as CSV
 * and opened again (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`: a park names itself), is written after an
 * apostrophe, as Excel shows text typed that way (OWASP "CSV injection"). Cells hold text only.
 */
function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function rowOf(engine: WorkflowEngine, view: CaseView, today: string, regionName: (code: string) => string): Row {
  const next = nextDue(engine, view, today);
  const { subject, region } = engine.subjectRegionOf(view);
  return {
    id: view.id,
    subjectName: view.subjectName ?? '',
    subject,
    regionName: regionName(region),
    region,
    statusTitle: view.statusTitle ?? view.status,
    statusDate: dateCell(view.statusDate),
    processTitle: manifestOf(engine, view)?.title ?? view.process,
    version: view.version,
    started: dateCell(chinaDateOf(view.startedAt)),
    nextDate: dateCell(next?.date),
    nextTitle: next?.title ?? '',
    ended: dateCell(view.endedAt === undefined ? undefined : chinaDateOf(view.endedAt)),
  };
}

/**
 * Writes the cases as an .xlsx workbook onto `out` row by row (exceljs' streaming writer: the
 * workbook is never held whole in memory). Only what the case list shows goes in: no submissions,
 * so no objector (Art. 22) can appear.
 */
export async function writeCaseWorkbook(engine: WorkflowEngine, cases: readonly CaseView[], out: Writable) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('案件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnsOf(titlesOf(engine, cases)).map((column) => ({ ...column }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const today = chinaDateOf(engine.clock.now());
  const regionName = regionNamer(engine);
  for (const view of cases) {
    const row = rowOf(engine, view, today, regionName);
    const cells = Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' ? inertText(value) : value,
    ]);
    sheet.addRow(Object.fromEntries(cells)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
