import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a device stays known after its last sign-in. */
const DEVICE_TOKEN_DAYS = 90;
const DAY_MS = 24 * 60 * 60_000;

/**
 * A device token says "this browser signed in to this account before" (OWASP's device cookie): a login
 * that shows one waits in the hashing pool's trusted lane, which a flood of guesses from elsewhere
 * cannot fill. It is keyed by the account's password hash, so it needs no secret of its own (every
 * server process can check it) and a password change makes every earlier one worthless. It proves
 * nothing by itself: the password is still checked.
 */
export function issueDeviceToken(username: string, passwordHash: string, now: number): string {
  const issued = String(now);
  return `${issued}.${mac(username, passwordHash, issued)}`;
}

/** Whether `token` was issued for this account (as its password stands) within the last 90 days. */
export function isDeviceToken(token: unknown, username: string, passwordHash: string, now: number): boolean {
  if (typeof token !== 'string' || token.length > 200) return false;
  const [issued = '', signature = ''] = token.split('.');
  const at = Number(issued);
  if (!/^\d{1,15}$/.test(issued) || at > now || now - at > DEVICE_TOKEN_DAYS * DAY_MS) return false;
  const expected = Buffer.from(mac(username, passwordHash, issued));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function mac(username: string, passwordHash: string, issued: string): string {
  return createHmac('sha256', passwordHash).update(`device\n${username.toLowerCase()}\n${issued}`).digest('base64url');
}
