import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { type ApiResponse, CHINESE, PASSWORD, PROCESS, ServerHarness, tinyPdf, VERSION, withUsers } from './harness.js';

const MAX_ATTACHMENT = 64 * 1024;

/** CONTRACT §6: `{ error: { code, message } }`, a Chinese message, never a stack trace or a 5xx. */
function expectError(response: ApiResponse, status: number | number[], code?: string): void {
  // Soft: one test reports every endpoint that answers wrongly, not just the first.
  const statuses = Array.isArray(status) ? status : [status];
  expect.soft(statuses, response.text.slice(0, 300)).toContain(response.status);
  const body = response.body as { error?: { code?: unknown; message?: unknown } };
  expect.soft(typeof body.error?.code).toBe('string');
  if (code !== undefined) expect.soft(body.error?.code, response.text.slice(0, 300)).toBe(code);
  expect.soft(body.error?.message, 'a Chinese message').toMatch(CHINESE);
  expect.soft(response.text).not.toMatch(/"stack"|\bat \S+ \(|node_modules|\.ts:\d+/);
}

/** A Windows executable's first bytes: `MZ`, and the PE header `e_lfanew` points at. */
function exeLike(): Buffer {
  const content = Buffer.alloc(512);
  content.write('MZ', 0, 'latin1');
  content.writeUInt32LE(0x80, 0x3c);
  content.write('PE\0\0', 0x80, 'latin1');
  return content;
}

/** A form's data at its longest: every text at its maximum length in Chinese, every list full of ids. */
function longest(schema: unknown): unknown {
  const node = schema as { type?: string; maxLength?: number; maxItems?: number; properties?: object; items?: unknown };
  if (node.type === 'object')
    return Object.fromEntries(Object.entries(node.properties ?? {}).map(([name, field]) => [name, longest(field)]));
  if (node.type === 'array') return Array.from({ length: node.maxItems ?? 0 }, () => longest(node.items));
  if (node.type === 'string') return '异'.repeat(node.maxLength ?? 64);
  return 0;
}

const TRICKS: [label: string, id: string][] = [
  ['traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['dot-dot', '..'],
  ['encoded dot-dot', '%2e%2e'],
  ['NUL', '%00'],
  ['NUL inside', 'c_x%00.json'],
  ['2000 characters', 'x'.repeat(2000)],
  ['Chinese', encodeURIComponent('案件一号')],
  ['emoji', encodeURIComponent('😀')],
  ['double-encoded', '%252e%252e%252f'],
];

describe('bad input: 4xx with a Chinese error, never a 5xx or a stack trace', () => {
  let h: ServerHarness;
  let caseId = '';
  let reviewRef = '';

  beforeAll(async () => {
    h = await ServerHarness.create({ store: 'lowdb', attachmentMaxBytes: MAX_ATTACHMENT });
    await withUsers(h, ['park1', 'park2', 'province', 'samr']);
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    caseId = (started.body as CaseView).id;
    const submitted = await h.complete('park1', caseId, 'submitCreationApplication');
    reviewRef = submitted.openTasks[0]?.ref ?? '';
  });
  afterAll(async () => {
    await h.close();
  });

  it('stores texts trimmed at both ends (a postcode with spaces around it is valid); a paragraph keeps its 　　 indent', async () => {
    const started = await h.api.post('/api/cases', {
      token: h.token('park2'),
      body: { process: PROCESS, park: 'P-002', province: '320000' },
    });
    const id = (started.body as CaseView).id;
    await h.complete('park2', id, 'submitCreationApplication', {
      parkName: '  松岚湾数字经济产业园\t',
      address: { postcode: ' 215000 ' },
      basicSituation: '\n　　园区设立于2006年。 \n',
    });
    const listed = await h.api.get(`/api/cases/${id}/submissions`, { token: h.token('park2') });
    const [sent] = listed.body as {
      data: { parkName: string; address: { postcode: string }; basicSituation: string };
    }[];
    expect(sent?.data.parkName).toBe('松岚湾数字经济产业园');
    expect(sent?.data.address.postcode).toBe('215000');
    expect(sent?.data.basicSituation).toBe('　　园区设立于2006年。');
    expect((await h.case(id)).subjectName).toBe('松岚湾数字经济产业园');
  });

  it('malformed JSON → 400; JSON that is not an object → 422', async () => {
    const calls: [method: 'post' | 'patch', path: string, token?: string][] = [
      ['post', '/api/session'],
      ['post', '/api/users', h.adminToken],
      ['patch', '/api/users/park1', h.adminToken],
      ['post', '/api/cases', h.token('park1')],
      ['post', `/api/tasks/${reviewRef}/complete`, h.token('province')],
      ['post', `/api/cases/${caseId}/messages/withdraw`, h.token('park1')],
      ['post', `/api/public/notices/${caseId}/objections`],
      ['post', '/api/admin/clock', h.adminToken],
    ];
    for (const [method, path, token] of calls) {
      for (const raw of ['{"data": ', '{data: 1}', "{'a': 1}", '[1,]', 'nul']) {
        const response = await h.api.call(method, path, { token, raw, type: 'application/json' });
        expectError(response, 400, 'bad-request');
      }
      // JSON, though not an object: said so, not called malformed.
      for (const raw of ['null', '5', '"admin"', 'true']) {
        const response = await h.api.call(method, path, { token, raw, type: 'application/json' });
        expectError(response, 422, 'validation');
        expect(response.text).toContain('请求体应为 JSON 对象');
      }
    }
  });

  it('a JSON body in an encoding the server does not inflate → 415 saying so, not that the file must go as it is', async () => {
    const response = await h.api.call('post', '/api/session', {
      raw: '{"username":"park1"}',
      type: 'application/json',
      headers: { 'Content-Encoding': 'compress' },
    });
    expect([response.status, response.body]).toEqual([
      415,
      {
        error: {
          code: 'unsupported-encoding',
          message: '请求体的压缩方式（Content-Encoding: compress）不受支持：请以 gzip 压缩或不压缩',
        },
      },
    ]);
  });

  it('bodies nested thousands of levels deep (a few KB) → 400, on every route that walks a form', async () => {
    const deep = (levels: number): unknown => {
      let value: unknown = '末层';
      for (let level = 0; level < levels; level++) value = { a: value };
      return value;
    };
    const calls: [path: string, token?: string][] = [
      [`/api/tasks/${reviewRef}/complete`, h.token('province')],
      [`/api/tasks/${reviewRef}/preview`, h.token('province')],
      [`/api/cases/${caseId}/messages/withdraw`, h.token('park1')],
      [`/api/cases/${caseId}/messages/withdraw/preview`, h.token('park1')],
      [`/api/public/notices/${caseId}/objections`],
    ];
    for (const [path, token] of calls) {
      const response = await h.api.post(path, { token, body: { data: { objector: deep(2000) } } });
      expectError(response, 400, 'bad-request');
      expect(response.text).toContain('嵌套层级过深');
    }
    // Deep enough to reach the form (under the body's limit), it is refused at the field's form.
    const nested = await h.api.post(`/api/tasks/${reviewRef}/complete`, {
      token: h.token('province'),
      body: { data: { note: deep(40) } },
    });
    expectError(nested, 422, 'validation');
    expect(nested.text).toContain('嵌套层级过深');
  });

  it('a form naming thousands of fields it does not take → 422 wording the first hundred, not one answer line a name', async () => {
    // 5,000 names in 40 KB made 5,000 errors, each located and worded: a third of a second of the
    // server's thread and a 300 KB answer a request (the attacker's walk). More than 1,000 are refused
    // before the form (below); up to it, the form words a hundred.
    const names = Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [index.toString(36), 1]));
    for (const [path, token] of [
      [`/api/tasks/${reviewRef}/complete`, h.token('province')],
      [`/api/tasks/${reviewRef}/preview`, h.token('province')],
    ] as const) {
      const response = await h.api.post(path, { token, body: { data: names }, request: 'unchecked' });
      expectError(response, 422, 'validation');
      const { errors } = response.body as { errors: { path: string }[] };
      expect(errors).toHaveLength(100);
      expect(response.text).toContain('余处错误');
      expect(response.text.length).toBeLessThan(20_000);
    }
  });

  it('a body with an object of more than 1,000 members → 413 naming the limit, before any route walks it', async () => {
    // 9,000 names in 64 KB (under the body's limit) cost 100–600 ms of the server's thread, though
    // refused in the end (the attacker's walk); the largest object the API takes has 75 (scores).
    const members = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [index.toString(36), 1]));
    for (const [path, token] of [
      [`/api/tasks/${reviewRef}/complete`, h.token('province')],
      [`/api/tasks/${reviewRef}/preview`, h.token('province')],
      [`/api/cases/${caseId}/messages/withdraw`, h.token('park1')],
      // Without a session: 9,000 names are over its 64 KB, 1,001 are not.
      ['/api/session', undefined],
    ] as const) {
      const bodies = [{ data: { scores: members(1001) } }, members(1001)];
      for (const body of token === undefined ? bodies : [{ data: members(9000) }, ...bodies]) {
        const response = await h.api.post(path, { token, body, request: 'unchecked' });
        expectError(response, 413, 'too-large');
        expect(response.text).toContain('请求内容中的对象成员过多（每个对象最多 1000 项）');
      }
    }
    const inEnglish = await h.api.post(`/api/tasks/${reviewRef}/complete`, {
      token: h.token('province'),
      body: { data: members(9000) },
      headers: { 'Accept-Language': 'en' },
      request: 'unchecked',
    });
    expect((inEnglish.body as { error: { message: string } }).error.message).toBe(
      'An object in the request has too many members (at most 1000 each)',
    );
    // An array's items are not members: a long list is the form's to judge (422), not refused here.
    const list = await h.api.post(`/api/tasks/${reviewRef}/complete`, {
      token: h.token('province'),
      body: { data: { departmentsConsulted: Array.from({ length: 1001 }, () => '省农业农村厅') } },
      request: 'unchecked',
    });
    expectError(list, 422, 'validation');
  });

  it('wrong types and missing fields → 422', async () => {
    const admin = h.adminToken;
    const cases: [method: 'post' | 'patch', path: string, token: string | undefined, body: unknown][] = [
      ['post', `/api/tasks/${reviewRef}/complete`, h.token('province'), { data: 'approve' }],
      ['post', `/api/tasks/${reviewRef}/complete`, h.token('province'), { data: ['approve'] }],
      ['post', `/api/tasks/${reviewRef}/complete`, h.token('province'), {}],
      ['post', `/api/tasks/${reviewRef}/complete`, h.token('province'), [{ data: {} }]],
      ['post', '/api/users', admin, { username: 'u1', password: PASSWORD, roles: 'park:P-001' }],
      ['post', '/api/users', admin, { username: 'u1', password: PASSWORD, roles: [1] }],
      ['post', '/api/users', admin, { username: 'u1', roles: ['samr'] }],
      ['post', '/api/users', admin, { username: 'u1', password: 'short', roles: ['samr'] }],
      ['post', '/api/users', admin, { username: '../u1', password: PASSWORD, roles: ['samr'] }],
      ['post', '/api/users', admin, { username: 'u1', password: PASSWORD, roles: ['Not A Role'] }],
      ['patch', '/api/users/park1', admin, { roles: 'samr' }],
      // Once answered 200 with nothing changed: a wrong type, a field no route takes.
      ['patch', '/api/users/park1', admin, { disabled: 'yes' }],
      ['patch', '/api/users/park1', admin, { username: 'park9' }],
      ['post', '/api/users', admin, { username: 'u1', password: PASSWORD, roles: ['samr'], superuser: true }],
      ['post', '/api/session', undefined, { username: 1, password: PASSWORD }],
      ['post', '/api/session', undefined, {}],
      ['post', '/api/cases', h.token('park1'), {}],
      ['post', '/api/cases', h.token('park1'), { process: PROCESS, park: 'P-001' }],
      ['post', '/api/cases', h.token('park1'), { process: PROCESS, park: ['P-001'], province: '320000' }],
      ['post', '/api/admin/clock', admin, { advanceTo: 'tomorrow' }],
      ['post', '/api/admin/clock', admin, { advanceTo: 5 }],
      ['post', `/api/cases/${caseId}/migrate`, admin, { to: 5 }],
      ['post', `/api/cases/${caseId}/migrate`, admin, { to: VERSION, dryRun: 'yes' }],
    ];
    for (const [method, path, token, body] of cases) {
      const response = await h.api.call(method, path, { token, body, request: 'invalid' });
      expectError(response, 422, 'validation');
    }
    // Well-formed requests whose form data fails the form's schema.
    const forms: [path: string, token: string, data: unknown][] = [
      [`/api/tasks/${reviewRef}/complete`, h.token('province'), { decision: 42 }],
      [`/api/tasks/${reviewRef}/complete`, h.token('province'), {}],
      [`/api/cases/${caseId}/messages/withdraw`, h.token('park1'), { reason: 7 }],
    ];
    for (const [path, token, data] of forms) {
      const response = await h.api.post(path, { token, body: { data } });
      expectError(response, 422, 'validation');
      expect((response.body as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    }
    // Field errors name the field and say what is wrong, in Chinese.
    const typed = await h.api.post(`/api/tasks/${reviewRef}/complete`, {
      token: h.token('province'),
      body: { data: { decision: 42 } },
    });
    expect((typed.body as { errors: { path: string }[] }).errors.map((field) => field.path)).toContain('/decision');
    // Not JSON at all: the body is not read as an object.
    const plain = await h.api.post('/api/session', { raw: 'username=admin', type: 'text/plain' });
    expectError(plain, 422, 'validation');
    const province = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-002', province: '999999' },
    });
    expectError(province, [403, 422]);
    // Nothing of it changed the case.
    expect((await h.case(caseId)).openTasks.map((task) => task.ref)).toEqual([reviewRef]);
  });

  it('a field of the wrong type → 422 naming it, in English when asked', async () => {
    const admin = h.adminToken;
    const cases: [path: string, body: unknown, zh: string, en: string][] = [
      [
        `/api/cases/${caseId}/migrate`,
        { to: VERSION, dryRun: 'yes' },
        '「试运行」应为 true 或 false',
        'dryRun must be true or false',
      ],
      ['/api/users/park1', { disabled: 'yes' }, '「停用」应为 true 或 false', 'disabled must be true or false'],
      ['/api/users/park1', { password: 5 }, '「密码」应为文字', 'password must be text'],
      ['/api/users/park1', { displayName: 5 }, '「显示名称」应为文字', 'displayName must be text'],
    ];
    for (const [path, body, zh, en] of cases) {
      const method = path.endsWith('/migrate') ? 'post' : 'patch';
      for (const [language, said] of [
        ['zh-CN', zh],
        ['en', en],
      ] as const) {
        const response = await h.api.call(method, path, {
          token: admin,
          body,
          request: 'invalid',
          headers: { 'Accept-Language': language },
        });
        expect.soft(response.status, path).toBe(422);
        expect.soft(response.body, path).toMatchObject({ error: { code: 'validation', message: said } });
      }
    }
  });

  it('a field or query parameter a route does not take → 422 naming it, in Chinese and in English; without it the request is answered', async () => {
    const admin = h.adminToken;
    const park = h.token('park1');
    const province = h.token('province');
    const review = (await h.case(caseId)).openTasks[0];
    const reviewData = { data: await h.example(review?.formKey ?? '') };
    const withdraw = { data: await h.example('withdraw') };
    const now = h.clock.now().toISOString();
    // Each was answered as if the field were not there: `id` (the case's number) and `dryRun` misspelt too.
    const cases: [
      method: 'get' | 'post' | 'patch' | 'delete',
      path: string,
      token: string | undefined,
      body: unknown,
      field: string,
    ][] = [
      ['post', '/api/session', undefined, { username: 'park1', password: PASSWORD, remember: true }, 'remember'],
      ['patch', '/api/users/park1', admin, { disabled: false, superuser: true }, 'superuser'],
      ['post', '/api/cases', park, { process: PROCESS, park: 'P-001', province: '320000', id: 'c_mine' }, 'id'],
      ['post', `/api/tasks/${reviewRef}/complete`, province, { ...reviewData, comment: 'x' }, 'comment'],
      ['post', `/api/tasks/${reviewRef}/preview`, province, { ...reviewData, comment: 'x' }, 'comment'],
      ['post', `/api/cases/${caseId}/messages/withdraw`, park, { ...withdraw, reason: 'x' }, 'reason'],
      ['post', `/api/cases/${caseId}/messages/withdraw/preview`, park, { ...withdraw, reason: 'x' }, 'reason'],
      ['post', `/api/public/notices/${caseId}/objections`, undefined, { data: {}, name: '张三' }, 'name'],
      ['post', `/api/cases/${caseId}/migrate`, admin, { to: VERSION, dryrun: true }, 'dryrun'],
      ['post', '/api/admin/clock', admin, { advanceTo: '2024-04-02T09:00', fire: false }, 'fire'],
      // Calls that take no body: one with a field was answered as if it were not there.
      ['post', '/api/admin/incidents/retry', admin, { all: true }, 'all'],
      ['delete', '/api/session', park, { everywhere: true }, 'everywhere'],
      ['get', '/api/notifications?unread=true&kind=task', park, undefined, 'kind'],
      ['get', '/api/cases/export.xlsx?provnce=320000', park, undefined, 'provnce'],
      ['get', '/api/statistics?status=created&page=2', park, undefined, 'page'],
    ];
    for (const [method, path, token, body, field] of cases) {
      const request = body === undefined ? 'valid' : 'invalid';
      for (const language of ['zh-CN', 'en']) {
        const response = await h.api.call(method, path, {
          token,
          body,
          request,
          headers: { 'Accept-Language': language },
        });
        expect.soft(response.status, `${path} ${response.text.slice(0, 300)}`).toBe(422);
        const error = (response.body as { error?: { code?: string; field?: string; message?: string } }).error;
        expect.soft(error?.code).toBe('validation');
        expect.soft(error?.field, path).toBe(field);
        expect.soft(error?.message, path).toContain(field);
        expect
          .soft(error?.message, path)
          .toMatch(language === 'en' ? /^This (request|address) does not take the (field|parameter) / : CHINESE);
      }
    }
    // The router takes a trailing slash and any letter case, as the document does not: these answered
    // every case, unfiltered (the walk; sent past the checker, which knows only the document's paths).
    for (const path of ['/api/cases/?status=created', '/API/Cases?status=created', '/api/me/?x=1']) {
      const response = await request(h.app).get(path).set('Authorization', `Bearer ${park}`);
      expect.soft(response.status, path).toBe(422);
      expect.soft((response.body as { error?: { field?: string } }).error?.field, path).toMatch(/^(status|x)$/);
    }
    // The same requests without it (those that change nothing) are answered as before: a migration to the
    // version the case is on by its engine (409), not for its fields.
    const answered: [
      method: 'get' | 'post' | 'patch' | 'delete',
      path: string,
      token: string | undefined,
      body: unknown,
      status?: number,
    ][] = [
      ['post', '/api/session', undefined, { username: 'park1', password: PASSWORD }],
      ['patch', '/api/users/park1', admin, { disabled: false }],
      ['post', `/api/tasks/${reviewRef}/preview`, province, reviewData],
      ['post', `/api/cases/${caseId}/messages/withdraw/preview`, park, withdraw],
      ['post', `/api/cases/${caseId}/migrate`, admin, { to: VERSION, dryRun: true }, 409],
      ['get', '/api/notifications?unread=true', park, undefined],
      ['get', '/api/cases/export.xlsx?province=320000', park, undefined],
      ['get', '/api/statistics?status=created', park, undefined],
      ['post', '/api/admin/incidents/retry', admin, undefined],
    ];
    for (const [method, path, token, body, status = 200] of answered) {
      const response = await h.api.call(method, path, { token, body });
      expect.soft(response.status, `${path} ${response.text.slice(0, 300)}`).toBe(status);
    }
    // Nothing of it changed the case, nor the clock.
    expect((await h.case(caseId)).openTasks.map((task) => task.ref)).toEqual([reviewRef]);
    expect(h.clock.now().toISOString()).toBe(now);
  });

  it('many fields or query parameters a route does not take → 422 at the first, naming the first five and how many (all 500 were listed)', async () => {
    const names = Array.from({ length: 500 }, (_, index) => `stray${String(index + 1)}`);
    const query = `/api/notifications?unread=true&${names.map((name) => `${name}=1`).join('&')}`;
    const body = { username: 'park1', password: PASSWORD, ...Object.fromEntries(names.map((name) => [name, 1])) };
    for (const [method, path, token, sent] of [
      ['get', query, h.token('park1'), undefined],
      ['post', '/api/session', undefined, body],
    ] as const) {
      const said: Record<string, string> = {};
      for (const language of ['zh-CN', 'en']) {
        const response = await h.api.call(method, path, {
          token,
          body: sent,
          request: 'invalid',
          headers: { 'Accept-Language': language },
        });
        expect(response.status, response.text.slice(0, 300)).toBe(422);
        const error = (response.body as { error: { code: string; field: string; message: string } }).error;
        expect([error.code, error.field]).toEqual(['validation', 'stray1']);
        said[language] = error.message;
      }
      for (const message of Object.values(said)) {
        for (const name of names.slice(0, 5)) expect(message).toContain(name);
        expect(message).not.toMatch(/stray6\b/);
        expect(message.length, message).toBeLessThan(200);
      }
      expect(said['zh-CN']).toContain('stray5 等 500 项');
      expect(said.en).toContain('stray5 and 495 others');
    }
    // Two: both named, nothing counted; one over-long name is cut short, still the error's field.
    const long = 'x'.repeat(5000);
    const response = await h.api.call('post', '/api/session', {
      body: { username: 'park1', password: PASSWORD, [long]: 1, other: 1 },
      request: 'invalid',
      headers: { 'Accept-Language': 'en' },
    });
    const error = (response.body as { error: { field: string; message: string } }).error;
    expect(error.field).toBe(long);
    expect(error.message).toMatch(/^This request does not take the fields x{40}…, other \(/);
  });

  it('oversized bodies → 413 (JSON over 1 MB, attachments over the limit)', async () => {
    const big = { data: { comments: 'x'.repeat(1024 * 1024 + 10) } };
    const json = await h.api.post(`/api/tasks/${reviewRef}/complete`, { token: h.token('province'), body: big });
    expectError(json, 413, 'too-large');
    const login = await h.api.post('/api/session', { body: { username: 'admin', password: 'x'.repeat(1_100_000) } });
    expectError(login, 413);
    const file = Buffer.concat([tinyPdf(), Buffer.alloc(MAX_ATTACHMENT)]);
    expectError(await h.api.post('/api/attachments', { token: h.token('park1'), raw: file }), 413);
    expectError(await h.api.post('/api/public/attachments', { raw: file }), 413);
  });

  it('without a session a JSON body over 64 KB is refused unread (413); the longest objection the form allows fits', async () => {
    // A visitor's megabyte bodies in a loop held the one thread parsing them: every answer slowed tenfold.
    const body = { data: { comments: '意'.repeat(30_000) } }; // 90 KB in UTF-8
    // The form data is only the bulk here (signing in takes no `data`): refused for its size, unread.
    const anonymous = await h.api.post('/api/session', {
      body: { username: 'admin', password: 'x', ...body },
      request: 'invalid',
    });
    expectError(anonymous, 413, 'too-large');
    expect((anonymous.body as { error: { message: string } }).error.message).toContain('64 KB');
    expectError(await h.api.post(`/api/public/notices/${caseId}/objections`, { body }), 413, 'too-large');
    // Signed in, the same body is read, and answered by its route (a review's comment is refused by its form).
    const signedIn = await h.api.post(`/api/tasks/${reviewRef}/complete`, { token: h.token('province'), body });
    expectError(signedIn, 422, 'validation');
    const objection = JSON.parse(
      await readFile('definitions/quality-brand-zone/2024-03-14/forms/objection.schema.json', 'utf8'),
    ) as unknown;
    expect(Buffer.byteLength(JSON.stringify({ data: longest(objection) }))).toBeLessThan(64 * 1024);
  });

  it('unknown ids → 404; an unknown task ref → 409 (not open)', async () => {
    const token = h.token('park1');
    for (const suffix of ['', '/audit', '/submissions', '/diagram']) {
      expectError(await h.api.get(`/api/cases/c_unknown${suffix}`, { token }), 404, 'not-found');
    }
    expectError(await h.api.get(`/api/attachments/${'0'.repeat(64)}`, { token }), 404, 'not-found');
    expectError(await h.api.get('/api/attachments/not-an-id', { token }), 404, 'not-found');
    expectError(await h.api.patch('/api/users/nobody', { token: h.adminToken, body: { disabled: true } }), 404);
    const withdraw = { data: await h.example('withdraw') };
    // A message to a case that is not there reads as one outside its window (existence is not told).
    const unknownCase = await h.api.post('/api/cases/c_unknown/messages/withdraw', { token, body: withdraw });
    expectError(unknownCase, 409, 'not-open');
    // Named as people know it, never by the process's internal name.
    expect(unknownCase.body).toMatchObject({ error: { message: '当前不在「撤回申请」的受理期内' } });
    expectError(await h.api.post(`/api/cases/${caseId}/messages/noSuchMessage`, { token, body: withdraw }), 404);
    const objection = { data: await h.example('objection') };
    // A case with no open notice answers word for word as a case that is not there.
    const noCase = await h.api.post('/api/public/notices/c_unknown/objections', { body: objection });
    const closedNotice = await h.api.post(`/api/public/notices/${caseId}/objections`, { body: objection });
    expectError(noCase, 409, 'not-open');
    expectError(closedNotice, 409, 'not-open');
    expect(closedNotice.body).toEqual(noCase.body);
    expect((noCase.body as { error: { message: string } }).error.message).not.toMatch(/[a-z]{4,}/i);
    expectError(await h.api.get(`/api/definitions/${PROCESS}/${VERSION}/forms/no-such-form`), 404, 'not-found');
    expectError(await h.api.get('/api/nothing-here', { token }), 404, 'not-found');
    expectError(await h.api.call('put', `/api/cases/${caseId}`, { token }), 404, 'not-found');
    const unknownTask = await h.api.post('/api/tasks/t_unknown/complete', {
      token: h.token('province'),
      body: { data: await h.example('provincial-feasibility-review') },
    });
    expectError(unknownTask, 409, 'not-open');
  });

  it('a long name in the path is said back cut to 64 characters (a 3,000-character case id came back whole)', async () => {
    const long = 'x'.repeat(3000);
    const said = async (path: string) => {
      const answer = await h.api.get(path, { token: h.token('park1') });
      expectError(answer, 404, 'not-found');
      return (answer.body as { error: { message: string } }).error.message;
    };
    expect(await said(`/api/cases/c_${long}`)).toBe(`案件 c_${'x'.repeat(62)}… 不存在`);
    expect(await said(`/api/definitions/${PROCESS}/${VERSION}/forms/${long}`)).toBe(`表单 ${'x'.repeat(64)}… 不存在`);
    expect(await said(`/api/definitions/${long}/${VERSION}/forms/objection`)).toBe(
      `流程定义 ${'x'.repeat(64)}… 不存在`,
    );
  });

  it('unknown definition versions and processes → 404 with a Chinese message', async () => {
    const token = h.adminToken;
    expectError(await h.api.get(`/api/definitions/${PROCESS}/1999-01-01`, { token }), 404, 'not-found');
    expectError(await h.api.get(`/api/definitions/${PROCESS}/1999-01-01/process.bpmn`, { token }), 404);
    expectError(await h.api.get(`/api/definitions/no-such-process/${VERSION}/forms/objection`), 404);
    expectError(await h.api.get(`/api/definitions/..%2F..%2Fetc/passwd`, { token }), 404, 'not-found');
    expectError(await h.api.post('/api/drafts', { token, body: { process: PROCESS, from: '1999-01-01' } }), 404);
    expectError(await h.api.get('/api/calendars/no-such-calendar'), 404, 'not-found');
    expectError(await h.api.get('/api/calendars/..%2F..%2Fetc'), 404, 'not-found');
    const migrate = await h.api.post(`/api/cases/${caseId}/migrate`, {
      token,
      body: { to: '1999-01-01', dryRun: true },
    });
    expectError(migrate, 404, 'not-found');
    const start = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: 'no-such-process', park: 'P-001', province: '320000' },
    });
    expectError(start, [403, 404]);
  });

  it.each(TRICKS)('path tricks in ids (%s) → 404 / 409, never 5xx', async (_label, trick) => {
    const park = h.token('park1');
    const token = h.token('province');
    for (const path of [`/api/cases/${trick}`, `/api/cases/${trick}/audit`, `/api/cases/${trick}/diagram`]) {
      expectError(await h.api.get(path, { token }), 404);
    }
    expectError(await h.api.get(`/api/attachments/${trick}`, { token }), 404);
    const data = { data: await h.example('provincial-feasibility-review') };
    expectError(await h.api.post(`/api/tasks/${trick}/complete`, { token, body: data }), 409, 'not-open');
    const withdraw = { data: await h.example('withdraw') };
    const named = await h.api.post(`/api/cases/${caseId}/messages/${trick}`, { token: park, body: withdraw });
    expectError(named, 404, 'not-found');
    expectError(await h.api.patch(`/api/users/${trick}`, { token: h.adminToken, body: { disabled: true } }), 404);
    expectError(await h.api.get(`/api/definitions/${PROCESS}/${VERSION}/forms/${trick}`), 404, 'not-found');
  });

  it.each(TRICKS)(
    'messages and objections to a case id with path tricks (%s) → 409 as for no case',
    async (_label, trick) => {
      const withdraw = { data: await h.example('withdraw') };
      const message = await h.api.post(`/api/cases/${trick}/messages/withdraw`, {
        token: h.token('park1'),
        body: withdraw,
      });
      expectError(message, 409, 'not-open');
      const objection = { data: await h.example('objection') };
      expectError(await h.api.post(`/api/public/notices/${trick}/objections`, { body: objection }), 409, 'not-open');
    },
  );

  it('invalid percent-encoding in a path → 400', async () => {
    const token = h.token('province');
    expectError(await h.api.get('/api/cases/%E0%A4%A', { token }), 400, 'bad-request');
    expectError(await h.api.get('/api/attachments/%ZZ', { token }), 400, 'bad-request');
  });

  it('file names: path tricks are cleaned, the content decides the type', async () => {
    const token = h.token('park1');
    const names = [
      '../../etc/passwd',
      '..%2F..%2Fboot.ini',
      '%00evil.pdf',
      '..',
      encodeURIComponent('异议证据（扫描件）.pdf'),
      '%E0%A4%A.pdf',
      'n'.repeat(1000),
    ];
    for (const [index, name] of names.entries()) {
      const response = await h.api.post('/api/attachments', {
        token,
        raw: tinyPdf(`name ${index}`),
        headers: { 'X-File-Name': name },
      });
      expect(response.status, name).toBe(201);
      const stored = (response.body as { name: string }).name;
      expect(stored, name).not.toMatch(/[/\\\0]|^\.\.?$/);
      expect(stored.length).toBeLessThanOrEqual(200);
    }
    const uploaded = await h.api.post('/api/attachments', { token, raw: tinyPdf('name 0') });
    const download = await h.api.get(`/api/attachments/${(uploaded.body as { id: string }).id}`, { token });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''[^/]+$/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('uploads whose content is not an allowed type → 422, whatever the name', async () => {
    const token = h.token('park1');
    const bad: [content: Buffer, name: string][] = [
      [exeLike(), 'report.pdf'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'plan.pdf'],
      [Buffer.from('#!/bin/sh\nrm -rf /\n'), 'scan.png'],
      [Buffer.alloc(0), 'empty.pdf'],
    ];
    // A JSON body is parsed before the upload route sees it: not a file either.
    for (const raw of ['{"a":1}', '[1,2,3]']) {
      const upload = await h.api.post('/api/public/attachments', { raw, type: 'application/json' });
      expectError(upload, 422, 'validation');
      expectError(await h.api.post('/api/attachments', { token, raw, type: 'application/json' }), 422, 'validation');
    }
    for (const [content, name] of bad) {
      const headers = { 'X-File-Name': name };
      expectError(
        await h.api.post('/api/attachments', { token, raw: content, type: 'application/pdf', headers }),
        422,
        'validation',
      );
      expectError(await h.api.post('/api/public/attachments', { raw: content, headers }), 422, 'validation');
    }
    // An empty file is named, as a damaged one is: the page shows the server's words as they come.
    const empty = (language: string) =>
      h.api.post('/api/attachments', {
        token,
        raw: Buffer.alloc(0),
        type: 'application/pdf',
        headers: { 'X-File-Name': encodeURIComponent('空文件.pdf'), 'Accept-Language': language },
      });
    const said = async (language: string) =>
      ((await empty(language)).body as { error: { message: string } }).error.message;
    expect(await said('zh')).toBe('文件「空文件.pdf」为空');
    expect(await said('en')).toBe('The file “空文件.pdf” is empty');
  });

  it('limits anonymous objections and evidence uploads per address, each on its own count (429)', async () => {
    const limited = await ServerHarness.create({ limits: { objectionsPerHour: 2, uploadsPerHour: 3 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index++) {
        const response = await limited.api.post('/api/public/attachments', { raw: tinyPdf(`evidence ${index}`) });
        statuses.push(response.status);
        if (response.status === 429) expectError(response, 429, 'too-many-requests');
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      // Said from the message catalogue: how many an hour and how long to wait, in Chinese or English.
      const message = (response: ApiResponse) => (response.body as { error: { message: string } }).error.message;
      const refusedUpload = await limited.api.post('/api/public/attachments', { raw: tinyPdf('evidence 5') });
      expect(message(refusedUpload)).toMatch(/^上传文件过于频繁：同一网络地址每小时最多 3 个，请 \d+ 分钟后再试$/);
      const inEnglish = await limited.api.post('/api/public/attachments', {
        raw: tinyPdf('evidence 6'),
        headers: { 'Accept-Language': 'en' },
      });
      expect(message(inEnglish)).toMatch(
        /^Too many uploads: at most 3 an hour from one network address; try again in \d+ minutes?$/,
      );
      // The uploads spent none of the objections' count.
      const objection = (caseId: string) =>
        limited.api.post(`/api/public/notices/${caseId}/objections`, { body: { data: {} }, request: 'unchecked' });
      expect([(await objection('c_none')).status, (await objection('c_none')).status]).toEqual([409, 409]);
      const refusedObjection = await objection('c_none');
      expectError(refusedObjection, 429, 'too-many-requests');
      expect(message(refusedObjection)).toMatch(/^提交过于频繁：同一网络地址每小时最多提交 2 件，请 \d+ 分钟后再试$/);
      expect(Number(refusedObjection.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('a bad bearer token → 401 everywhere, even on public endpoints — but signing in again is not refused for it', async () => {
    for (const header of ['Bearer not-a-token', 'Basic YWRtaW46eA==', 'Bearer']) {
      const response = await h.api.get('/api/public/notices', { headers: { Authorization: header } });
      expectError(response, 401, 'unauthorized');
    }
    // A script signing in again with its expired token still in its headers (QA: 401 登录已失效).
    const { token } = (await h.api.post('/api/session', { body: { username: 'admin', password: PASSWORD } })).body as {
      token: string;
    };
    await h.api.delete('/api/session', { headers: { Authorization: `Bearer ${token}` } });
    const again = await h.api.post('/api/session', {
      body: { username: 'admin', password: PASSWORD },
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    const me = await h.api.get('/api/me', {
      headers: { Authorization: `Bearer ${(again.body as { token: string }).token}` },
    });
    expect((me.body as { username: string }).username).toBe('admin');
    // However the path is spelt, as the router takes it (it was told 登录已失效).
    const spelt = await request(h.app)
      .post('/API/Session/')
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'admin', password: PASSWORD });
    expect(spelt.status, spelt.text).toBe(200);
  });
});
