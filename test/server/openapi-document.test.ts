import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi.js';
import { ServerHarness } from './harness.js';
import { OpenApiChecker } from './openapi-checker.js';
import { openApiProblems } from './openapi-validate.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path/{param}` for every route the express app has (Express 5: `app.router.stack`). */
function appRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route !== undefined) {
        const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack !== undefined) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return routes.sort();
}

function documentedRoutes(document: Record<string, unknown>): string[] {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('the OpenAPI document', () => {
  let simulated: ServerHarness;
  let system: ServerHarness;
  beforeAll(async () => {
    simulated = await ServerHarness.create();
    system = await ServerHarness.create({ systemClock: true });
  });
  afterAll(async () => {
    await simulated.close();
    await system.close();
  });

  it('is a valid OpenAPI 3.1 document, with and without the sandbox clock', () => {
    expect(openApiProblems(openApiDocument(true))).toEqual([]);
    expect(openApiProblems(openApiDocument(false))).toEqual([]);
  });

  it('documents every route the app has, and no other', () => {
    expect(documentedRoutes(openApiDocument(true))).toEqual(appRoutes(simulated.app));
    expect(documentedRoutes(openApiDocument(false))).toEqual(appRoutes(system.app));
  });

  it('has /api/admin/clock only with a simulated clock; without one it answers 404', async () => {
    expect(documentedRoutes(openApiDocument(true))).toContain('POST /api/admin/clock');
    expect(documentedRoutes(openApiDocument(false)).filter((route) => route.includes('/api/admin/clock'))).toEqual([]);
    const refused = await system.api.post('/api/admin/clock', {
      token: system.adminToken,
      body: { advanceTo: '2030-01-01T00:00:00+08:00' },
      request: 'unchecked',
    });
    expect(refused.status).toBe(404);
    expect((await system.api.get('/api/admin/clock', { token: system.adminToken })).status).toBe(404);
  });

  it('gives every operation a Chinese/English summary, the errors it answers and a security rule', () => {
    const paths = openApiDocument(true).paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const at = `${method} ${path}`;
        expect(operation.summary, at).toMatch(/[\u4e00-\u9fff][^/]*\/\s*[A-Za-z]/);
        expect(Array.isArray(operation.security), at).toBe(true);
        const responses = operation.responses as Record<string, unknown>;
        expect(
          Object.keys(responses).some((status) => status.startsWith('2')),
          at,
        ).toBe(true);
        expect(Object.keys(responses), at).toContain('401');
      }
    }
  });
});

describe('the OpenAPI document validator', () => {
  it('catches a broken $ref, an undeclared path parameter, a parameter listed twice, an operation without responses, a bad schema', () => {
    const document = openApiDocument(false) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const broken = structuredClone(document);
    const getCase = broken.paths['/api/cases/{id}']?.get ?? {};
    getCase.parameters = [];
    const statistics = broken.paths['/api/statistics']?.get ?? {};
    statistics.parameters = [...(statistics.parameters as unknown[]), { name: 'q', in: 'query', schema: {} }];
    const health = broken.paths['/api/health']?.get ?? {};
    health.responses = {};
    const listCases = broken.paths['/api/cases']?.get ?? {};
    listCases.responses = {
      200: { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } },
      401: { description: 'y', content: { 'application/json': { schema: { type: 'object', required: 'id' } } } },
    };
    const problems = openApiProblems(broken).join('\n');
    expect(problems).toContain('{id} is not declared');
    expect(problems).toContain('GET /api/health: no responses');
    expect(problems).toContain('GET /api/statistics: parameter query q listed twice');
    expect(problems).toContain('#/components/schemas/Nope does not resolve');
    expect(problems).toMatch(/401.*not a JSON Schema/);
    expect(openApiProblems({ ...document, openapi: '3.0.3' })).toContain('openapi is "3.0.3", not 3.1.x');
  });
});

describe('the OpenAPI checker', () => {
  const checker = new OpenApiChecker(openApiDocument(true));
  const json = 'application/json; charset=utf-8';
  const aCase = {
    id: 'c_1',
    process: 'quality-brand-zone',
    version: '2024-03-14',
    status: 'applying',
    statusDate: '2024-04-01',
    final: false,
    park: 'P-001',
    province: '320000',
    openTasks: [],
    due: {},
    openMessages: [],
    incidents: [],
    startedAt: '2024-04-01T01:00:00.000Z',
    updatedAt: '2024-04-01T01:00:00.000Z',
  };
  const check = (method: string, path: string, status: number, body: unknown) => () => {
    checker.checkResponse(method, path, { status, contentType: json, body, length: JSON.stringify(body).length });
  };

  it('accepts what the document describes', () => {
    expect(check('get', '/api/cases/c_1', 200, aCase)).not.toThrow();
    expect(check('get', '/api/cases/c_1', 404, { error: { code: 'not-found', message: '案件不存在' } })).not.toThrow();
    expect(check('get', '/api/unknown', 404, { error: { code: 'not-found', message: '接口不存在' } })).not.toThrow();
  });

  it('refuses a wrong body, an undocumented status or path, a 5xx, a password hash or a stack trace', () => {
    const { openTasks: _openTasks, ...withoutTasks } = aCase;
    expect(check('get', '/api/cases/c_1', 200, withoutTasks)).toThrow(/openTasks/);
    expect(check('get', '/api/cases/c_1', 200, { ...aCase, final: 'no' })).toThrow(/final/);
    expect(check('get', '/api/cases/c_1', 200, { ...aCase, statusDate: '01/04/2024' })).toThrow(/statusDate/);
    expect(check('get', '/api/cases/c_1', 418, { error: { code: 'teapot', message: '茶壶' } })).toThrow(
      /not documented/,
    );
    expect(check('get', '/api/cases/c_1', 500, { error: { code: 'internal', message: '错误' } })).toThrow(/5xx/);
    expect(check('get', '/api/unknown', 200, {})).toThrow(/not a documented operation/);
    const user = { username: 'park1', roles: ['park:P-001'], createdAt: '2024-04-01T01:00:00.000Z' };
    expect(check('post', '/api/users', 201, user)).not.toThrow();
    expect(check('post', '/api/users', 201, { ...user, passwordHash: 'scrypt$…' })).toThrow();
    const stack = { error: { code: 'internal', message: '错误', stack: 'Error\n    at x (a.ts:1:1)' } };
    expect(check('get', '/api/cases/c_1', 404, stack)).toThrow();
    expect(check('get', '/api/cases/c_1', 404, { error: { code: 'not-found' } })).toThrow(/message/);
  });

  it('checks request bodies: valid ones pass, invalid ones are caught either way', () => {
    expect(() => {
      checker.checkRequest('post', '/api/session', { username: 'a', password: 'b' }, 'valid');
    }).not.toThrow();
    expect(() => {
      checker.checkRequest('post', '/api/session', { username: 1 }, 'valid');
    }).toThrow(/request body/);
    expect(() => {
      checker.checkRequest('post', '/api/users', { username: 'u1', password: 'long-enough-12', roles: [] }, 'invalid');
    }).toThrow(/meant to be invalid/);
  });
});
