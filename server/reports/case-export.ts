import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDateOf, type WorkflowEngine } from '../../engine/index.js';
import { manifestOf, nextDue, regionNamer, type CaseView } from './case-query.js';

/** The export's columns, headed in Chinese as the workbench's case list is. */
const COLUMNS = [
  { header: '案件编号', key: 'id', width: 22 },
  { header: '园区', key: 'parkName', width: 30 },
  { header: '园区代码', key: 'park', width: 12 },
  { header: '省级单位', key: 'provinceName', width: 16 },
  { header: '省级单位代码', key: 'province', width: 12 },
  { header: '状态', key: 'statusTitle', width: 16 },
  { header: '状态日期', key: 'statusDate', width: 12 },
  { header: '流程', key: 'processTitle', width: 30 },
  { header: '版本', key: 'version', width: 12 },
  { header: '发起日期', key: 'started', width: 12 },
  { header: '下一日期', key: 'nextDate', width: 12 },
  { header: '下一日期名称', key: 'nextTitle', width: 34 },
  { header: '办结日期', key: 'ended', width: 12 },
] as const;

export const EXPORT_HEADERS: readonly string[] = COLUMNS.map((column) => column.header);

type Row = Record<(typeof COLUMNS)[number]['key'], string>;

function rowOf(engine: WorkflowEngine, view: CaseView, today: string, provinceName: (code: string) => string): Row {
  const next = nextDue(engine, view, today);
  return {
    id: view.id,
    parkName: view.subjectName ?? '',
    park: engine.subjectRegionOf(view).subject,
    provinceName: provinceName(engine.subjectRegionOf(view).region),
    province: engine.subjectRegionOf(view).region,
    statusTitle: view.statusTitle ?? view.status,
    statusDate: view.statusDate,
    processTitle: manifestOf(engine, view)?.title ?? view.process,
    version: view.version,
    started: chinaDateOf(view.startedAt),
    nextDate: next?.date ?? '',
    nextTitle: next?.title ?? '',
    ended: view.endedAt === undefined ? '' : chinaDateOf(view.endedAt),
  };
}

/**
 * Writes the cases as an .xlsx workbook onto `out` row by row (exceljs' streaming writer: the
 * workbook is never held whole in memory). Only what the case list shows goes in: no submissions,
 * so no objector (Art. 22) can appear.
 */
export async function writeCaseWorkbook(engine: WorkflowEngine, cases: readonly CaseView[], out: Writable) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = '全国质量品牌提升示范区工作平台';
  const sheet = workbook.addWorksheet('案件', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column) => ({ ...column }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const today = chinaDateOf(engine.clock.now());
  const provinceName = regionNamer(engine);
  for (const view of cases) sheet.addRow(rowOf(engine, view, today, provinceName)).commit();
  sheet.commit();
  await workbook.commit();
}
