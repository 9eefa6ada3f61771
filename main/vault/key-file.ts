import fs from 'node:fs';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { deriveKey, newScryptParams } from './kdf';
import { writeFileAtomic } from './atomic-write';

/**
 * The key file holds the random 256-bit data key twice, each copy wrapped (AES-256-GCM) by a key
 * stretched with scrypt from a secret: one slot for the passphrase, one for the recovery key.
 * Changing the passphrase rewraps one slot; the database itself is never re-encrypted.
 */
const base64Bytes = (min: number, max: number) =>
  z.string().refine((v) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length > 200) return false;
    const n = Buffer.from(v, 'base64').length;
    return n >= min && n <= max;
  });

/**
 * The key-stretching settings a key file may ask for. Read before any work is done: a file asking for N = 2^24 would
 * take over a minute and about 16 GiB to refuse, and a bad N would fail inside scrypt.
 */
export const KDF_BOUNDS = { minLog2N: 17, maxLog2N: 20, minR: 8, maxR: 16, minP: 1, maxP: 4 } as const;

const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .refine((n) => Number.isInteger(Math.log2(n)) && Math.log2(n) >= KDF_BOUNDS.minLog2N && Math.log2(n) <= KDF_BOUNDS.maxLog2N),
  r: z.number().int().min(KDF_BOUNDS.minR).max(KDF_BOUNDS.maxR),
  p: z.number().int().min(KDF_BOUNDS.minP).max(KDF_BOUNDS.maxP),
  salt: base64Bytes(16, 64),
});

const slotSchema = z.object({
  kdf: kdfSchema,
  cipher: z.literal('aes-256-gcm'),
  iv: base64Bytes(12, 12),
  tag: base64Bytes(16, 16),
  wrapped: base64Bytes(32, 32),
});

/**
 * Version 2 adds `revision` (a random id per write, which the audit entry of a key change names, so that an unfinished
 * change can be reconciled) and `checksum` (SHA-256 of the rest, so that a damaged file is told apart from a wrong
 * passphrase). Version 1 files are still read; the next change writes version 2.
 */
const keyFileSchema = z.object({
  format: z.literal('reciprocal-key-file'),
  version: z.union([z.literal(1), z.literal(2)]),
  revision: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  slots: z.object({ passphrase: slotSchema, recovery: slotSchema }),
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export type KeyFile = z.infer<typeof keyFileSchema>;
export type SlotName = keyof KeyFile['slots'];
type Slot = z.infer<typeof slotSchema>;

const aad = (slot: SlotName) => Buffer.from(`reciprocal-key-file:v1:${slot}`, 'utf8');

export async function wrapKey(dataKey: Buffer, secret: string, slot: SlotName): Promise<Slot> {
  const kdf = newScryptParams();
  const kek = await deriveKey(secret, kdf);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(aad(slot));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { kdf, cipher: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
  } finally {
    kek.fill(0);
  }
}

/** Returns the data key, or null when the secret is wrong (the GCM tag does not verify). */
export async function unwrapKey(file: KeyFile, secret: string, slot: SlotName): Promise<Buffer | null> {
  const s = file.slots[slot];
  const kek = await deriveKey(secret, s.kdf);
  // The decipher's own output buffers hold the plain data key too: zero them once it is copied out, so that only
  // the one buffer the caller zeroes is left.
  const parts: Buffer[] = [];
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(s.iv, 'base64'));
    decipher.setAAD(aad(slot));
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    parts.push(decipher.update(Buffer.from(s.wrapped, 'base64')));
    parts.push(decipher.final());
    const dataKey = Buffer.alloc(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) at += p.copy(dataKey, at);
    return dataKey;
  } catch {
    return null;
  } finally {
    for (const p of parts) p.fill(0);
    kek.fill(0);
  }
}

/** The fields the checksum covers, in a fixed order. */
function checksumOf(file: Omit<KeyFile, 'checksum'>): string {
  const slot = (x: Slot) => [x.kdf.name, x.kdf.N, x.kdf.r, x.kdf.p, x.kdf.salt, x.cipher, x.iv, x.tag, x.wrapped];
  const canonical = JSON.stringify([
    file.format,
    file.version,
    file.revision,
    file.createdAt,
    file.updatedAt,
    slot(file.slots.passphrase),
    slot(file.slots.recovery),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Why a key file was refused: `damaged` (unreadable, checksum, shape) or `unsafe` (KDF settings out of range). */
export class KeyFileError extends Error {
  constructor(
    message: string,
    readonly reason: 'unreadable' | 'damaged' | 'unsafe' = 'damaged',
  ) {
    super(message);
  }
}

export function readKeyFile(path: string): KeyFile {
  let raw: string;
  try {
    raw = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new KeyFileError(`The key file could not be read (${(err as NodeJS.ErrnoException).code ?? 'unknown error'}).`, 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new KeyFileError('The key file is damaged: it is not valid JSON.');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const kdf = parsed.error.issues.some((i) => i.path.includes('kdf'));
    if (kdf) {
      throw new KeyFileError('The key file asks for key-stretching settings outside the range Reciprocal accepts, so it was not used.', 'unsafe');
    }
    throw new KeyFileError('The key file is damaged or from an unknown version.');
  }
  const file = parsed.data;
  if (file.version === 2) {
    const { checksum, ...rest } = file;
    if (!checksum || !file.revision || checksum !== checksumOf(rest)) {
      throw new KeyFileError('The key file is damaged: its checksum does not match its contents, so it was changed by something other than Reciprocal.');
    }
  }
  return file;
}

/** A fresh revision and checksum on every write. */
export function sealKeyFile(file: KeyFile): KeyFile {
  const { checksum: _old, ...rest } = file;
  const next = { ...rest, version: 2 as const, revision: randomBytes(16).toString('hex') };
  return { ...next, checksum: checksumOf(next) };
}

/** Writes the file as given (seal it first); atomic, owner-only. */
export function writeKeyFile(path: string, file: KeyFile): void {
  writeFileAtomic(path, JSON.stringify(file, null, 2));
}

export async function createKeyFile(dataKey: Buffer, passphrase: string, recoveryKey: string, now: Date): Promise<KeyFile> {
  const [passphraseSlot, recoverySlot] = await Promise.all([wrapKey(dataKey, passphrase, 'passphrase'), wrapKey(dataKey, recoveryKey, 'recovery')]);
  const at = now.toISOString();
  return sealKeyFile({
    format: 'reciprocal-key-file',
    version: 2,
    createdAt: at,
    updatedAt: at,
    slots: { passphrase: passphraseSlot, recovery: recoverySlot },
  });
}

export async function rewrapSlot(file: KeyFile, dataKey: Buffer, secret: string, slot: SlotName, now: Date): Promise<KeyFile> {
  const wrapped = await wrapKey(dataKey, secret, slot);
  return sealKeyFile({ ...file, updatedAt: now.toISOString(), slots: { ...file.slots, [slot]: wrapped } });
}
