import type { Writable } from 'node:stream';
import { chinaDateOf, nextDue, type Said, type WorkflowEngine } from '../../engine/index.js';
import { CASE_EXPORT_WORDS as WORDS, type Language } from '../messages.js';
import { definitionText, manifestOf, regionNamer, type CaseView } from './case-query.js';

/** What the programme calls a case's subject and region (manifest `subject.title`, `region.title`). */
interface Titles {
  subject: string;
  region: string;
}

/** A China calendar date (YYYY-MM-DD) as a date cell: Excel sorts, filters and subtracts it as a date. */
const DATE_CELL = { numFmt: 'yyyy-mm-dd' } as const;

/** The export's columns, headed in the workbench's language (the case list's words). */
function columnsOf(titles: Titles, language: Language) {
  const say = (said: Said) => said[language];
  return [
    { header: say(WORDS.id), key: 'id', width: 22 },
    { header: titles.subject, key: 'subjectName', width: 30 },
    { header: say(WORDS.code(titles.subject)), key: 'subject', width: 12 },
    { header: titles.region, key: 'regionName', width: 16 },
    { header: say(WORDS.code(titles.region)), key: 'region', width: 12 },
    { header: say(WORDS.status), key: 'statusTitle', width: 16 },
    { header: say(WORDS.statusDate), key: 'statusDate', width: 12, style: DATE_CELL },
    { header: say(WORDS.process), key: 'processTitle', width: 30 },
    { header: say(WORDS.version), key: 'version', width: 12 },
    { header: say(WORDS.started), key: 'started', width: 12, style: DATE_CELL },
    { header: say(WORDS.nextDate), key: 'nextDate', width: 12, style: DATE_CELL },
    { header: say(WORDS.nextTitle), key: 'nextTitle', width: 34 },
    { header: say(WORDS.ended), key: 'ended', width: 12, style: DATE_CELL },
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

/**
 * The declared titles when every case's programme agrees on them — with no case, every programme the
 * server holds (one, usually) — (they are Chinese: in English, the neutral words); the neutral words
 * otherwise.
 */
function titlesOf(engine: WorkflowEngine, cases: readonly CaseView[], language: Language): Titles {
  const neutral = { subject: WORDS.subject[language], region: WORDS.region[language] };
  if (language === 'en') return neutral;
  const manifests =
    cases.length > 0
      ? cases.map((view) => manifestOf(engine, view))
      : engine.definitions.list().map((version) => version.definition.manifest);
  const subjects = new Set<string>();
  const regions = new Set<string>();
  for (const manifest of manifests) {
    if (manifest !== undefined) {
      subjects.add(manifest.subject.title);
      regions.add(manifest.region.title);
    }
  }
  const only = (titles: Set<string>, otherwise: string) =>
    (titles.size === 1 ? [...titles][0] : undefined) ?? otherwise;
  return { subject: only(subjects, neutral.subject), region: only(regions, neutral.region) };
}

/**
 * A text a spreadsheet would take for a formula once its cell is edited, or the sheet saved as CSV
 * and opened again (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`: a park names itself), is written after an
 * apostrophe, as Excel shows text typed that way (OWASP "CSV injection"). Cells hold text only.
 */
function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function rowOf(
  engine: WorkflowEngine,
  view: CaseView,
  today: string,
  regionName: (code: string) => string,
  say: (view: CaseView, text: string) => string,
): Row {
  const manifest = manifestOf(engine, view);
  const next = nextDue(view, today, manifest);
  const { subject, region } = engine.subjectRegionOf(view);
  return {
    id: view.id,
    subjectName: view.subjectName ?? '',
    subject,
    // The region directory's names are the programme's words: its catalogue carries them (江苏省 → Jiangsu).
    regionName: say(view, regionName(region)),
    region,
    statusTitle: view.statusTitle === undefined ? view.status : say(view, view.statusTitle),
    statusDate: dateCell(view.statusDate),
    processTitle: say(view, manifest?.title ?? view.process),
    version: view.version,
    started: dateCell(chinaDateOf(view.startedAt)),
    nextDate: dateCell(next?.date),
    nextTitle: next === undefined ? '' : say(view, next.title),
    ended: dateCell(view.endedAt === undefined ? undefined : chinaDateOf(view.endedAt)),
  };
}

/**
 * Writes the cases as an .xlsx workbook onto `out` row by row (exceljs' streaming writer: the
 * workbook is never held whole in memory). Only what the case list shows goes in: no submissions,
 * so no objector (Art. 22) can appear. In `language`: the headings, and the statuses, process and
 * date titles and the regions' names where the programme's catalogue has them (parks' names as written).
 */
export async function writeCaseWorkbook(
  engine: WorkflowEngine,
  cases: readonly CaseView[],
  out: Writable,
  language: Language,
) {
  // Loaded on the first export, not at start: requiring exceljs was a fifth of a server's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(WORDS.sheet[language], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columnsOf(titlesOf(engine, cases, language), language).map((column) => ({ ...column }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const today = chinaDateOf(engine.clock.now());
  const regionName = regionNamer(engine);
  const say = definitionText(engine, language);
  for (const view of cases) {
    const row = rowOf(engine, view, today, regionName, say);
    const cells = Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' ? inertText(value) : value,
    ]);
    sheet.addRow(Object.fromEntries(cells)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
