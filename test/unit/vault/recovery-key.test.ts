import { describe, expect, it } from 'vitest';
import { generateRecoveryKey, normaliseRecoveryKey } from '../../../main/vault/recovery-key';

describe('recovery keys', () => {
  it('are 8 groups of 4 unambiguous characters, different every time', () => {
    const keys = new Set(Array.from({ length: 50 }, generateRecoveryKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('accept what a person types: case, spaces, look-alike letters', () => {
    const key = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
    expect(normaliseRecoveryKey(key)).toBe(key);
    expect(normaliseRecoveryKey('o123 4567 89ab cdef ghjk mnpq rstv wxyz')).toBe(key);
    expect(normaliseRecoveryKey('0I23-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ')).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ');
    expect(normaliseRecoveryKey('too short')).toBeNull();
    expect(normaliseRecoveryKey('0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXY!')).toBeNull();
  });
});
