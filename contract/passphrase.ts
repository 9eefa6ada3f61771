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

// The estimate itself is zxcvbn-ts, loaded lazily: see passphrase-strength.ts.
