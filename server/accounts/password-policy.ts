import { EngineError } from '../../engine/index.js';
import { SAY } from '../messages.js';

export const MIN_PASSWORD = 12;
/** Longer inputs are refused before hashing: a 900 KB "password" would only cost CPU (issue 9). */
export const MAX_PASSWORD = 256;

// Passwords of 12 characters or more that lead published leak lists (SecLists' 10k and 100k most
// common, RockYou), lower-cased; shorter ones are refused by length already.
const COMMON = new Set(
  `
  123456789012 1234567890123 12345678901234 123456789000 000000000000 111111111111 123123123123
  112233445566 098765432109 123456654321 147258369000 987654321000 qwertyuiopas qwertyuiop12
  qwertyuiop123 qwerty123456 1qaz2wsx3edc 1q2w3e4r5t6y q1w2e3r4t5y6 zaq12wsxcde3 asdfghjkl123
  asdfasdfasdf qweasdzxc123 zxcvbnm12345 password1234 password12345 password123456 passw0rd1234
  p@ssw0rd1234 p@ssword1234 password!234 mypassword123 iloveyou1234 abcdefghijkl abc123456789
  abcd12345678 administrator administrator1 admin1234567 admin@123456 letmein12345 welcome12345
  welcome@1234 changeme1234 qwertyqwerty princess1234 football1234 baseball1234 sunshine1234
  superman1234 trustno1trustno1 monkey123456 dragon123456 master123456 woaini1314520 woaini520520
  a123456789012 a1b2c3d4e5f6 iloveyou12345 football12345 correcthorsebatterystaple thequickbrownfox
`
    .trim()
    .split(/\s+/),
);

/** Characters (code points), not UTF-16 units; stops counting past the maximum. */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _char of password) if (++count > MAX_PASSWORD) break;
  return count;
}

/** A run like `aaaaaaaaaaaa` or `abcabcabcabc`: one short unit repeated. */
function repeated(password: string): boolean {
  return /^(.{1,4})\1+$/u.test(password);
}

/** Refuses passwords shorter than 12, longer than 256, common, repeated, or containing the user name. */
export function checkPassword(password: string, username?: string): void {
  const length = passwordLength(password);
  if (length < MIN_PASSWORD) {
    throw new EngineError('validation', SAY.passwordTooShort(MIN_PASSWORD), { field: 'password' });
  }
  if (length > MAX_PASSWORD) {
    throw new EngineError('validation', SAY.passwordTooLong(MAX_PASSWORD), { field: 'password' });
  }
  const lower = password.toLowerCase();
  // Its own reason: a password with the user name in it is refused however uncommon the rest is.
  if (username !== undefined && username.length >= 4 && lower.includes(username.toLowerCase())) {
    throw new EngineError('validation', SAY.passwordHasUsername, { field: 'password' });
  }
  if (COMMON.has(lower) || repeated(lower)) {
    throw new EngineError('validation', SAY.passwordGuessable, { field: 'password' });
  }
}
