import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { EngineError, type Actor } from '../engine/index.js';
import { actorOf, type Accounts, type User } from './accounts/accounts.js';
import { HttpError } from './http-errors.js';
import { SAY } from './messages.js';
import type { ClosedObject } from './openapi-builders.js';
import { REQUEST_BODIES, type QueryParameter } from './openapi-requests.js';
import { FailedTokens, tooManyFailedTokens } from './request-limits.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    actor: Actor;
    token?: string;
  }
}

/**
 * Reads `Authorization: Bearer <token>`: no header makes an anonymous caller (public endpoints);
 * a header with an unknown, expired or revoked token is refused (401), never treated as anonymous.
 * An address that has presented too many unknown tokens (`failedTokens`) is refused with 429 before
 * its token is looked up. A request `signingIn` is anonymous whatever it carries: a script signing in
 * again with the token that has just expired still in its headers must not be told to sign in again.
 */
export function authenticate(
  accounts: Accounts,
  failedTokens: FailedTokens,
  signingIn: (request: Request) => boolean,
): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (signingIn(request)) {
      request.actor = actorOf(undefined);
      next();
      return;
    }
    lookUp(accounts, failedTokens, request).then(next, next);
  };
}

async function lookUp(accounts: Accounts, failedTokens: FailedTokens, request: Request): Promise<void> {
  const header = request.get('authorization');
  if (header === undefined) {
    request.actor = actorOf(undefined);
    return;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) throw new HttpError(401, 'unauthorized', SAY.badToken);
  const token = match[1];
  const address = FailedTokens.key(request);
  const wait = await failedTokens.wait(address);
  if (wait > 0) throw tooManyFailedTokens(wait);
  const user = await accounts.authenticate(token);
  if (user === undefined) {
    await failedTokens.failed(address);
    throw new HttpError(401, 'unauthorized', SAY.sessionEnded);
  }
  request.user = user;
  request.token = token;
  request.actor = actorOf(user);
}

export function requireUser(request: Request): User {
  if (request.user === undefined) throw new HttpError(401, 'unauthorized', SAY.signInFirst);
  return request.user;
}

/** requireUser before the handlers after it: a caller without a login is refused (401) before a limit counts it. */
export const signedIn: RequestHandler = (request, _response, next) => {
  requireUser(request);
  next();
};

export function requireRole(request: Request, ...groups: string[]): User {
  const user = requireUser(request);
  if (!request.actor.roles.some((role) => groups.includes(role.group))) {
    throw new HttpError(403, 'forbidden', SAY.notAllowed);
  }
  return user;
}

/** A JSON body that must be an object (express leaves it undefined without a JSON content type). */
export function objectBody(request: Request): Record<string, unknown> {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'validation', SAY.notObject);
  }
  return body as Record<string, unknown>;
}

/**
 * Refuses the fields of a request body (or the parameters of its query) that the route does not take,
 * at the first of them (422, `field`): dropped without a word, a misspelt `revison` would turn off
 * the check it was sent for, and a caller would believe it had set what it had not. `taken` is what
 * the route's request shape in openapi-requests.ts declares: `onlyFieldsOf` and `onlyParametersOf`
 * read it there; a route whose fields depend on the definitions loaded adds theirs to it.
 */
export function onlyFields(
  given: Record<string, unknown>,
  taken: readonly string[],
  where: 'body' | 'query' = 'body',
  /** Where `given` is in the body (`revision`: its fields are named `revision.title`). */
  at?: string,
): void {
  const unknown = Object.keys(given)
    .filter((field) => !taken.includes(field))
    .map((field) => (at === undefined ? field : `${at}.${field}`));
  const [first] = unknown;
  if (first === undefined) return;
  const said = where === 'body' ? SAY.unknownFields(unknown, taken) : SAY.unknownParameters(unknown, taken);
  throw new EngineError('validation', said, { field: first });
}

/** The fields a request body's schema declares (`additionalProperties: false` there: no other). */
export const fieldsOf = (shape: ClosedObject): string[] => Object.keys(shape.properties);

/** Refuses a field `shape`, the body's schema in openapi-requests.ts, does not declare (onlyFields). */
export function onlyFieldsOf(given: Record<string, unknown>, shape: ClosedObject, at?: string): void {
  onlyFields(given, fieldsOf(shape), 'body', at);
}

/**
 * A call that takes no body refuses one with fields (422, as any field a call does not take): `POST
 * /api/admin/incidents/retry {"x": 1}` and `DELETE /api/session` with one were answered as if it were
 * not there. No body, or `{}`, is fine.
 */
export function noBody(request: Request): void {
  if (request.body === undefined) return;
  onlyFields(objectBody(request), []);
}

/** A body the call may go without (scripts send none): its fields checked against `shape` when there is one. */
export function optionalBody(request: Request, shape: ClosedObject): Record<string, unknown> {
  if (request.body === undefined) return {};
  const body = objectBody(request);
  onlyFieldsOf(body, shape);
  return body;
}

/** Refuses a query parameter the route's declared `parameters` (openapi-requests.ts) do not name. */
export function onlyParametersOf(query: Record<string, unknown>, parameters: readonly QueryParameter[]): void {
  onlyFields(
    query,
    parameters.map((parameter) => parameter.name),
    'query',
  );
}

/**
 * A form's submission, `{data}` (a task, a message, an objection): the envelope is closed, what is in
 * `data` is the form's to check.
 */
export function formBody(request: Request): Record<string, unknown> {
  const body = objectBody(request);
  onlyFieldsOf(body, REQUEST_BODIES.FormData);
  return body;
}

export function stringField(body: Record<string, unknown>, field: string, label: string): string {
  const value = body[field];
  // A number or a list is there, only not text: 「…」为必填项 sent the caller looking for a missing field.
  if (value !== undefined && value !== null && typeof value !== 'string')
    throw new HttpError(422, 'validation', SAY.notText(field, label));
  if (typeof value !== 'string' || value.trim() === '')
    throw new HttpError(422, 'validation', SAY.required(field, label));
  return value;
}
