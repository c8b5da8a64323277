import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type AugmentedRequest, type Store as RateLimitStore } from 'express-rate-limit';
import { MemoryCounters, type RateCounters, type Said } from '../engine/index.js';
import { HttpError } from './http-errors.js';
import { SAY } from './messages.js';

/**
 * How much one account, and one address presenting unknown tokens, may ask of one server process.
 * Counted in this process's memory, never in the shared store: what they protect is this process's
 * one thread (a shared count would cost a database round trip on every request), so with several
 * processes each takes this much.
 */
export interface RequestLimits {
  /** Requests one signed-in account may make per minute. */
  accountRequestsPerMinute: number;
  /** Of them, requests with a body over `largeBodyBytes` (parsing a megabyte holds the thread). */
  accountLargeBodiesPerMinute: number;
  /** What counts as a large body: more than a visitor may send at all (64 KB). */
  largeBodyBytes: number;
  /** Requests with an unknown, expired or ended token one address may make per minute. */
  failedTokensPerMinute: number;
  /** API requests one address may make per minute without a session (public reads, logging in). */
  anonymousRequestsPerMinute: number;
}

export const REQUEST_LIMITS: RequestLimits = {
  // A person clicking through the workbench makes a few requests a second at most (a case page asks
  // about ten at once); a browser test walking cases, a few dozen. 20 a second, sustained for a minute,
  // is a script.
  accountRequestsPerMinute: 1200,
  // Saving a long application's draft or sending it: a few a minute. One every three seconds, for a
  // minute, is a loop; and a fixed window lets them all come at once, so the burst is kept small.
  accountLargeBodiesPerMinute: 20,
  largeBodyBytes: 64 * 1024,
  // A session that ended shows the login page after a handful of 401s per open tab.
  failedTokensPerMinute: 120,
  // A visitor reading the notices asks a handful per page; 600 a minute is a hundred pages read from
  // one address (an office, a carrier's shared address). Fifty clients fetching the programme's 140 KB
  // English catalogue in a loop from one address took a signed-in reader's answers from about 4 ms to
  // about 400 ms (a busy machine).
  anonymousRequestsPerMinute: 600,
};

/**
 * ACCOUNT_REQUESTS_PER_MINUTE (a positive whole number): an operator's setting for a deployment whose
 * accounts are scripts (an integration, a load test); the default suits people.
 */
export function accountRequestsFromEnvironment(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const text = env.ACCOUNT_REQUESTS_PER_MINUTE;
  if (text === undefined || text === '') return undefined;
  const limit = Number(text);
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new Error(`ACCOUNT_REQUESTS_PER_MINUTE must be a whole number of requests, at least 1: ${text}`);
  return limit;
}

const WINDOW_MS = 60_000;

/** Seconds until a window that ends at `reset` (a Date or epoch ms) ends: at least 1. */
const secondsUntil = (reset: number | undefined, now: number): number =>
  reset === undefined ? 60 : Math.max(1, Math.ceil((reset - now) / 1000));

/**
 * The handler of a route's own limit (express-rate-limit): the refusal, told with the seconds left in
 * the window, goes to the one error handler — 429 `too-many-requests` in the caller's language. The
 * limiter has set Retry-After (and its RateLimit headers) before this runs.
 */
export function refusedPastLimit(say: (secondsLeft: number) => Said) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const reset = (request as AugmentedRequest).rateLimit?.resetTime?.getTime();
    next(new HttpError(429, 'too-many-requests', say(secondsUntil(reset, Date.now()))));
  };
}

/**
 * A route's own limit per minute, per account (per address without a login), counted in `store` when
 * processes share one. Past it, 429 with Retry-After, told by `say` (refusedPastLimit).
 */
export function perCallerPerMinute(
  limit: number,
  store: RateLimitStore | undefined,
  say: (secondsLeft: number) => Said,
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    ...(store !== undefined && { store }),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request) =>
      request.user === undefined ? ipKeyGenerator(request.ip ?? '', 56) : `user:${request.user.username}`,
    handler: refusedPastLimit(say),
  });
}

/**
 * A JSON body over `bytes`, or one of unknown length (chunked) or compressed (the parser inflates it:
 * a megabyte of JSON comes in a kilobyte of gzip, and was taken 1,200 times a minute as small):
 * counted as large before it is read. Only JSON is parsed on the thread; an upload is streamed to disk
 * and has its own hourly limit (a park choosing 25 files at once is not a loop).
 */
function hasLargeBody(request: Request, bytes: number): boolean {
  if (request.is('json') === false) return false;
  const encoding = request.get('content-encoding')?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') return true;
  const length = request.get('content-length');
  if (length === undefined) return request.get('transfer-encoding') !== undefined;
  return Number(length) > bytes;
}

/**
 * Per signed-in account: at most `accountRequestsPerMinute` requests and `accountLargeBodiesPerMinute`
 * large bodies a minute (express-rate-limit's fixed window), checked before the body is parsed so a
 * refused one costs nothing; 429 `too-many-requests` with Retry-After. Callers without a session are
 * not counted here (the public routes and logins have limits of their own).
 */
export function accountLimits(limits: RequestLimits): RequestHandler[] {
  const limiter = (limit: number, large: boolean) =>
    rateLimit({
      windowMs: WINDOW_MS,
      limit,
      // Retry-After comes with the refusal (the error below); no RateLimit headers on every answer.
      standardHeaders: false,
      legacyHeaders: false,
      // One name per account; an unknown caller never reaches here (skipped below).
      keyGenerator: (request) => `user:${request.user?.username ?? ''}`,
      skip: (request) => request.user === undefined || (large && !hasLargeBody(request, limits.largeBodyBytes)),
      handler: (request: Request, _response: Response, next: NextFunction) => {
        const reset = (request as AugmentedRequest).rateLimit?.resetTime?.getTime();
        const seconds = secondsUntil(reset, Date.now());
        next(new HttpError(429, 'too-many-requests', SAY.tooManyRequests(seconds), { 'Retry-After': String(seconds) }));
      },
    });
  return [limiter(limits.accountRequestsPerMinute, false), limiter(limits.accountLargeBodiesPerMinute, true)];
}

/**
 * Per client address (an IPv6 address by its /56, as the login throttle), API requests without a
 * session: at most `anonymousRequestsPerMinute` (express-rate-limit's fixed window), then 429 in the
 * caller's language with Retry-After. The health check, answered before, is not counted.
 */
export function anonymousLimit(limits: RequestLimits): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.anonymousRequestsPerMinute,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (request) => `anonymous:${ipKeyGenerator(request.ip ?? '', 56)}`,
    skip: (request) => request.user !== undefined,
    handler: (request: Request, _response: Response, next: NextFunction) => {
      const reset = (request as AugmentedRequest).rateLimit?.resetTime?.getTime();
      const seconds = secondsUntil(reset, Date.now());
      next(
        new HttpError(429, 'too-many-requests', SAY.tooManyAnonymousRequests(seconds), {
          'Retry-After': String(seconds),
        }),
      );
    },
  });
}

/**
 * Unknown tokens per client address (an IPv6 address by its /56, as the login throttle): each costs
 * a session lookup (a hash and a store read), so past `failedTokensPerMinute` in a fixed minute the
 * address is answered 429 before any lookup — a valid token from it too, since telling the two apart
 * is the lookup. express-rate-limit counts a request before it is answered; here only refusals
 * count, so an office behind one address is never limited by its own signed-in traffic.
 */
export class FailedTokens {
  readonly #counters: RateCounters;

  constructor(
    readonly perMinute: number,
    now: () => number = Date.now,
  ) {
    this.#counters = new MemoryCounters(now);
  }

  static key(request: Request): string {
    return `failed-token:${ipKeyGenerator(request.ip ?? '', 56)}`;
  }

  /** Seconds the address must wait, or 0 when it may present a token now. */
  wait(key: string): Promise<number> {
    return this.#counters.update([key], (current, now) => {
      const counter = current.get(key);
      const seconds = counter === undefined || counter.count < this.perMinute ? 0 : secondsUntil(counter.expires, now);
      return { set: new Map(), result: seconds };
    });
  }

  /** An unknown token was presented from the address. */
  async failed(key: string): Promise<void> {
    await this.#counters.update([key], (current, now) => {
      const counter = current.get(key);
      const next =
        counter === undefined
          ? { count: 1, last: now, expires: now + WINDOW_MS }
          : { ...counter, count: counter.count + 1, last: now };
      return { set: new Map([[key, next]]), result: undefined };
    });
  }
}

/** The 429 an address gets once its unknown tokens are spent. */
export function tooManyFailedTokens(seconds: number): HttpError {
  return new HttpError(429, 'too-many-requests', SAY.tooManyFailedTokens(seconds), {
    'Retry-After': String(seconds),
  });
}
