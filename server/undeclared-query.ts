import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { onlyFields } from './request-context.js';

interface Operation {
  parameters?: { in?: string }[];
  security?: Record<string, unknown>[];
}

type Paths = Record<string, Record<string, Operation | undefined>>;

/** An operation of the document, matched by its path template (`{id}`: one segment). */
interface Call {
  method: string;
  pattern: RegExp;
  /** Without a session the route answers 401 before anything else (no `{}` among its securities). */
  signedIn: boolean;
  /** It declares query parameters, and checks them itself. */
  declares: boolean;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * Refuses a query parameter on a call whose operation declares none (422 at the parameter, as
 * `onlyParametersOf` answers where a call declares some): `GET /api/cases?status=x` listed every case,
 * and the caller took it for filtered. The calls that declare parameters check them themselves, with
 * those of the definitions loaded. A caller without a session on a call that needs one is left to
 * the route, whose 401 comes first, as it does for a stray field.
 */
export function refuseUndeclaredQueries(document: Record<string, unknown>): RequestHandler {
  const calls: Call[] = Object.entries(document.paths as Paths)
    // Literal templates first: /api/cases/export.xlsx, not /api/cases/{id}.
    .sort(([a], [b]) => a.split('{').length - b.split('{').length)
    .flatMap(([template, item]) =>
      METHODS.flatMap((method) => {
        const operation = item[method];
        if (operation === undefined) return [];
        const declares = operation.parameters?.some((parameter) => parameter.in === 'query') ?? false;
        const literal = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        // OpenAPI: [] is no login, a {} among them a login optional, and an operation without one the document's.
        const securities = operation.security ?? (document.security as Operation['security']) ?? [];
        const signedIn = securities.length > 0 && !securities.some((security) => Object.keys(security).length === 0);
        // As the router matches: a trailing slash and any letter case (`/api/cases/?status=x` and
        // `/API/cases?status=x` still answered every case).
        return [{ method, pattern: new RegExp(`^${literal}/?$`, 'i'), signedIn, declares }];
      }),
    );
  return (request: Request, _response: Response, next: NextFunction) => {
    if (Object.keys(request.query).length === 0) {
      next();
      return;
    }
    const method = request.method.toLowerCase() === 'head' ? 'get' : request.method.toLowerCase();
    const call = calls.find((each) => each.method === method && each.pattern.test(request.path));
    if (call !== undefined && !call.declares && !(call.signedIn && request.user === undefined)) {
      onlyFields(request.query, [], 'query');
    }
    next();
  };
}
