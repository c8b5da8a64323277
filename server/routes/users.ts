import { Router } from 'express';
import { EngineError, freeTextProblem, hasControlText, hasUnsafeText, isBlankText } from '../../engine/index.js';
import type { Accounts, UserChange } from '../accounts/accounts.js';
import type { RoleCatalogue } from '../accounts/roles.js';
import { HttpError } from '../http-errors.js';
import { SAY } from '../messages.js';
import type { ClosedObject } from '../openapi-builders.js';
import { REQUEST_BODIES } from '../openapi-requests.js';
import { objectBody, onlyFieldsOf, requireRole, stringField } from '../request-context.js';

/**
 * The roles given, each once: `["samr", "samr"]` was stored as sent (5,000 copies too, read on every
 * request of that account, listed twice on the account page and in the record of changes).
 */
function roles(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((role) => typeof role !== 'string')) {
    throw new HttpError(422, 'validation', SAY.rolesForm);
  }
  return [...new Set(value as string[])];
}

/**
 * `province`, or the neutral `region` (CONTRACT §6): a string, or null to remove it (PATCH). Both,
 * naming different provinces, are refused: `province` was taken and `region` dropped without a word.
 */
function region(body: Record<string, unknown>, catalogue: RoleCatalogue): string | null | undefined {
  if ('province' in body && 'region' in body && body.province !== body.region) {
    throw new HttpError(422, 'validation', SAY.regionTwice);
  }
  // `in`, not `??`: a `province: null` removes the province as `region: null` does.
  const value = 'province' in body ? body.province : body.region;
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new HttpError(422, 'validation', SAY.regionForm);
  }
  catalogue.checkRegion(value);
  return value;
}

/** The organisation an account acts for: the name the case history shows (1–100 characters). */
function organisation(value: unknown): string {
  // One line, as a display name: a line break or another control character would make the history
  // line naming the account read as two, or hide part of the name.
  if (typeof value === 'string' && hasControlText(value)) {
    throw new EngineError('validation', SAY.organisationControl, { field: 'organisation' });
  }
  // At the field, as the account dialog says it (above the form, it was away from what to change).
  const problem = typeof value === 'string' ? freeTextProblem(value, '所属单位') : undefined;
  if (problem !== undefined) throw new EngineError('validation', problem, { field: 'organisation' });
  if (typeof value !== 'string' || value.length > 100) {
    throw new EngineError('validation', SAY.organisationForm, { field: 'organisation' });
  }
  return value.trim();
}

/** The longest display name, in characters (a person's or an office's name). */
const DISPLAY_NAME_MAX = 100;

/**
 * An account's display name, which the account page, the header and a case's history show to others:
 * one line of visible text — no NUL, line breaks or other control characters, no bidirectional
 * controls (a history line spoofed to read backwards), not blank, at most DISPLAY_NAME_MAX characters.
 */
function displayName(value: string): string {
  if (hasUnsafeText(value) || hasControlText(value)) {
    throw new EngineError('validation', SAY.displayNameUnsafe, { field: 'displayName' });
  }
  const trimmed = value.trim();
  if (isBlankText(trimmed) || trimmed.length > DISPLAY_NAME_MAX) {
    throw new EngineError('validation', SAY.displayNameLength(DISPLAY_NAME_MAX), { field: 'displayName' });
  }
  return trimmed;
}

/**
 * Refuses what would otherwise be dropped without a word: a field the route does not take (a new
 * `username`), or a value of the wrong type (`disabled: "yes"`), answered 200 with nothing changed.
 */
function checkFields(body: Record<string, unknown>, shape: ClosedObject): void {
  onlyFieldsOf(body, shape);
  if (body.disabled !== undefined && typeof body.disabled !== 'boolean') {
    throw new HttpError(422, 'validation', SAY.notBoolean('disabled', '停用'));
  }
  for (const [field, title] of [
    ['password', '密码'],
    ['displayName', '显示名称'],
  ] as const)
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      throw new HttpError(422, 'validation', SAY.notText(field, title));
    }
}

/** Users are managed by `admin` (CONTRACT §6). */
export function userRoutes(accounts: Accounts, catalogue: RoleCatalogue): Router {
  const router = Router();

  router.post('/api/users', async (request, response) => {
    requireRole(request, 'admin');
    const body = objectBody(request);
    checkFields(body, REQUEST_BODIES.NewUser);
    const granted = roles(body.roles);
    catalogue.check(granted);
    const province = region(body, catalogue);
    catalogue.checkRegionAgrees(granted, province ?? undefined);
    const user = await accounts.create(
      {
        username: stringField(body, 'username', '用户名'),
        password: stringField(body, 'password', '密码'),
        roles: granted,
        ...(typeof body.displayName === 'string' && { displayName: displayName(body.displayName) }),
        ...(typeof province === 'string' && { province }),
        ...(body.organisation !== undefined && { organisation: organisation(body.organisation) }),
      },
      request.actor.id,
      (next, others) => {
        catalogue.checkSubjectAgrees(next.roles, next.province, others);
      },
    );
    response.status(201).json(user);
  });

  router.get('/api/users', async (request, response) => {
    requireRole(request, 'admin');
    response.json(await accounts.list());
  });

  // Who changed which account (account-log.ts), newest first.
  router.get('/api/account-changes', async (request, response) => {
    requireRole(request, 'admin');
    response.json(await accounts.changes());
  });

  // What the account page offers: each role an admin may give, titled, with its scope's choices.
  router.get('/api/roles', (request, response) => {
    requireRole(request, 'admin');
    response.json(catalogue.assignable());
  });

  router.patch('/api/users/:username', async (request, response) => {
    requireRole(request, 'admin');
    const body = objectBody(request);
    checkFields(body, REQUEST_BODIES.UserChange);
    const change: UserChange = {};
    if (body.roles !== undefined) {
      change.roles = roles(body.roles);
      catalogue.check(change.roles);
    }
    const province = region(body, catalogue);
    if (province !== undefined) change.province = province;
    if (typeof body.password === 'string') change.password = body.password;
    if (typeof body.disabled === 'boolean') change.disabled = body.disabled;
    if (typeof body.displayName === 'string') change.displayName = displayName(body.displayName);
    if (body.organisation !== undefined) change.organisation = organisation(body.organisation);
    response.json(
      await accounts.update(request.params.username, change, request.actor.id, (next, others, before) => {
        catalogue.checkRegionAgrees(next.roles, next.province);
        // Only a park newly given: an account moved with its park (the regions redrawn) is moved on purpose.
        const granted = next.roles.filter((role) => !before.roles.includes(role));
        catalogue.checkSubjectAgrees(granted, next.province, others);
      }),
    );
  });

  return router;
}
