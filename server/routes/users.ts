import { Router } from 'express';
import type { Accounts } from '../accounts/accounts.js';
import { HttpError } from '../http-errors.js';
import { objectBody, requireRole, stringField } from '../request-context.js';

function roles(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((role) => typeof role !== 'string')) {
    throw new HttpError(422, 'validation', '「角色」应为字符串数组，如 ["park:P-001"]');
  }
  return value as string[];
}

/** Users are managed by `admin` (CONTRACT §6). */
export function userRoutes(accounts: Accounts): Router {
  const router = Router();

  router.post('/api/users', async (request, response) => {
    requireRole(request, 'admin');
    const body = objectBody(request);
    const user = await accounts.create({
      username: stringField(body, 'username', '用户名'),
      password: stringField(body, 'password', '密码'),
      roles: roles(body.roles),
      ...(typeof body.displayName === 'string' && { displayName: body.displayName }),
    });
    response.status(201).json(user);
  });

  router.get('/api/users', async (request, response) => {
    requireRole(request, 'admin');
    response.json(await accounts.list());
  });

  router.patch('/api/users/:username', async (request, response) => {
    requireRole(request, 'admin');
    const body = objectBody(request);
    const user = await accounts.update(request.params.username, {
      ...(body.roles !== undefined && { roles: roles(body.roles) }),
      ...(typeof body.password === 'string' && { password: body.password }),
      ...(typeof body.disabled === 'boolean' && { disabled: body.disabled }),
      ...(typeof body.displayName === 'string' && { displayName: body.displayName }),
    });
    response.json(user);
  });

  return router;
}
