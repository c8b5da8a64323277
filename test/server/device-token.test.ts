import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../engine/store/index.js';
import { Accounts } from '../../server/accounts/accounts.js';
import { isDeviceToken, issueDeviceToken } from '../../server/accounts/device-token.js';
import { HashPool } from '../../server/accounts/hash-pool.js';

const PASSWORD = 'Correct-horse-9x';
const NOW = Date.parse('2026-12-03T08:00:00Z');
const DAY = 24 * 60 * 60_000;

/**
 * A login flood from many addresses filled the hashing queue, and the account's own people got
 * 429 busy (QA). A browser that signed in to the account before shows a device token; its login waits
 * in a trusted lane of its own, which guesses from elsewhere cannot fill.
 */
describe('device tokens: a known browser still signs in during a flood', () => {
  let pool: HashPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  /** One hashing thread and one waiting place per lane, and a hash slow enough to queue behind. */
  async function accounts(): Promise<Accounts> {
    pool = new HashPool({ threads: 1, queueLimit: 1 });
    const made = new Accounts(new MemoryStore(), { hashCost: 2 ** 14, pool, now: () => new Date(NOW) });
    await made.create({ username: 'alice', password: PASSWORD, roles: ['samr'] });
    await made.create({ username: 'bob', password: PASSWORD, roles: ['samr'] });
    return made;
  }

  /** Logins that fill the open lane (one hashing, one waiting, the rest refused busy). */
  const flood = (users: Accounts) =>
    Array.from({ length: 6 }, () => users.login('bob', 'wrong-password-1').catch((error: unknown) => error));

  it('hands out a device token on login; with it, the login gets in while the open queue is full', async () => {
    const users = await accounts();
    const first = await users.login('alice', PASSWORD);
    expect(first?.device).toMatch(/^\d+\.[\w-]{43}$/);

    const guesses = flood(users);
    const known = users.login('alice', PASSWORD, first?.device);
    const stranger = users.login('alice', PASSWORD).catch((error: unknown) => error);
    expect((await known)?.user.username).toBe('alice');
    expect(await stranger).toMatchObject({ status: 429, code: 'busy' });
    const answers = await Promise.all(guesses);
    expect(answers.filter((answer) => (answer as { code?: string } | undefined)?.code === 'busy').length).toBe(4);
  });

  it('gives no lane to a token of another account, a tampered one, or one from before a password change', async () => {
    const users = await accounts();
    const bobs = (await users.login('bob', PASSWORD))?.device;
    const alices = (await users.login('alice', PASSWORD))?.device ?? '';
    const tampered = `${alices.slice(0, -1)}${alices.endsWith('A') ? 'B' : 'A'}`;
    await users.update('alice', { password: 'Another-horse-7y' }, 'admin');
    for (const device of [bobs, tampered, alices, 'x'.repeat(500), 42]) {
      const guesses = flood(users);
      const refused = await users.login('alice', 'Another-horse-7y', device).catch((error: unknown) => error);
      expect(refused, String(device)).toMatchObject({ status: 429, code: 'busy' });
      await Promise.all(guesses);
    }
  });

  it('lasts 90 days from the login that issued it', () => {
    const token = issueDeviceToken('alice', 'scrypt$hash', NOW);
    expect(isDeviceToken(token, 'alice', 'scrypt$hash', NOW + 89 * DAY)).toBe(true);
    expect(isDeviceToken(token, 'ALICE', 'scrypt$hash', NOW)).toBe(true);
    expect(isDeviceToken(token, 'alice', 'scrypt$hash', NOW + 91 * DAY)).toBe(false);
    expect(isDeviceToken(token, 'alice', 'scrypt$hash', NOW - 1)).toBe(false);
    expect(isDeviceToken(token, 'alice', 'scrypt$other', NOW)).toBe(false);
  });
});
