import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../engine/cases/case-view.js';
import { calendarYearFromEntry } from '../../engine/legal-time/pure.js';
import { REQUEST_BODIES } from '../../server/openapi-requests.js';
import { PROCESS, ServerHarness, VERSION, withUsers } from './harness.js';

type Json = Record<string, unknown>;
type Method = 'get' | 'post' | 'patch' | 'delete' | 'put';

/** A field and a parameter no route takes. */
const STRAY = 'strayField';

/** What a documented JSON request body is: a closed object, or one of several (oneOf). */
interface Shape {
  name: string;
  schema: Json;
}

/** The shapes a request body's schema allows, its `$ref`s resolved (a oneOf gives each). */
function shapesOf(document: Json, schema: Json): Shape[] {
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Json[]).flatMap((each) => shapesOf(document, each));
  if (typeof schema.$ref !== 'string') return [{ name: '(inline)', schema }];
  const name = schema.$ref.replace('#/components/schemas/', '');
  const components = (document.components as { schemas: Record<string, Json> }).schemas;
  return [{ name, schema: components[name] ?? {} }];
}

/** The fields (or parameters) a refusal says the call takes: `(it takes a, b)` in the English message. */
function takenIn(message: string): string[] {
  const listed = /\(it takes (.*)\)$/.exec(message)?.[1];
  return listed === undefined || listed === 'none' ? [] : listed.split(', ');
}

const sorted = (names: readonly string[]) => [...names].sort();

/**
 * The single source of what a call takes: every documented call with a JSON body refuses a field its
 * schema (or, for a body of two shapes, the shape it is read as) does not declare, naming it, and its
 * refusal lists what it takes — exactly the schema's properties; every call with query parameters the
 * same for a parameter. A route that took a field its schema leaves out, or refused one it declares,
 * fails here; so does a documented body left open, and a new call this test cannot yet reach.
 */
describe('what a call takes is what the document declares', () => {
  let h: ServerHarness;
  let document: Json;
  const ids = { caseId: '', taskRef: '', draftId: '' };

  beforeAll(async () => {
    h = await ServerHarness.create();
    await withUsers(h, ['park1', 'province']);
    document = h.api.checker.document;
    const started = await h.api.post('/api/cases', {
      token: h.token('park1'),
      body: { process: PROCESS, park: 'P-001', province: '320000' },
    });
    ids.caseId = (started.body as CaseView).id;
    const submitted = await h.complete('park1', ids.caseId, 'submitCreationApplication');
    ids.taskRef = submitted.openTasks[0]?.ref ?? '';
    const draft = await h.api.post('/api/drafts', { token: h.adminToken, body: { process: PROCESS, from: VERSION } });
    ids.draftId = (draft.body as { id: string }).id;
  });
  afterAll(async () => {
    await h.close();
  });

  /** The path with its parameters filled in: ids that exist where the route looks them up first. */
  function pathOf(template: string): string {
    const id = template.startsWith('/api/drafts/')
      ? ids.draftId
      : template.startsWith('/api/calendars/')
        ? '2030'
        : ids.caseId;
    return template
      .replace('{id}', id)
      .replace('{taskRef}', ids.taskRef)
      .replace('{caseId}', ids.caseId)
      .replace('{username}', 'park1')
      .replace('{name}', 'withdraw')
      .replace('{job}', 's_none');
  }

  /** Who calls: no one where signing in or the public; a task's holder for its saved form; else the admin. */
  function tokenFor(template: string, method: Method = 'post'): string | undefined {
    if (template === '/api/session' && method === 'post') return undefined;
    if (template.startsWith('/api/public/')) return undefined;
    if (template === '/api/tasks/{taskRef}/draft') return h.token('province');
    return h.adminToken;
  }

  /** What a body needs beside the stray field for its route to read its fields at all. */
  function baseOf(template: string, shape: string): Json {
    if (template === '/api/cases') return { process: PROCESS };
    if (shape === 'DraftFiles') return { files: {} };
    return {};
  }

  const operations = () =>
    Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({ template, method: method as Method, operation })),
    );

  it('refuses a field a JSON body does not declare, and lists as taken just what it declares', async () => {
    const checked: string[] = [];
    for (const { template, method, operation } of operations()) {
      const content = (operation.requestBody as { content?: Record<string, { schema: Json }> } | undefined)?.content;
      const schema = content?.['application/json']?.schema;
      if (schema === undefined) continue;
      for (const shape of shapesOf(document, schema)) {
        const at = `${method.toUpperCase()} ${template} (${shape.name})`;
        expect.soft(shape.schema.additionalProperties, `${at}: closed`).toBe(false);
        const response = await h.api.call(method, pathOf(template), {
          token: tokenFor(template),
          body: { ...baseOf(template, shape.name), [STRAY]: true },
          request: 'invalid',
          headers: { 'Accept-Language': 'en' },
        });
        const error = (response.body as { error?: { field?: string; message?: string } }).error;
        expect.soft([response.status, error?.field], `${at}: ${response.text.slice(0, 300)}`).toEqual([422, STRAY]);
        expect
          .soft(sorted(takenIn(error?.message ?? '')), at)
          .toEqual(sorted(Object.keys(shape.schema.properties ?? {})));
        checked.push(at);
      }
    }
    // The calls read as two shapes, and one whose fields are the programme's, are among them.
    expect(checked).toEqual(
      expect.arrayContaining([
        'PUT /api/drafts/{id}/files (DraftFile)',
        'PUT /api/drafts/{id}/files (DraftFiles)',
        'POST /api/cases (NewCase)',
      ]),
    );
    expect(checked.length).toBeGreaterThan(20);
  });

  it('refuses a query parameter a call does not declare, on every call, and lists as taken just those it declares', async () => {
    const checked: string[] = [];
    for (const { template, method, operation } of operations()) {
      // A call that declares none refuses every one (GET /api/cases?status=x listed every case); but the
      // health check, answered before anything else, to a load balancer's probe whatever it adds.
      if (template === '/api/health') continue;
      const declared = ((operation.parameters ?? []) as Json[]).filter((parameter) => parameter.in === 'query');
      const at = `${method.toUpperCase()} ${template}`;
      const response = await h.api.call(method, `${pathOf(template)}?${STRAY}=1`, {
        // Signing out too: refused, the admin stays signed in.
        token: tokenFor(template, method),
        // No body: the parameter is refused before one is read.
        request: 'unchecked',
        headers: { 'Accept-Language': 'en' },
      });
      const error = (response.body as { error?: { field?: string; message?: string } }).error;
      expect.soft([response.status, error?.field], `${at}: ${response.text.slice(0, 300)}`).toEqual([422, STRAY]);
      expect
        .soft(sorted(takenIn(error?.message ?? '')), at)
        .toEqual(sorted(declared.map((parameter) => String(parameter.name))));
      checked.push(at);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /api/statistics',
        'GET /api/cases/export.xlsx',
        'DELETE /api/drafts/{id}',
        'GET /api/cases',
        'GET /api/cases/{id}',
        'GET /api/public/notices',
        'POST /api/session',
      ]),
    );
  });

  it('refuses it on a path written with a trailing slash too, which the router answers as without one', async () => {
    // GET /api/cases/?status=x is routed to GET /api/cases, and listed every case as if filtered.
    // Not through h.api: the document has no such path, and its checker takes any answer but 404 for a fault.
    for (const path of ['/api/cases/', `/api/cases/${ids.caseId}/`, '/api/tasks/']) {
      const response = await request(h.app).get(`${path}?${STRAY}=1`).set('Authorization', `Bearer ${h.adminToken}`);
      const error = (response.body as { error?: { field?: string } }).error;
      expect.soft([response.status, error?.field], path).toEqual([422, STRAY]);
    }
  });
});

/**
 * The one request whose parts another checks: a year's entry is read by the engine (its messages at
 * their paths, the calendar editor's check in the browser too), which cannot import the server's
 * document; its lists and the document's CalendarYearEntry are kept in step here.
 */
describe("a year entry's parts take what the document declares for them", () => {
  const { notice, holidays, workdays } = REQUEST_BODIES.CalendarYearEntry.properties;
  const stray = { [STRAY]: true };
  const parts: [path: string, entry: Json, declared: Json | undefined][] = [
    ['/notice', { notice: stray }, notice],
    ['/holidays/0', { holidays: [stray] }, holidays?.items as Json | undefined],
    ['/workdays/0', { workdays: [stray] }, workdays?.items as Json | undefined],
  ];

  it.each(parts)('%s', (path, entry, declared) => {
    const { errors } = calendarYearFromEntry(entry, { calendar: 'cn', year: 2030, source: '' });
    const refused = errors.find((error) => error.path === `${path}/${STRAY}`);
    const taken = /（可用：(.*)）$/.exec(refused?.message ?? '')?.[1]?.split('、') ?? [];
    expect(declared?.additionalProperties).toBe(false);
    expect(sorted(taken)).toEqual(sorted(Object.keys((declared?.properties ?? {}) as Json)));
  });
});
