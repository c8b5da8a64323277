import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, sandboxHashCost } from '../../server/accounts/password.js';
import { startServer } from './http-client.js';

describe('PASSWORD_HASH_COST (sandboxes only)', () => {
  it('is taken on the simulated clock, as a power of two within bounds', () => {
    expect(sandboxHashCost({ CLOCK: 'simulated', PASSWORD_HASH_COST: '1024' })).toBe(1024);
    expect(sandboxHashCost({ CLOCK: 'simulated' })).toBeUndefined();
    expect(sandboxHashCost({})).toBeUndefined();
    for (const refused of ['1000', '512', String(DEFAULT_COST * 2), 'cheap', '-1024'])
      expect(() => sandboxHashCost({ CLOCK: 'simulated', PASSWORD_HASH_COST: refused }), refused).toThrow(
        /power of two/,
      );
  });

  it('is refused on the real clock: a server there hashes at the default cost', () => {
    expect(() => sandboxHashCost({ PASSWORD_HASH_COST: '1024' })).toThrow(/CLOCK=simulated/);
  });

  it('stops a server on the real clock with the reason, before it answers anything', async () => {
    const start = startServer({ DATA_DIR: '/nonexistent/never-opened', PASSWORD_HASH_COST: '1024' }, 0, {
      readyWithin: 60_000,
    });
    await expect(start).rejects.toThrow(/PASSWORD_HASH_COST is for sandboxes only/);
  }, 90_000);
});
