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

/** The organisation an account acts for: the name the case history shows (1–100 characters). */
function organisation(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    throw new HttpError(422, 'validation', '「所属单位」应为 1–100 字的单位名称，如 江苏省市场监督管理局');
  }
  return value.trim();
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
      ...(body.organisation !== undefined && { organisation: organisation(body.organisation) }),
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
      ...(body.organisation !== undefined && { organisation: organisation(body.organisation) }),
    });
    response.json(user);
  });

  return router;
}
