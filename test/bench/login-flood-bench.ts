// npm run bench (login flood, issue 9 #1; large bodies, from visitors and from an account): p99 of health and of a logged-in case read while 200 requests
// from visitors arrive, against the same probes at rest in the same run. Goal: p99 ≤ 250 ms during each flood.
import { REQUEST_LIMITS } from '../../server/request-limits.js';
import { type FloodRun, floodLargeBodies, floodLogins, floodSignedIn, percentile } from '../support/login-flood.js';

function report(name: string, run: FloodRun): void {
  const p99 = (probes: typeof run.atRest, key: 'health' | 'read') =>
    percentile(
      probes.map((probe) => probe[key]),
      99,
    );
  for (const key of ['health', 'read'] as const) {
    const rest = p99(run.atRest, key);
    const flood = p99(run.flooded, key);
    console.log(
      `${name}: ${key} p99 ${flood.toFixed(1)} ms during 200 requests (${run.flooded.length} probes), ` +
        `${rest.toFixed(1)} ms at rest — ratio ${(flood / rest).toFixed(1)}×; goal ≤ 250 ms`,
    );
  }
}

// BENCH_FLOOD=signed-in runs only the last part.
if (process.env.BENCH_FLOOD !== 'signed-in') {
  const logins = await floodLogins(Number(process.env.BENCH_HASH_COST ?? 2 ** 17));
  report('login flood', logins);
  console.log(
    `login flood: ${logins.logins.filter((login) => login.status === 429).length} of 200 logins refused with 429`,
  );
  // A visitor's 1 MB JSON bodies (to the login and to no route): refused unread since they are parsed only
  // for a signed-in caller; parsed, they held the thread every answer needs.
  const bodies = await floodLargeBodies();
  report('1 MB bodies from visitors', bodies);
  console.log(
    `1 MB bodies from visitors: ${bodies.logins.filter((answer) => answer.status === 413).length} of 200 refused with 413`,
  );
}
// The same bodies from a signed-in account (another park's), without and with the per-account limits
// (server/request-limits.ts): unlimited, every one is parsed.
const unlimited = Number.MAX_SAFE_INTEGER;
const signedInUnlimited = await floodSignedIn({
  accountRequestsPerMinute: unlimited,
  accountLargeBodiesPerMinute: unlimited,
});
report('1 MB bodies from an account, no account limit', signedInUnlimited);
const signedIn = await floodSignedIn(REQUEST_LIMITS);
report('1 MB bodies from an account, account limits', signedIn);
for (const [name, run] of [
  ['no account limit', signedInUnlimited],
  ['account limits', signedIn],
] as const) {
  const refused = run.logins.filter((answer) => answer.status === 429).length;
  console.log(`1 MB bodies from an account, ${name}: ${refused} of 200 refused with 429`);
}
