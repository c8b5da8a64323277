import { Router } from 'express';
import type { Accounts } from '../accounts/accounts.js';
import type { LoginThrottle } from '../accounts/login-throttle.js';
import { HttpError } from '../http-errors.js';
import { objectBody, requireUser, stringField } from '../request-context.js';

export function sessionRoutes(accounts: Accounts, throttle: LoginThrottle): Router {
  const router = Router();

  router.post('/api/session', async (request, response) => {
    const body = objectBody(request);
    const username = stringField(body, 'username', '用户名');
    const password = stringField(body, 'password', '密码');
    const keys = [`user:${username}`, `address:${request.ip ?? ''}`];
    const wait = throttle.retryAfter(keys);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new HttpError(429, 'too-many-attempts', `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, {
        'Retry-After': String(seconds),
      });
    }
    const succeeded = throttle.attempt(keys, `user:${username}`);
    const session = await accounts.login(username, password);
    if (session === undefined) throw new HttpError(401, 'unauthorized', '用户名或密码不正确');
    succeeded();
    response.json(session);
  });

  router.delete('/api/session', async (request, response) => {
    requireUser(request);
    if (request.token !== undefined) await accounts.logout(request.token);
    response.status(204).end();
  });

  router.get('/api/me', (request, response) => {
    const user = requireUser(request);
    response.json({
      username: user.username,
      roles: user.roles,
      ...(user.displayName !== undefined && { displayName: user.displayName }),
      ...(user.organisation !== undefined && { organisation: user.organisation }),
    });
  });

  return router;
}
