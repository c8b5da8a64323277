import { Router, type Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { signInName, type Accounts } from '../accounts/accounts.js';
import { LoginThrottle } from '../accounts/login-throttle.js';
import { HttpError } from '../http-errors.js';
import { REQUEST_BODIES } from '../openapi-requests.js';
import { noBody, objectBody, onlyFieldsOf, requireUser, stringField } from '../request-context.js';
import { SAY } from '../messages.js';

function tooManyAttempts(wait: number): HttpError {
  const seconds = Math.ceil(wait / 1000);
  return new HttpError(429, 'too-many-attempts', SAY.tooManyAttempts(seconds), {
    'Retry-After': String(seconds),
  });
}

/** Where a client signs in (POST): the one request whose bearer token, if any, is not looked up. */
export const SIGN_IN_PATH = '/api/session';

/**
 * Whether a request signs in, its path spelt as the router takes it: any letter case, a trailing slash
 * (`POST /API/Session/` signed in, but was not seen to, and the answer with its token could be kept).
 */
export function signsIn(request: Request): boolean {
  return (
    request.method === 'POST' && `${request.baseUrl}${request.path}`.replace(/\/$/, '').toLowerCase() === SIGN_IN_PATH
  );
}

export function sessionRoutes(accounts: Accounts, throttle: LoginThrottle): Router {
  const router = Router();

  router.post(SIGN_IN_PATH, async (request, response) => {
    const body = objectBody(request);
    onlyFieldsOf(body, REQUEST_BODIES.Credentials);
    const username = stringField(body, 'username', '用户名');
    const password = stringField(body, 'password', '密码');
    // An IPv6 client holds a whole /64 (or more): one address key per /56, as the public limiter. The
    // name is counted as it signs in: ａｄｍｉｎ and 「admin 」 are guesses at admin, not fresh names.
    const keys = LoginThrottle.keys(signInName(username), ipKeyGenerator(request.ip ?? '', 56));
    const attempt = await throttle.attempt(keys);
    if ('retryAfter' in attempt) throw tooManyAttempts(attempt.retryAfter);
    const session = await accounts.login(username, password, body.device).catch(async (error: unknown) => {
      // Refused by a full hashing queue (429 busy): nothing was checked, so it costs no attempt.
      await attempt.takeBack();
      throw error;
    });
    if (session === undefined) throw new HttpError(401, 'unauthorized', SAY.wrongPassword);
    await attempt.succeeded();
    response.json(session);
  });

  router.delete('/api/session', async (request, response) => {
    requireUser(request);
    noBody(request);
    if (request.token !== undefined) await accounts.logout(request.token);
    response.status(204).end();
  });

  router.get('/api/me', (request, response) => {
    const user = requireUser(request);
    response.json({
      username: user.username,
      roles: user.roles,
      ...(user.displayName !== undefined && { displayName: user.displayName }),
      ...(user.province !== undefined && { province: user.province }),
      ...(user.organisation !== undefined && { organisation: user.organisation }),
    });
  });

  return router;
}
