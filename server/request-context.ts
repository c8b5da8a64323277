import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../engine/index.js';
import { actorOf, type Accounts, type User } from './accounts/accounts.js';
import { HttpError } from './http-errors.js';

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
 */
export function authenticate(accounts: Accounts): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const header = request.get('authorization');
    if (header === undefined) {
      request.actor = actorOf(undefined);
      next();
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) {
      next(new HttpError(401, 'unauthorized', '登录凭证格式不正确'));
      return;
    }
    const token = match[1];
    accounts.authenticate(token).then(
      (user) => {
        if (user === undefined) {
          next(new HttpError(401, 'unauthorized', '登录已失效，请重新登录'));
          return;
        }
        request.user = user;
        request.token = token;
        request.actor = actorOf(user);
        next();
      },
      (error: unknown) => {
        next(error);
      },
    );
  };
}

export function requireUser(request: Request): User {
  if (request.user === undefined) throw new HttpError(401, 'unauthorized', '请先登录');
  return request.user;
}

export function requireRole(request: Request, ...groups: string[]): User {
  const user = requireUser(request);
  if (!request.actor.roles.some((role) => groups.includes(role.group))) {
    throw new HttpError(403, 'forbidden', '当前用户无权执行此操作');
  }
  return user;
}

/** A JSON body that must be an object (express leaves it undefined without a JSON content type). */
export function objectBody(request: Request): Record<string, unknown> {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'validation', '请求体应为 JSON 对象');
  }
  return body as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, field: string, label: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(422, 'validation', `「${label}」为必填项`);
  return value;
}
