// npm run bench (login flood, issue 9 #1): p99 of health and of a logged-in case read while 200 logins
// arrive, against the same probes at rest in the same run. Goal: p99 ≤ 250 ms during the flood.
import { floodLogins, percentile } from '../support/login-flood.js';

const run = await floodLogins(Number(process.env.BENCH_HASH_COST ?? 2 ** 17));
const p99 = (probes: typeof run.atRest, key: 'health' | 'read') =>
  percentile(
    probes.map((probe) => probe[key]),
    99,
  );
for (const key of ['health', 'read'] as const) {
  const rest = p99(run.atRest, key);
  const flood = p99(run.flooded, key);
  console.log(
    `login flood: ${key} p99 ${flood.toFixed(1)} ms during 200 logins (${run.flooded.length} probes), ` +
      `${rest.toFixed(1)} ms at rest — ratio ${(flood / rest).toFixed(1)}×; goal ≤ 250 ms`,
  );
}
console.log(`login flood: ${run.logins.filter((login) => login.status === 429).length} of 200 logins refused with 429`);
