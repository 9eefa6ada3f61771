import { describe, expect, it } from 'vitest';
import { passphraseSchema } from '../../../contract/passphrase';
import { loadStrengthEstimator, passphraseWeakness } from '../../../contract/passphrase-strength';
import { financialYearOf, formatUkDate, parseUkDate, dateInputProblem } from '../../../contract/dates';

describe('passphrase rules', () => {
  it('require at least 12 characters', () => {
    expect(passphraseSchema.safeParse('elevenchars').success).toBe(false);
    expect(passphraseSchema.safeParse('twelve chars').success).toBe(true);
  });

  it('rate long, varied passphrases above short or common ones (zxcvbn with its common and English dictionaries)', async () => {
    const estimateStrength = await loadStrengthEstimator();
    expect(estimateStrength('short').label).toBe('Too short');
    expect(estimateStrength('passwordpassword').score).toBeLessThanOrEqual(1);
    expect(estimateStrength('aaaaaaaaaaaaaaaa').score).toBeLessThanOrEqual(1);
    expect(estimateStrength('qwertyuiop12').score).toBeLessThanOrEqual(1);
    expect(estimateStrength('password1234').hint).toMatch(/commonly used password/);
    expect(estimateStrength('correct horse battery staple').score).toBeGreaterThanOrEqual(3);
    expect(estimateStrength('Tangerine-Viaduct-41-Moss!').score).toBe(4);
    // The coordinator's own name and the scheme's words count against it.
    expect(estimateStrength('SamCoordinator2026', ['Sam Coordinator']).score).toBeLessThan(estimateStrength('Tangerine-Viaduct-41-Moss!').score);
    expect(passphraseWeakness(estimateStrength('password1234'))).toMatch(/^This passphrase is too easy to guess/);
    expect(passphraseWeakness(estimateStrength('correct horse battery staple'))).toBeNull();
  });
});

describe('UK dates', () => {
  it('show and read dd/mm/yyyy', () => {
    expect(formatUkDate('2026-04-01')).toBe('01/04/2026');
    expect(parseUkDate('1/4/2026')).toBe('2026-04-01');
    expect(parseUkDate('31/02/2026')).toBeNull();
    // The forms a coordinator types, each read one way only (day before month).
    expect(parseUkDate('2026-11-22')).toBe('2026-11-22');
    expect(parseUkDate('22 Nov 2026')).toBe('2026-11-22');
    expect(parseUkDate('22 November 2026')).toBe('2026-11-22');
    expect(parseUkDate('22.11.2026')).toBe('2026-11-22');
    // A two-digit year is not guessed at: the message names the format instead of calling the date unreal.
    expect(parseUkDate('22/11/26')).toBeNull();
    expect(dateInputProblem('22/11/26')).toBe('Enter the year in full, with 4 digits, like 27/03/2026');
    expect(dateInputProblem('31/02/2026')).toMatch(/^That date does not exist/);
    expect(parseUkDate('22 Smarch 2026')).toBeNull();
  });

  it('put a date in its April-to-March financial year', () => {
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-04-01')).toBe(2026);
  });
});
