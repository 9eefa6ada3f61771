import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a key copied by hand from paper reads back unambiguously.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 8;
const GROUP_SIZE = 4;

/** 160 random bits, shown as eight groups of four characters. */
export function generateRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return formatRecoveryKey(out);
}

export function formatRecoveryKey(compact: string): string {
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += GROUP_SIZE) groups.push(compact.slice(i, i + GROUP_SIZE));
  return groups.join('-');
}

/** Accepts what a person would type: any case, spaces or dashes, and the usual look-alike letters. */
export function normaliseRecoveryKey(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== GROUPS * GROUP_SIZE) return null;
  for (const ch of compact) if (!ALPHABET.includes(ch)) return null;
  return formatRecoveryKey(compact);
}
