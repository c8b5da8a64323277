import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../engine/definitions/problems.js';
import { locationText } from '../../designer/src/designer/review/problem-text.js';
import { PROCESS, ServerHarness, VERSION, withUsers, type ApiResponse } from './harness.js';

interface Draft {
  id: string;
  files: Record<string, string>;
  revision: number;
}

type Refusal = { error: { code: string; message: string }; problems?: Problem[] };

/**
 * A save of a draft file that cannot be read at all (JSON that does not parse, a diagram that is not
 * readable XML) is refused, 422 naming the file, and nothing of it is written; a file that reads but
 * breaks a rule is kept (a draft may be mid-edit) and reported by 校验, by the file's name.
 */
describe('saving draft files that cannot be read', () => {
  let h: ServerHarness;
  let draft: Draft;

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['policy']);
    draft = (await h.api.post('/api/drafts', { token: h.token('policy'), body: { process: PROCESS, from: VERSION } }))
      .body as Draft;
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  const save = (body: object, headers: Record<string, string> = {}) =>
    h.api.call('put', `/api/drafts/${draft.id}/files`, { token: h.token('policy'), body, headers });
  const stored = async () => (await h.api.get(`/api/drafts/${draft.id}`, { token: h.token('policy') })).body as Draft;
  const refusal = (answer: ApiResponse) => answer.body as Refusal;
  const original = (path: string) => draft.files[path] ?? '';

  it('refuses JSON that does not parse, 422 naming the file and quoting none of it; nothing is written', async () => {
    for (const [path, text] of [
      ['manifest.json', 'not json'],
      ['indicators.json', original('indicators.json').slice(0, 200)],
      ['forms/department-opinion.schema.json', '{"title": "相关部门'],
    ] as const) {
      const answer = await save({ path, text, revision: 0 });
      expect(answer.status, path).toBe(422);
      const { error, problems } = refusal(answer);
      expect(error.code).toBe('validation');
      expect(error.message).toContain(`文件 ${path} 不是有效的 JSON`);
      expect(error.message).toContain('本次未保存任何文件');
      expect(error.message).not.toContain('not json');
      expect(problems?.map((problem) => [problem.check, locationText(problem, {})])).toEqual([['json-syntax', path]]);
    }
    const english = await save({ path: 'manifest.json', text: 'not json', revision: 0 }, { 'Accept-Language': 'en' });
    expect(refusal(english).error.message).toMatch(
      /^manifest\.json is not valid JSON: it cannot be read at line 1, column 2; nothing was saved/,
    );
    const after = await stored();
    expect(after.revision).toBe(0);
    expect(after.files).toEqual(draft.files);
  });

  it('refuses a diagram that is not readable XML, naming process.bpmn and where it stops', async () => {
    const answer = await save({ path: 'process.bpmn', text: original('process.bpmn').slice(0, 5000), revision: 0 });
    expect(answer.status).toBe(422);
    const { error, problems } = refusal(answer);
    expect(error.message).toMatch(
      /^流程图文件 process\.bpmn 不是可读取的 BPMN XML，第 \d+ 行第 \d+ 列无法读取：本次未保存任何文件/,
    );
    expect(error.message).not.toContain('<bpmn:');
    expect(problems?.map((problem) => problem.check)).toEqual(['bpmn-parse']);
    expect((await stored()).revision).toBe(0);
  });

  it('writes several files together or, one unreadable, none of them', async () => {
    const rules = JSON.parse(original('rules.json')) as Record<string, { title: string }>;
    const retitled = `${JSON.stringify(rules, null, 2)}\n`.replace('"title": "', '"title": "（改）');
    const refused = await save({ files: { 'rules.json': retitled, 'process.bpmn': '<bpmn:definitions' }, revision: 0 });
    expect(refused.status).toBe(422);
    expect(refusal(refused).error.message).toContain('process.bpmn');
    expect((await stored()).files['rules.json']).toBe(original('rules.json'));
    const saved = await save({
      files: { 'rules.json': retitled, 'manifest.json': original('manifest.json') },
      revision: 0,
    });
    expect(saved.status).toBe(200);
    expect((saved.body as Draft).revision).toBe(1);
    expect((saved.body as Draft).files['rules.json']).toBe(retitled);
  });

  it('keeps a file that reads but breaks the rules, and 校验 names it where the problem is', async () => {
    const saved = await save({ path: 'rules.json', text: '[]', revision: 1 });
    expect(saved.status).toBe(200);
    const { problems } = (await h.api.post(`/api/drafts/${draft.id}/validate`, { token: h.token('policy') })).body as {
      problems: Problem[];
    };
    const shape = problems.filter((problem) => problem.check === 'file-shape');
    expect(shape.map((problem) => locationText(problem, {}))).toEqual(['rules.json']);
    expect(problems.filter((problem) => locationText(problem, {}) === '')).toEqual([]);
  });
});
