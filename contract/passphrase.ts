import { z } from 'zod';

export const MIN_PASSPHRASE_LENGTH = 12;

export const passphraseSchema = z
  .string({ error: 'Enter a passphrase' })
  .min(MIN_PASSPHRASE_LENGTH, `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`)
  .max(1024, 'The passphrase must be at most 1,024 characters long');

/** Any string the coordinator typed at an unlock prompt; length rules apply only when choosing one. */
export const enteredPassphraseSchema = z.string({ error: 'Enter your passphrase' }).min(1, 'Enter your passphrase').max(1024, 'The passphrase is too long');

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface PassphraseStrength {
  score: StrengthScore;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  hint: string;
}

const COMMON = ['password', 'passphrase', 'qwerty', 'letmein', 'welcome', 'london', 'reciprocal', 'saferlondon', '123456', 'abc123', 'iloveyou', 'admin'];

/**
 * A deliberately simple estimate, shared by the setup form (to show the meter) and main (which only
 * enforces the length). It rewards length and variety and punishes repetition and well-known words,
 * which is what matters for a passphrase typed several times a day.
 */
export function estimateStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return { score: 0, label: 'Too short', hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(passphrase)).length;
  const unique = new Set(passphrase.toLowerCase()).size;
  const lower = passphrase.toLowerCase();
  const hasCommon = COMMON.some((word) => lower.includes(word));
  const words = passphrase
    .trim()
    .split(/[\s\-_.]+/)
    .filter((w) => w.length >= 3).length;

  let bits = Math.log2(Math.max(unique, 2)) * passphrase.length * 0.5 + classes * 4 + words * 3;
  if (hasCommon) bits -= 20;
  if (/(.)\1{3,}/.test(passphrase)) bits -= 15;
  if (/(0123|1234|2345|3456|4567|5678|6789|abcd|bcde|cdef)/i.test(passphrase)) bits -= 10;

  if (bits < 35) return { score: 1, label: 'Weak', hint: 'Add more words or characters, and avoid common words.' };
  if (bits < 50) return { score: 2, label: 'Fair', hint: 'Longer is stronger: try four or more unrelated words.' };
  if (bits < 70) return { score: 3, label: 'Good', hint: 'A good passphrase. A few more characters make it strong.' };
  return { score: 4, label: 'Strong', hint: 'A strong passphrase.' };
}
