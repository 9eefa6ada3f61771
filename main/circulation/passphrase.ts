import { randomInt } from 'node:crypto';
import WORDS from './data/eff-large-wordlist.json' with { type: 'json' };

/*
 * Passphrases for encrypted packs: words chosen uniformly at random (node:crypto's randomInt, a CSPRNG, with no
 * modulo bias) from the EFF's long list of 7,776 words (see data/README.md for its source and licence). Words
 * rather than symbols, because the passphrase is read out over the phone or typed from an SMS by a landlord.
 */

export const PASSPHRASE_WORDS: readonly string[] = WORDS;
/**
 * Five words: 64.6 bits, the scheme's minimum of 64, and short enough to read out over the phone. (Readers allow
 * passwords of up to 127 bytes for AES-256; poppler's command-line tools alone cut theirs at 32 characters, so the
 * tests open packs with qpdf.)
 */
export const WORDS_PER_PASSPHRASE = 5;

/** Bits of entropy in a passphrase of `words` words from the list. */
export function passphraseBits(words = WORDS_PER_PASSPHRASE): number {
  return words * Math.log2(PASSPHRASE_WORDS.length);
}

if (passphraseBits() < 64) throw new Error('Pack passphrases must carry at least 64 bits');

export function generatePassphrase(words = WORDS_PER_PASSPHRASE): string {
  return Array.from({ length: words }, () => PASSPHRASE_WORDS[randomInt(PASSPHRASE_WORDS.length)]).join(' ');
}
