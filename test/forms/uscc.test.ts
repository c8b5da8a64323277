import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter } from '../../engine/forms/uscc.js';

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it('accepts codes whose check character is right', () => {
    for (const code of ['91110000802100433B', '91350100M000100Y43', '91320000134812345R', '11320594MB1C7D2X5E'])
      expect(isValidUscc(code), code).toBe(true);
  });

  it('refuses a wrong check character (91320000134812345A, accepted before)', () => {
    expect(isValidUscc('91320000134812345A')).toBe(false);
    expect(isValidUscc('91110000802100433C')).toBe(false);
  });

  it('refuses a wrong length, letters outside the set, lower case and non-digits in the division code', () => {
    for (const code of ['9111000080210043B', '91110000802100433BB', '91110000802100433I', '91320594MA7QW3KXIL'])
      expect(isValidUscc(code), code).toBe(false);
    expect(isValidUscc('91110000802100433b')).toBe(false);
    expect(isValidUscc('9111A000802100433B')).toBe(false);
  });

  it('computes 0 when the weighted sum is already a multiple of 31', () => {
    // 17 zeros weigh 0: the check character is 0, not the 31st character.
    expect(usccCheckCharacter('0'.repeat(17))).toBe('0');
    expect(usccCheckCharacter('9132000013481234')).toBeUndefined();
  });
});
