import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, TaskView } from '../../engine/cases/case-view.js';
import { applyMergePatch } from '../../engine/forms/merge-patch.js';
import { openApiDocument } from '../../server/openapi.js';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { PROCESS, START, tinyPdf, VERSION } from './harness.js';
import { fetchChecked, startServer, type ServerProcess } from './http-client.js';
import { OpenApiChecker } from './openapi-checker.js';

const ADMIN_PASSWORD = 'root-secret-for-tests';
const PASSWORD = 'user-password-for-tests';
const PARKS = ['P-D1', 'P-D2', 'P-D3'];
// Start-up reads every definition version; on a machine shared by many test runs it takes a while.
const READY_WITHIN = 120_000;

async function truncate(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
}

function storeCheck(dataDir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli/store-check.ts', dataDir], {
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

/**
 * Issue 9 item 6: one damaged file is not an outage. The real server writes its data, stops; a case
 * record, an audit log's middle line, the sandbox clock and an account are damaged on disk; the
 * server starts again, quarantines the damaged case records and accounts (logged at error with the
 * file), and serves everything else. `npm run store:check` lists every damaged file (exit 1).
 */
describe('the real server on a data directory with damaged files', () => {
  const checker = new OpenApiChecker(openApiDocument(true));
  let dataDir = '';
  let server: ServerProcess | undefined;
  const env = () => ({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    CLOCK: 'simulated',
    CLOCK_START: START,
  });
  const call = (method: string, path: string, options: Parameters<typeof fetchChecked>[4] = {}) =>
    fetchChecked(checker, server?.base ?? '', method, path, options);
  const login = async (username: string, password = PASSWORD) => {
    const response = await call('post', '/api/session', { body: { username, password } });
    expect(response.status, server?.output()).toBe(200);
    return (response.body as { token: string }).token;
  };
  const cases: CaseView[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'qbz-damaged-'));
    server = await startServer(env(), 0, { readyWithin: READY_WITHIN });
    const admin = await login('admin', ADMIN_PASSWORD);
    for (const [username, roles] of [
      ['parks', PARKS.map((park) => `park:${park}`)],
      ['victim', ['samr']],
    ] as const) {
      // Parks' accounts name their province: they start cases only there (CONTRACT §6).
      const created = await call('post', '/api/users', {
        token: admin,
        body: { username, password: PASSWORD, roles, ...(username === 'parks' && { province: '320000' }) },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const parks = await login('parks');
    for (const park of PARKS) {
      const started = await call('post', '/api/cases', {
        token: parks,
        body: { process: PROCESS, park, province: '320000' },
      });
      expect(started.status).toBe(201);
      cases.push(started.body as CaseView);
    }
    const advanced = await call('post', '/api/admin/clock', {
      token: admin,
      body: { advanceTo: '2024-04-02T09:00:00+08:00' },
    });
    expect(advanced.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 300_000);

  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, quarantines what is damaged, serves the rest, and store:check lists every damaged file', async () => {
    const [recordDamaged, auditDamaged, healthy] = cases;
    if (recordDamaged === undefined || auditDamaged === undefined || healthy === undefined) throw new Error('no cases');
    expect(storeCheck(dataDir).status).toBe(0);

    await truncate(join(dataDir, 'cases', `${recordDamaged.id}.json`));
    const auditFile = join(dataDir, 'audit', `${auditDamaged.id}.jsonl`);
    const lines = (await readFile(auditFile, 'utf8')).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    lines[1] = '{"seq":2,"torn';
    await writeFile(auditFile, lines.join('\n'));
    await truncate(join(dataDir, 'system', 'clock.json'));
    await truncate(join(dataDir, 'users', 'victim.json'));

    const check = storeCheck(dataDir);
    expect(check.status, check.output).toBe(1);
    for (const file of [
      join('cases', `${recordDamaged.id}.json`),
      join('audit', `${auditDamaged.id}.jsonl`),
      join('system', 'clock.json'),
      join('users', 'victim.json'),
    ])
      expect(check.output).toContain(file);

    // Once its cases are loaded: the damaged ones are logged as they are, after the first answer.
    server = await startServer({ ...env(), LOG_LEVEL: 'info' }, 0, { readyWithin: READY_WITHIN, casesLoaded: true });
    const errors = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((entry) => entry.level >= 50)
      .map((entry) => entry.msg)
      .join('\n');
    expect(errors).toContain(join(dataDir, 'cases', `${recordDamaged.id}.json`));
    expect(errors).toContain(auditFile);
    expect(errors).toContain(join(dataDir, 'system', 'clock.json'));

    const admin = await login('admin', ADMIN_PASSWORD);
    const listed = (await call('get', '/api/cases', { token: admin })).body as CaseView[];
    expect(listed.map((view) => view.id).sort()).toEqual(cases.map((view) => view.id).sort());
    for (const damaged of [recordDamaged, auditDamaged]) {
      const view = await call('get', `/api/cases/${damaged.id}`, { token: admin });
      expect(view.status).toBe(200);
      const { incidents, openTasks } = view.body as CaseView;
      expect(incidents.find((incident) => incident.kind === 'damaged')?.message).toContain('数据文件损坏');
      expect(openTasks).toEqual([]);
    }
    // The statistics count every case listed; a quarantined one's history, unreadable, counts no change.
    const statistics = await call('get', '/api/statistics', { token: admin });
    expect(statistics.status, JSON.stringify(statistics.body)).toBe(200);
    const figures = statistics.body as { total: number; stagesOverTime: { status: string; count: number }[] };
    expect(figures.total).toBe(cases.length);
    expect(figures.stagesOverTime.find((row) => row.status === 'applying')?.count).toBe(cases.length - 2);
    // A case whose record reads keeps its status's title (it read applying, its code, in the list and
    // the statistics); one whose record does not reads 数据文件损坏.
    const titles = new Map(listed.map((view) => [view.id, view.statusTitle]));
    expect(titles.get(auditDamaged.id)).toBe('创建申请中');
    expect(titles.get(recordDamaged.id)).toBe('数据文件损坏');
    const rows = (statistics.body as { byRegionStatus: { status: string; statusTitle: string }[] }).byRegionStatus;
    expect(rows.filter((row) => row.status === 'applying').map((row) => row.statusTitle)).toEqual(['创建申请中']);
    // Its park is told the case cannot be read now, not that it does not exist (it read 「案件 … 不存在」,
    // as if its application had been deleted); who could see it is read from its record, which reads.
    const parks = await login('parks');
    const unreadableCase = (id: string, language = 'zh') =>
      call('get', `/api/cases/${id}`, { token: parks, headers: { 'Accept-Language': language } });
    const unreadable = await unreadableCase(auditDamaged.id);
    expect(unreadable.status).toBe(503);
    expect(unreadable.body).toEqual({
      error: {
        code: 'unavailable',
        message: `案件 ${auditDamaged.id} 的数据暂时无法读取，已通知系统管理员；恢复后即可继续办理`,
      },
    });
    const english = await unreadableCase(auditDamaged.id, 'en');
    expect((english.body as { error: { message: string } }).error.message).toMatch(
      /^The data of case .+ cannot be read at the moment; the administrator has been told/,
    );
    // Another park guessing the id learns no more than of an id that names no case.
    const stranger = await call('post', '/api/users', {
      token: admin,
      body: { username: 'stranger', password: PASSWORD, roles: ['park:P-D9'], province: '320000' },
    });
    expect(stranger.status).toBe(201);
    const strangerToken = await login('stranger');
    const unknown = await call('get', '/api/cases/c_nosuchcase', { token: strangerToken });
    for (const id of [auditDamaged.id, recordDamaged.id]) {
      const guessed = await call('get', `/api/cases/${id}`, { token: strangerToken });
      expect(guessed.status).toBe(404);
      expect(JSON.stringify(guessed.body)).toBe(JSON.stringify(unknown.body).replace('c_nosuchcase', id));
    }
    // Nobody can act on a quarantined case; its task is no longer offered.
    const refused = await call('post', `/api/tasks/${auditDamaged.openTasks[0]?.ref ?? ''}/complete`, {
      token: parks,
      body: { data: {} },
    });
    expect(refused.status).toBe(409);
    // Its park still has it open: no second case while it waits to be restored (two once it is).
    const second = await call('post', '/api/cases', {
      token: parks,
      body: { process: PROCESS, park: PARKS[1], province: '320000' },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(409);
    expect(JSON.stringify(second.body)).toContain(auditDamaged.id);

    // Everything else works: the healthy case moves on, the user list answers and says which account is damaged.
    const form = await call('get', `/api/definitions/${PROCESS}/${VERSION}/forms/submit-creation-application`);
    let text = JSON.stringify(
      applyMergePatch((form.body as { examples: unknown[] }).examples[0], { parkType: 'industry' }),
    );
    // A form refers only to files its sender may read: upload the example's attachments first.
    for (const id of attachmentIds(JSON.parse(text))) {
      const upload = await fetch(`${server.base}/api/attachments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${parks}`, 'Content-Type': 'application/pdf' },
        body: new Uint8Array(tinyPdf(id)),
      });
      text = text.replaceAll(id, ((await upload.json()) as { id: string }).id);
    }
    const data = JSON.parse(text) as unknown;
    const done = await call('post', `/api/tasks/${healthy.openTasks[0]?.ref ?? ''}/complete`, {
      token: parks,
      body: { data },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const users = await call('get', '/api/users', { token: admin });
    expect(users.status).toBe(200);
    const accounts = users.body as { username: string; damaged?: string; roles?: string[] }[];
    expect(accounts.filter((user) => user.damaged !== undefined)).toEqual([
      { username: 'victim', damaged: '数据文件损坏：users/victim.json' },
    ]);
    expect(accounts.find((user) => user.username === 'admin')?.roles).toContain('admin');
    // Changing it says what is wrong with it (not "no such user", while creating it says "taken").
    const edit = await fetch(`${server.base}/api/users/victim`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(edit.status).toBe(500);
    expect(await edit.json()).toEqual({ error: { code: 'damaged', message: '数据文件损坏：users/victim.json' } });
    // Still serving; how many cases wait for a restore, not which.
    const health = await call('get', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', damagedCases: 2 });
  }, 300_000);

  // After the test above, which set the cases aside (a park and an admin are there already).
  it("lists the set-aside case to its park and its province, marked as unreadable now, with nothing to do on it (it vanished from their lists, as if deleted); another park's lists hold no trace of it", async () => {
    const [recordDamaged, auditDamaged] = cases;
    if (recordDamaged === undefined || auditDamaged === undefined) throw new Error('no cases');
    const admin = await login('admin', ADMIN_PASSWORD);
    const reviewer = await call('post', '/api/users', {
      token: admin,
      body: { username: 'reviewer', password: PASSWORD, roles: ['province:320000'] },
    });
    expect(reviewer.status).toBe(201);
    for (const username of ['parks', 'reviewer']) {
      const token = await login(username);
      const listed = await call('get', '/api/cases', { token });
      expect(listed.status).toBe(200);
      const views = listed.body as CaseView[];
      // As last read whole (its record: only its log is damaged), nothing open on it.
      expect(views.find((view) => view.id === auditDamaged.id)).toMatchObject({
        unavailable: true,
        status: 'applying',
        statusTitle: '创建申请中',
        park: auditDamaged.park,
        province: '320000',
        openTasks: [],
        openMessages: [],
      });
      expect(views.filter((view) => view.unavailable === true).map((view) => view.id)).toEqual([auditDamaged.id]);
    }
    // The statistics over the same list still answer (its history unread, it counts by its status).
    const statistics = await call('get', '/api/statistics', { token: await login('reviewer') });
    expect(statistics.status, JSON.stringify(statistics.body)).toBe(200);
    const rows = (statistics.body as { byRegionStatus: { status: string; count: number }[] }).byRegionStatus;
    expect(rows.find((row) => row.status === 'applying')?.count).toBe(2);
    // The park's task on it stays in its inbox, marked: not to be done until the case is restored.
    const parks = await login('parks');
    const inbox = (await call('get', '/api/tasks', { token: parks })).body as TaskView[];
    expect(inbox.filter((task) => task.unavailable === true)).toEqual([
      expect.objectContaining({
        caseId: auditDamaged.id,
        ref: auditDamaged.openTasks[0]?.ref,
        taskId: 'submitCreationApplication',
      }),
    ]);
    const refused = await call('post', `/api/tasks/${auditDamaged.openTasks[0]?.ref ?? ''}/complete`, {
      token: parks,
      body: { data: {} },
    });
    expect(refused.status).toBe(409);
    // Another park learns nothing of either set-aside case, not even that its id exists.
    const stranger = await login('stranger');
    const theirs = await Promise.all(
      ['/api/cases', '/api/tasks'].map((path) => call('get', path, { token: stranger })),
    );
    expect(theirs.map((answer) => answer.status)).toEqual([200, 200]);
    for (const damaged of [recordDamaged, auditDamaged])
      expect(JSON.stringify(theirs.map((answer) => answer.body))).not.toContain(damaged.id);
  }, 120_000);

  /** The case's attachment: its id, and the file its bytes are in. */
  const storedAttachment = async () => {
    const [linked] = (await readdir(join(dataDir, 'attachments'))).filter((name) => name.endsWith('.json'));
    if (linked === undefined) throw new Error('no attachment record');
    const id = linked.slice(0, -'.json'.length);
    const record = JSON.parse(await readFile(join(dataDir, 'attachments', linked), 'utf8')) as { sha256?: string };
    return { id, file: join(dataDir, 'attachment-files', record.sha256 ?? id) };
  };

  it("refuses to send an attachment whose file was cut short on disk (a broken copy passed for the park's original), and store:check names it", async () => {
    const parks = await login('parks');
    const { id, file } = await storedAttachment();
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, 10));

    const download = await fetch(`${server?.base ?? ''}/api/attachments/${id}`, {
      headers: { Authorization: `Bearer ${parks}` },
    });
    expect(download.status).toBe(500);
    const { error } = (await download.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^附件「.+」的文件已损坏（内容与上传时的校验和不符），未予下载/);
    const check = storeCheck(dataDir);
    expect(check.status, check.output).toBe(1);
    expect(check.output).toContain(
      `附件文件内容与校验和不符 / attachment bytes do not match their checksum: attachments/${id}`,
    );
    // Restored from a backup, it is sent again.
    await writeFile(file, whole);
    const restored = await fetch(`${server?.base ?? ''}/api/attachments/${id}`, {
      headers: { Authorization: `Bearer ${parks}` },
    });
    expect(restored.status).toBe(200);
    expect(Buffer.from(await restored.arrayBuffer()).equals(whole)).toBe(true);
  }, 120_000);

  it("says in Chinese that an attachment's file is missing (no path, no bare 500), and store:check names it", async () => {
    const parks = await login('parks');
    const { id, file } = await storedAttachment();
    await rm(file);

    const download = await fetch(`${server?.base ?? ''}/api/attachments/${id}`, {
      headers: { Authorization: `Bearer ${parks}` },
    });
    expect(download.status).toBe(500);
    const { error } = (await download.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^附件「.+」的文件缺失/);
    expect(error.message).not.toContain(dataDir);
    const check = storeCheck(dataDir);
    expect(check.status, check.output).toBe(1);
    expect(check.output).toContain(`附件文件缺失 / attachment bytes missing: attachments/${id}`);
  }, 120_000);
});
