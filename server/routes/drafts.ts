import { Router } from 'express';
import type { DraftService } from '../drafts/drafts.js';
import { HttpError } from '../http-errors.js';
import { objectBody, requireRole, stringField } from '../request-context.js';

const EDITORS = ['policy-admin', 'admin'];
/** A case script is a few levels deep; far deeper input would overflow the stack when serialised. */
const MAX_SCENARIO_DEPTH = 32;

/** Whether a JSON value nests deeper than `limit` (walked without recursion, so any depth is safe). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** The designer's back end: drafts of definition versions, validated, compared, simulated, published. */
export function draftRoutes(drafts: DraftService): Router {
  const router = Router();

  router.get('/api/drafts', async (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(await drafts.list());
  });

  router.post('/api/drafts', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    response
      .status(201)
      .json(
        await drafts.create(stringField(body, 'process', '流程'), stringField(body, 'from', '基础版本'), user.username),
      );
  });

  router.get('/api/drafts/:id', async (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(await drafts.get(request.params.id));
  });

  router.delete('/api/drafts/:id', async (request, response) => {
    requireRole(request, ...EDITORS);
    await drafts.remove(request.params.id);
    response.status(204).end();
  });

  router.put('/api/drafts/:id/files', async (request, response) => {
    requireRole(request, ...EDITORS);
    const body = objectBody(request);
    const path = stringField(body, 'path', '文件');
    if (body.text !== null && typeof body.text !== 'string')
      throw new HttpError(422, 'validation', '「内容」应为文本或 null（删除文件）');
    response.json(await drafts.saveFile(request.params.id, path, body.text));
  });

  router.post('/api/drafts/:id/validate', async (request, response) => {
    requireRole(request, ...EDITORS);
    const problems = await drafts.validate(request.params.id);
    response.json({ ok: problems.length === 0, problems });
  });

  router.get('/api/drafts/:id/compare', async (request, response) => {
    requireRole(request, ...EDITORS);
    const against = typeof request.query.against === 'string' ? request.query.against : undefined;
    response.json(await drafts.compare(request.params.id, against));
  });

  router.post('/api/drafts/:id/publish', async (request, response) => {
    const user = requireRole(request, ...EDITORS);
    const body = objectBody(request);
    const result = await drafts.publish(
      request.params.id,
      stringField(body, 'version', '版本名称'),
      stringField(body, 'effectiveFrom', '生效日期'),
      user.username,
    );
    response.status(201).json(result);
  });

  router.post('/api/drafts/:id/simulate', async (request, response) => {
    requireRole(request, ...EDITORS);
    const draft = await drafts.get(request.params.id);
    const body = objectBody(request);
    if (nestedDeeperThan(body.scenarios, MAX_SCENARIO_DEPTH))
      throw new HttpError(422, 'validation', `「场景」嵌套超过 ${MAX_SCENARIO_DEPTH} 层`);
    const scripts =
      Array.isArray(body.scenarios) && body.scenarios.length > 0
        ? body.scenarios.map((scenario, index) => ({ name: `scenario-${index + 1}`, text: JSON.stringify(scenario) }))
        : await drafts.scenarios(draft.process);
    // Off the request thread, with a time and memory limit (issue 9, item 5).
    response.json(await drafts.simulate(draft, scripts));
  });

  router.get('/api/definitions-audit', async (request, response) => {
    requireRole(request, ...EDITORS);
    response.json(await drafts.auditLog());
  });

  return router;
}
