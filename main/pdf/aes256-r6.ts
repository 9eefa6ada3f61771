import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * AES-256 encryption of revision 6 (ISO 32000-2), on top of pdfkit.
 *
 * pdfkit's `pdfVersion: '1.7ext3'` encrypts every string and stream with AES-256 (AESV3) under a random file key,
 * but writes the password entries of revision 5, Adobe's withdrawn extension, whose password check is one SHA-256
 * and so cheap to guess against. Revision 6 keeps the same file key and the same object encryption and changes only
 * how the password entries (U, UE, O, OE) are derived: Algorithm 2.B, rounds of AES-128 and SHA-2. So the pack
 * is made by pdfkit as usual and, before it is written, its encryption dictionary is rewritten to revision 6 from
 * the same file key. qpdf then reports "R = 6", and every current reader opens it.
 */

/** Algorithm 2.B of ISO 32000-2 (the same loop as pdf.js's PDF20 hash). */
export function hash2B(password: Buffer, salt: Buffer, userKey: Buffer): Buffer {
  let k = createHash('sha256')
    .update(Buffer.concat([password, salt, userKey]))
    .digest();
  let e = Buffer.from([0]);
  let round = 0;
  while (round < 64 || (e[e.length - 1] ?? 0) > round - 32) {
    const k1 = Buffer.concat([password, k, userKey]);
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    e = Buffer.concat([cipher.update(Buffer.concat(Array.from({ length: 64 }, () => k1))), cipher.final()]);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i] ?? 0;
    k = createHash((['sha256', 'sha384', 'sha512'] as const)[sum % 3]!)
      .update(e)
      .digest();
    round++;
  }
  return k.subarray(0, 32);
}

function aes256NoPadding(key: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** SASLprep is the identity for the printable ASCII passphrases the app makes; longer input is cut at 127 bytes. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFKC'), 'utf8').subarray(0, 127);
}

export interface R6Entries {
  U: Buffer;
  UE: Buffer;
  O: Buffer;
  OE: Buffer;
}

/** The password entries of revision 6 for `fileKey`. */
export function r6Entries(fileKey: Uint8Array, userPassword: string, ownerPassword: string): R6Entries {
  const key = Buffer.from(fileKey);
  const user = passwordBytes(userPassword);
  const owner = passwordBytes(ownerPassword);
  const userValidationSalt = randomBytes(8);
  const userKeySalt = randomBytes(8);
  const U = Buffer.concat([hash2B(user, userValidationSalt, Buffer.alloc(0)), userValidationSalt, userKeySalt]);
  const UE = aes256NoPadding(hash2B(user, userKeySalt, Buffer.alloc(0)), key);
  const ownerValidationSalt = randomBytes(8);
  const ownerKeySalt = randomBytes(8);
  const O = Buffer.concat([hash2B(owner, ownerValidationSalt, U), ownerValidationSalt, ownerKeySalt]);
  const OE = aes256NoPadding(hash2B(owner, ownerKeySalt, U), key);
  return { U, UE, O, OE };
}

interface PdfkitSecurity {
  encryptionKey: Uint8Array;
  dictionary: { data: Record<string, unknown> };
}

/**
 * Rewrites the encryption dictionary of a pdfkit document made with `pdfVersion: '1.7ext3'` to revision 6.
 * Call straight after constructing it, before anything is written.
 */
export function upgradeToRevision6(doc: object, userPassword: string, ownerPassword: string): void {
  const security = (doc as { _security?: PdfkitSecurity })._security;
  const data = security?.dictionary.data;
  if (!security || data?.['V'] !== 5 || data['R'] !== 5) throw new Error('The document is not AES-256 encrypted');
  const entries = r6Entries(security.encryptionKey, userPassword, ownerPassword);
  // Perms (the permissions, encrypted with the file key) is the same in both revisions, so it stays as it is.
  Object.assign(data, { R: 6, U: entries.U, UE: entries.UE, O: entries.O, OE: entries.OE });
}
