import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { HashLane, HashPool } from './hash-pool.js';

// scrypt from Node's crypto (OpenSSL): memory-hard, no native add-on to build. Parameters follow
// OWASP's guidance for scrypt (N=2^17, r=8, p=1); they are stored with each hash so they can change.
// It runs in a HashPool (worker threads of its own), never on the event loop or libuv's threads.
export const DEFAULT_COST = 2 ** 17;
const BLOCK_SIZE = 8;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash` (base64url): the password itself is never stored or logged. */
export async function hashPassword(pool: HashPool, password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await pool.derive({
    password: password.normalize('NFKC'),
    salt,
    keyLength: KEY_LENGTH,
    N: cost,
    r: BLOCK_SIZE,
    p: 1,
    maxmem: MAX_MEMORY,
  });
  return ['scrypt', cost, BLOCK_SIZE, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(
  pool: HashPool,
  password: string,
  stored: string,
  lane: HashLane = 'open',
): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await pool.derive(
    {
      password: password.normalize('NFKC'),
      salt: Buffer.from(salt, 'base64url'),
      keyLength: expected.length || KEY_LENGTH,
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEMORY,
    },
    lane,
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A well-formed hash no password matches, verified against when a user does not exist: the work is the
 * same as for a real one (scrypt at `cost`), so timing does not tell. Built without hashing, so it
 * never waits in (or is refused by) the pool.
 */
export function dummyHash(cost = DEFAULT_COST): string {
  const random = (bytes: number) => randomBytes(bytes).toString('base64url');
  return ['scrypt', cost, BLOCK_SIZE, 1, random(16), random(KEY_LENGTH)].join('$');
}

/** The lowest cost a sandbox may set: below it, a hash is no longer memory-hard in any sense. */
export const LOWEST_SANDBOX_COST = 2 ** 10;

/**
 * PASSWORD_HASH_COST: scrypt's N for passwords set on a sandbox (CLOCK=simulated: tests, training),
 * where accounts are made by the dozen and a hash at the default cost (~0.5 s, 128 MB) is most of the
 * time a test takes. Refused anywhere else: a server on the real clock always hashes at DEFAULT_COST.
 * Hashes keep their own cost, so a store moved off a sandbox still verifies them.
 */
export function sandboxHashCost(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const text = env.PASSWORD_HASH_COST;
  if (text === undefined || text === '') return undefined;
  if (env.CLOCK !== 'simulated') throw new Error('PASSWORD_HASH_COST is for sandboxes only: it needs CLOCK=simulated');
  const cost = Number(text);
  const powerOfTwo = Number.isInteger(cost) && (cost & (cost - 1)) === 0;
  if (!powerOfTwo || cost < LOWEST_SANDBOX_COST || cost > DEFAULT_COST)
    throw new Error(
      `PASSWORD_HASH_COST must be a power of two from ${LOWEST_SANDBOX_COST} to ${DEFAULT_COST}: ${text}`,
    );
  return cost;
}
