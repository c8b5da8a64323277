import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { DefinitionRegistry } from '../../engine/definitions/registry.js';
import { DefinitionsSandbox } from '../scenarios/script-builder.js';
import { CHINESE, MINISTRIES, ServerHarness, throughCreation, withUsers } from './harness.js';

/**
 * Calendar years entered in the product (README "Calendars"), over HTTP on the sandbox clock. 2027–2029
 * are synthetic weekend-only years in a definitions sandbox; 2030 is entered here, as policy staff would
 * from the State Council's notice (a synthetic notice: the real one does not exist yet).
 */
export function year2030(patch: { newYearTo?: string; workdays?: { date: string; name: string }[] } = {}) {
  return {
    notice: {
      title: '国务院办公厅关于2030年部分节假日安排的通知（测试数据）',
      number: '国办发明电〔2029〕99号',
      issued: '2029-11-20',
      url: 'https://example.gov.cn/2030-holidays',
    },
    holidays: [
      { name: '元旦', from: '2030-01-01', to: patch.newYearTo ?? '2030-01-01' },
      { name: '春节', from: '2030-02-02', to: '2030-02-08' },
      { name: '清明节', from: '2030-04-05', to: '2030-04-07' },
      { name: '劳动节', from: '2030-05-01', to: '2030-05-05' },
      { name: '端午节', from: '2030-06-05', to: '2030-06-07' },
      { name: '中秋节', from: '2030-09-12', to: '2030-09-14' },
      { name: '国庆节', from: '2030-10-01', to: '2030-10-07' },
    ],
    workdays: patch.workdays ?? [
      { date: '2030-02-09', name: '春节' },
      { date: '2030-09-29', name: '国庆节' },
    ],
  };
}

describe('calendar years entered over HTTP', () => {
  let sandbox: DefinitionsSandbox;
  let h: ServerHarness;
  let caseId = '';

  beforeAll(async () => {
    sandbox = await DefinitionsSandbox.create([2027, 2028, 2029]);
    h = await ServerHarness.create({ definitionsRoot: sandbox.definitions, sharedDefinitions: sandbox.shared });
    await withUsers(h);
    // A case whose public notice opens Thu 2029-12-27: its five working days reach 2030.
    await h.advanceTo('2028-12-18T09:00:00+08:00');
    caseId = (await throughCreation(h)).id;
    await h.advanceTo('2029-12-27T09:00:00+08:00');
    await h.complete('park1', caseId, 'submitAcceptanceApplication');
    await h.complete('province', caseId, 'provincialAcceptanceReview');
    await h.complete('group', caseId, 'provincialLeadingGroupAcceptanceReview');
    for (const ministry of MINISTRIES) await h.complete(ministry, caseId, 'departmentOpinion');
    await h.complete('samr', caseId, 'samrAcceptanceReview');
    await h.complete('expert', caseId, 'expertEvaluation');
  }, 120_000);

  afterAll(async () => {
    await h.close();
    await sandbox.remove();
  });

  it('lists the years with their notices, and reports the missing next year from 1 November', async () => {
    const listed = await h.api.get('/api/calendars');
    expect(listed.status).toBe(200);
    const body = listed.body as { years: { year: number; revision: number }[]; missing: { year: number }[] };
    expect(body.years.map((entry) => entry.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029]);
    expect(body.years[0]).toMatchObject({ calendar: 'cn', revision: 1, notice: { number: '国办发明电〔2023〕7号' } });
    expect(body.missing).toEqual([{ calendar: 'cn', year: 2030 }]);
    const health = await h.api.get('/api/health');
    expect(health.body).toMatchObject({
      calendarsMissing: [{ calendar: 'cn', year: 2030, message: '2030年节假日安排尚未录入' }],
    });
  });

  it('leaves the case waiting on 2030 with an incident and no notice end', async () => {
    const view = await h.case(caseId);
    expect(view.status).toBe('publicizing');
    expect(view.incidents).toContainEqual(expect.objectContaining({ kind: 'calendar-missing', year: 2030 }));
    expect(view.due.publicityEnds).toBeUndefined();
  });

  it('lets only policy staff and admins enter a year', async () => {
    for (const user of ['samr', 'park1', 'province']) {
      const response = await h.api.post('/api/calendars/2030', { token: h.token(user), body: year2030() });
      expect(response.status, user).toBe(403);
    }
    const anonymous = await h.api.post('/api/calendars/2030', { body: year2030() });
    expect(anonymous.status).toBe(401);
  });

  it('refuses an invalid year with Chinese messages naming the field, writing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...year2030(), workdays: [{ date: '2030-02-04', name: '春节' }] }, '/workdays/0/date'], // a holiday
      [{ ...year2030(), workdays: [{ date: '2030-02-11', name: '春节' }] }, '/workdays/0/date'], // a Monday
      [{ ...year2030(), holidays: year2030().holidays.slice(1) }, '/holidays'], // no 元旦: incomplete
      [
        { ...year2030(), holidays: [...year2030().holidays, { name: '周末', from: '2030-03-02', to: '2030-03-03' }] },
        '/holidays/7',
      ],
      [
        {
          ...year2030(),
          holidays: [{ name: '元旦', from: '2031-01-01', to: '2031-01-01' }, ...year2030().holidays.slice(1)],
        },
        '/holidays/0/from',
      ],
      [{ ...year2030(), notice: { ...year2030().notice, number: '' } }, '/notice/number'],
      [
        { ...year2030(), notice: { ...year2030().notice, title: '国务院办公厅关于2029年部分节假日安排的通知' } },
        '/notice/title',
      ],
      // Issued after the case clock's today (2029-12-27): a mistyped date.
      [{ ...year2030(), notice: { ...year2030().notice, issued: '2030-01-15' } }, '/notice/issued'],
    ];
    for (const [body, path] of cases) {
      const response = await h.api.post('/api/calendars/2030', {
        token: h.token('policy'),
        body,
        request: 'unchecked',
      });
      expect(response.status, path).toBe(422);
      const { error, errors } = response.body as {
        error: { code: string; message: string };
        errors: { path: string; message: string }[];
      };
      expect(error.code).toBe('validation');
      expect(
        errors.map((found) => found.path),
        JSON.stringify(errors),
      ).toContain(path);
      for (const found of errors) expect(found.message).toMatch(CHINESE);
      expect(errors.every((found) => !('english' in found))).toBe(true);
      // Asked in English (the editor in English), said in English: they were all Chinese.
      const english = await h.api.post('/api/calendars/2030', {
        token: h.token('policy'),
        headers: { 'Accept-Language': 'en' },
        body,
        request: 'unchecked',
      });
      const said = english.body as { error: { message: string }; errors: { path: string; message: string }[] };
      expect(said.errors.map((found) => found.path)).toEqual(errors.map((found) => found.path));
      for (const found of [said.error, ...said.errors]) expect(found.message, path).not.toMatch(/「|」|应为|不能/);
    }
    // A field an entry does not take (a year's `source` is the server's to write) is named, not dropped.
    const extra = await h.api.post('/api/calendars/2030', {
      token: h.token('policy'),
      body: { ...year2030(), source: '国务院' },
      request: 'invalid',
    });
    expect([extra.status, extra.body]).toMatchObject([422, { error: { code: 'validation', field: 'source' } }]);
    // And one a holiday block does not take, at its path.
    const [first, ...rest] = year2030().holidays;
    const inner = await h.api.post('/api/calendars/2030', {
      token: h.token('policy'),
      body: { ...year2030(), holidays: [{ ...first, note: '调休' }, ...rest] },
      request: 'invalid',
    });
    expect(inner.status).toBe(422);
    expect((inner.body as { errors: { path: string }[] }).errors.map((found) => found.path)).toEqual([
      '/holidays/0/note',
    ]);
    const notYear = await h.api.post('/api/calendars/cn', { token: h.token('policy'), body: year2030() });
    expect(notYear.status).toBe(404);
    expect(await readdir(sandbox.calendarDir)).not.toContain('2030.json');
    expect((await h.case(caseId)).due.publicityEnds).toBeUndefined();
  });

  it('publishes 2030: written like the committed files, audited, and the waiting case leaves its incident', async () => {
    const response = await h.api.post('/api/calendars/2030', { token: h.token('policy'), body: year2030() });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ calendar: 'cn', year: 2030, revision: 1, resolved: [caseId], redated: [] });
    // Same format as the committed files: the loader reads it back as one more year.
    const file = JSON.parse(await readFile(join(sandbox.calendarDir, '2030.json'), 'utf8')) as {
      holidays: unknown[];
      workdays: unknown[];
      notice: unknown;
    };
    expect(file.holidays).toHaveLength(1 + 7 + 3 + 5 + 3 + 3 + 7);
    expect(file.workdays).toEqual([
      { date: '2030-02-09', name: '春节' },
      { date: '2030-09-29', name: '国庆节' },
    ]);
    expect(file.notice).toEqual(year2030().notice);
    const reloaded = await DefinitionRegistry.load(sandbox.definitions, { shared: sandbox.shared });
    expect(reloaded.calendarFiles('cn').map((year) => year.year)).toContain(2030);

    // Published Thu 2029-12-27: Fri 28, Mon 31, (元旦 Tue 1), Wed 2, Thu 3, Fri 4.
    const view = await h.case(caseId);
    expect(view.incidents).toEqual([]);
    expect(view.due.publicityEnds).toBe('2030-01-04');
    const audit = (await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken })).body as {
      type: string;
      details: Record<string, unknown>;
    }[];
    expect(audit.find((entry) => entry.type === 'incident.resolved')?.details).toMatchObject({
      year: 2030,
      revision: 1,
      due: 'publicityEnds',
      to: '2030-01-04',
    });
    const published = (await h.api.get('/api/definitions-audit', { token: h.token('policy') })).body as {
      type: string;
      actor: string;
      caseId: string;
    }[];
    expect(published.at(-1)).toMatchObject({ type: 'calendar.published', actor: 'policy', caseId: 'calendar:cn/2030' });
    expect(((await h.api.get('/api/health')).body as Record<string, unknown>).calendarsMissing).toBeUndefined();
  });

  it('takes a correction as a new revision, keeps the old one, and re-derives the unfired notice end', async () => {
    const same = await h.api.post('/api/calendars/2030', { token: h.adminToken, body: year2030() });
    expect(same.status).toBe(409);

    const corrected = await h.api.post('/api/calendars/2030', {
      token: h.adminToken,
      body: year2030({
        newYearTo: '2030-01-03',
        workdays: [{ date: '2030-01-05', name: '元旦' }, ...year2030().workdays],
      }),
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ year: 2030, revision: 2, replaces: 1, resolved: [], redated: [caseId] });
    expect(await readdir(join(sandbox.calendarDir, 'revisions'))).toEqual(['2030.r1.json']);
    const kept = JSON.parse(await readFile(join(sandbox.calendarDir, 'revisions', '2030.r1.json'), 'utf8')) as {
      revision: number;
    };
    expect(kept.revision).toBe(1);

    // Fri 28, Mon 31, (元旦 1–3), Fri 4, Sat 5 (调休), Mon 7.
    const view: CaseView = await h.case(caseId);
    expect(view.due.publicityEnds).toBe('2030-01-07');
    const audit = (await h.api.get(`/api/cases/${caseId}/audit`, { token: h.adminToken })).body as {
      type: string;
      details: Record<string, unknown>;
    }[];
    expect(audit.at(-1)).toMatchObject({
      type: 'due.rederived',
      details: {
        due: 'publicityEnds',
        from: '2030-01-04',
        to: '2030-01-07',
        year: 2030,
        revision: 2,
        notice: '国务院办公厅关于2030年部分节假日安排的通知（测试数据）（国办发明电〔2029〕99号）',
      },
    });
    const listed = (await h.api.get('/api/calendars')).body as { years: { year: number; revision: number }[] };
    expect(listed.years.find((entry) => entry.year === 2030)?.revision).toBe(2);
    // A restart loads revision 2; the kept revision beside it is not read as a second 2030.
    const restarted = await DefinitionRegistry.load(sandbox.definitions, { shared: sandbox.shared });
    expect(restarted.calendarFiles('cn').filter((year) => year.year === 2030)).toEqual([
      expect.objectContaining({ revision: 2 }),
    ]);

    // The timer fires on the corrected date, not the first one.
    await h.advanceTo('2030-01-05T09:00:00+08:00');
    expect((await h.case(caseId)).status).toBe('publicizing');
    await h.advanceTo('2030-01-08T09:00:00+08:00');
    expect((await h.case(caseId)).openTasks.map((task) => task.taskId)).toEqual(['samrRecognition']);
  });
});
