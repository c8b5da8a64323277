import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { attachmentIds } from '../../engine/forms/attachment-refs.js';
import { ServerHarness, throughAcceptance, throughCreation, tinyPdf, withUsers } from './harness.js';

/**
 * The redaction policy (engine/redaction, README "Security"): who objected to a public notice, how to
 * reach them and what they sent (Art. 22) is read only by the groups the manifest names
 * (`publicSubmissionReaders`: samr, ministry, expert) — on every read path, for a logged-in objector
 * and an anonymous one alike.
 */

/** What identifies each objector: login name, name, ID, phone, e-mail, address, evidence name. */
const LOGGED_IN = [
  'park2',
  '举报人王某某',
  '13900001111',
  'secret-objector@example.cn',
  '星港路99号',
  'evidence-of-park2',
];
const ANONYMOUS = ['匿名异议人李某', '13900002222', 'anon-objector@example.cn', '星港路77号', 'evidence-of-public'];
const SECRETS = [...LOGGED_IN, ...ANONYMOUS];

/** Where the objectors sent from, as a proxy in front of the server forwards it. */
const OBJECTOR_ADDRESS = '203.0.113.77';

const READERS = ['samr', 'moa', 'mct', 'expert'];
const NOT_READERS = ['park1', 'province', 'group', 'policy', 'admin'];

describe('objectors are named only to the groups the definitions allow, on every read path', () => {
  let h: ServerHarness;
  let caseId = '';
  const evidence: Record<'loggedIn' | 'anonymous', string> = { loggedIn: '', anonymous: '' };
  /** The server's log, as those who run it (not readers) read it. */
  const logged: string[] = [];

  beforeAll(async () => {
    h = await ServerHarness.create({ logger: pino({ level: 'info' }, { write: (line: string) => logged.push(line) }) });
    await withUsers(h);
    caseId = (await throughCreation(h)).id;
    expect((await throughAcceptance(h, caseId)).status).toBe('publicizing');

    // A logged-in user objects (its own upload as evidence), then a member of the public without an account.
    const upload = async (path: string, name: string, token?: string) => {
      const response = await h.api.post(path, {
        token,
        raw: tinyPdf(name),
        headers: { 'X-File-Name': `${name}.pdf`, 'X-Forwarded-For': OBJECTOR_ADDRESS },
      });
      expect(response.status).toBe(201);
      return (response.body as { id: string }).id;
    };
    evidence.loggedIn = await upload('/api/attachments', 'evidence-of-park2', h.token('park2'));
    evidence.anonymous = await upload('/api/public/attachments', 'evidence-of-public');
    const objection = async (secrets: string[], id: string) =>
      h.example('objection', {
        objector: {
          type: 'individual',
          idNumber: null,
          name: secrets[0],
          phone: secrets[1],
          email: secrets[2],
          address: secrets[3],
        },
        evidence: [id],
      });
    const [, ...loggedIn] = LOGGED_IN;
    const filed = await h.api.post(`/api/public/notices/${caseId}/objections`, {
      token: h.token('park2'),
      body: { data: await objection(loggedIn, evidence.loggedIn) },
    });
    expect(filed.status, filed.text).toBe(201);
    const anonymous = await h.api.post(`/api/public/notices/${caseId}/objections`, {
      headers: { 'X-Forwarded-For': OBJECTOR_ADDRESS },
      body: { data: await objection(ANONYMOUS, evidence.anonymous) },
    });
    expect(anonymous.status, anonymous.text).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  /** Every read a user of the workbench (timeline, case page, inbox, notices) makes, as `who`. */
  async function readEverything(who: string | undefined) {
    const token = who === undefined ? undefined : h.token(who);
    const paths = [
      `/api/cases/${caseId}`,
      `/api/cases/${caseId}/audit`,
      `/api/cases/${caseId}/submissions`,
      `/api/cases/${caseId}/diagram`,
      '/api/cases',
      '/api/tasks',
      '/api/public/notices',
      `/api/attachments/${evidence.loggedIn}/meta`,
      `/api/attachments/${evidence.anonymous}/meta`,
      `/api/attachments/${evidence.loggedIn}`,
      `/api/attachments/${evidence.anonymous}`,
    ];
    const answers = [];
    for (const path of paths) answers.push({ path, ...(await h.api.get(path, { token })) });
    return answers;
  }

  it.each([...NOT_READERS, undefined])('%s reads that objections came, never who sent them or what', async (who) => {
    for (const { path, status, text } of await readEverything(who)) {
      for (const secret of SECRETS) expect(text, `${who ?? 'anonymous'} ${path}`).not.toContain(secret);
      if (path.startsWith('/api/attachments/'))
        expect(status, `${who ?? 'anonymous'} ${path}`).toBe(who === undefined ? 401 : 404);
    }
    if (who === undefined) return;
    const submissions = (await h.api.get(`/api/cases/${caseId}/submissions`, { token: h.token(who) })).body as {
      name: string;
      actor: string;
      data: unknown;
      redacted?: boolean;
    }[];
    const objections = submissions.filter((entry) => entry.name === 'objection');
    expect(objections).toEqual([
      expect.objectContaining({ actor: '—', data: null, redacted: true }),
      expect.objectContaining({ actor: '—', data: null, redacted: true }),
    ]);
    const audit = (await h.api.get(`/api/cases/${caseId}/audit`, { token: h.token(who) })).body as {
      type: string;
      actor: string;
      details: Record<string, unknown>;
    }[];
    const received = audit.filter((entry) => entry.type === 'message.received');
    expect(received).toHaveLength(2);
    for (const entry of received) expect(entry).toMatchObject({ actor: '—', redacted: true });
    for (const entry of received) expect(entry.details).not.toHaveProperty('dataHash');
  });

  it.each(READERS)(
    '%s (named in publicSubmissionReaders) reads the objectors, their contact and evidence',
    async (who) => {
      const answers = await readEverything(who);
      const text = (path: string) => answers.find((answer) => answer.path === path)?.text ?? '';
      for (const secret of SECRETS.filter((secret) => !secret.startsWith('evidence-of-'))) {
        expect(text(`/api/cases/${caseId}/submissions`)).toContain(secret);
      }
      expect(text(`/api/cases/${caseId}/audit`)).toContain('"actor":"park2"');
      for (const id of Object.values(evidence)) {
        expect(answers.find((answer) => answer.path === `/api/attachments/${id}`)?.status, `${who} ${id}`).toBe(200);
      }
    },
  );

  // After the readers' downloads: a file's name is sent on upload and answered on download.
  it('the server’s log records each upload and download, never an objector’s file name', () => {
    expect(logged.some((line) => line.includes('/api/public/attachments'))).toBe(true);
    expect(logged.some((line) => line.includes(`/api/attachments/${evidence.anonymous}`))).toBe(true);
    for (const secret of SECRETS) expect(logged.join('\n')).not.toContain(secret);
  });

  it('the server’s log keeps no address an objection or its evidence came from, and keeps it for reads', async () => {
    const sent = logged.filter((line) => /"method":"POST","url":"\/api\/public\//.test(line));
    // Two uploads (one signed in, to /api/attachments, is not the public side's) and two objections.
    expect(sent).toHaveLength(3);
    for (const line of sent) {
      expect(line).not.toContain(OBJECTOR_ADDRESS);
      expect(line).not.toContain('remoteAddress');
    }
    // Sent under another case of the address, which the router takes as well.
    // (Not through h.api, which takes only the documented spelling.)
    const shouted = await request(h.app)
      .post(`/API/PUBLIC/notices/${caseId}/objections`)
      .set('X-Forwarded-For', OBJECTOR_ADDRESS)
      .send({ data: {} });
    expect(shouted.status).toBe(422);
    const line = logged.filter((entry) => entry.includes('/API/PUBLIC/')).at(-1) ?? '';
    expect(line).not.toBe('');
    expect(line).not.toContain(OBJECTOR_ADDRESS);
    await h.api.get('/api/public/notices', { headers: { 'X-Forwarded-For': OBJECTOR_ADDRESS } });
    const read = logged.filter((line) => line.includes('"url":"/api/public/notices"')).at(-1) ?? '';
    expect(read).toContain('remoteAddress');
    expect(read).toContain(OBJECTOR_ADDRESS);
  });

  it('the server’s log keeps no session token or password put in an address by mistake', async () => {
    const token = h.token('park2');
    const refused = await h.api.call('get', `/api/me?token=${token}&password=hunter2-secret&view=1`);
    expect(refused.status).toBe(401);
    const line = logged.find((entry) => entry.includes('view=1')) ?? '';
    expect(line).toContain('/api/me?token=[Redacted]&password=[Redacted]&view=1');
    expect(logged.join('\n')).not.toContain(token);
    expect(logged.join('\n')).not.toContain('hunter2-secret');
  });

  it('the server’s log keeps it whatever the parameter’s case, spelling or escape, in the address and the query', async () => {
    const token = h.token('park2');
    const names = [
      'Token',
      'TOKEN',
      'tok%65n',
      'token[]',
      'token%00',
      'access-token',
      'id_token',
      'api_key',
      'Authorization',
      'session',
      'Password',
    ];
    for (const [index, name] of names.entries()) {
      const answer = await h.api.call('get', `/api/me?${name}=${token}&look=${index}`);
      expect(answer.status, name).toBe(401);
    }
    await h.api.call('get', `/api/me;token=${token}`);
    expect(logged.filter((entry) => entry.includes('look=')).length).toBe(names.length);
    expect(logged.join('\n')).not.toContain(token);
    const line = logged.find((entry) => entry.includes('look=0')) ?? '';
    expect(line).toContain('/api/me?Token=[Redacted]&look=0');
  });

  it('the logged-in objector does not gain the case, and keeps its own file', async () => {
    const answers = await readEverything('park2');
    expect(answers.find((answer) => answer.path === `/api/cases/${caseId}`)?.status).toBe(404);
    expect((await h.api.get('/api/cases', { token: h.token('park2') })).body as CaseView[]).toEqual([]);
    expect(answers.find((answer) => answer.path === `/api/attachments/${evidence.loggedIn}`)?.status).toBe(200);
    expect(answers.find((answer) => answer.path === `/api/attachments/${evidence.anonymous}`)?.status).toBe(404);
  });

  it.each([
    ['the park, on its own notice', '/api/public/notices/{case}/objections', 'park1'],
    ['the province, as a message', '/api/cases/{case}/messages/objection', 'province'],
  ])(
    'evidence cannot be a file already on the case (%s): 422 at the field, and the reviewers keep it',
    async (_who, route, sender) => {
      const submissions = (await h.api.get(`/api/cases/${caseId}/submissions`, { token: h.token('province') }))
        .body as { name: string; data: unknown }[];
      const application = submissions.find((entry) => entry.name === 'submitCreationApplication');
      const [onCase] = attachmentIds(application?.data);
      expect(onCase).toBeDefined();
      const before = await h.api.get(`/api/attachments/${onCase}/meta`, { token: h.token('province') });
      expect(before.status).toBe(200);

      const cited = await h.api.post(route.replace('{case}', caseId), {
        token: h.token(sender),
        body: { data: await h.example('objection', { evidence: [onCase] }) },
      });
      expect(cited.status, cited.text).toBe(422);
      expect(cited.text).toContain('已是案件材料');
      expect(cited.text).toContain('/evidence/0');

      for (const reviewer of ['province', 'group', 'park1'])
        expect((await h.api.get(`/api/attachments/${onCase}/meta`, { token: h.token(reviewer) })).status).toBe(200);
    },
  );
});
