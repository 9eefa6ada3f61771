import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUkPhone, phoneKey } from '../../../contract/phone';

describe('UK phone numbers', () => {
  it('read the forms people write as one number', () => {
    const forms = ['020 7946 0123', '+44 (0)20 7946 0123', '0044 20 7946 0123', '(020) 7946-0123', '02079460123', ' 020.7946.0123 '];
    for (const f of forms) expect(isUkPhone(f), f).toBe(true);
    expect(new Set(forms.map(phoneKey))).toEqual(new Set(['+442079460123']));
    expect(phoneKey('07700 900 123')).toBe('+447700900123');
  });

  it('refuse what is not a UK phone number', () => {
    for (const f of ['', 'call me', '020 7946 0123 ext 4', '+1 212 555 0100', '123', '020 7946 0123 4567 89']) {
      expect(isUkPhone(f), f).toBe(false);
      expect(phoneKey(f), f).toBeNull();
    }
  });

  // The last few answers are kept: whatever order numbers arrive in, and however many, each gets its own answer.
  it('answer each number the same whatever came before it', () => {
    const pool = [
      ...Array.from({ length: 30 }, (_, i) => `020 7946 0${String(i).padStart(3, '0')}`),
      ...Array.from({ length: 10 }, (_, i) => `07700 900${String(i).padStart(3, '0')}`),
      'not a number',
      '+1 212 555 0100',
    ];
    const expected = new Map(pool.map((p) => [p, phoneKey(p)]));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 120 }), (seq) => {
        for (const p of seq) {
          expect(phoneKey(p)).toBe(expected.get(p));
          expect(isUkPhone(p)).toBe(expected.get(p) !== null);
        }
      }),
    );
    expect(new Set(expected.values()).size).toBe(41);
  });
});
