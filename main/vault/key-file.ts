import fs from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { deriveKey, newScryptParams } from './kdf';
import { writeFileAtomic } from './atomic-write';

/**
 * The key file holds the random 256-bit data key twice, each copy wrapped (AES-256-GCM) by a key
 * stretched with scrypt from a secret: one slot for the passphrase, one for the recovery key.
 * Changing the passphrase rewraps one slot; the database itself is never re-encrypted.
 */
const slotSchema = z.object({
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string(),
  tag: z.string(),
  wrapped: z.string(),
});

const keyFileSchema = z.object({
  format: z.literal('reciprocal-key-file'),
  version: z.literal(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  slots: z.object({ passphrase: slotSchema, recovery: slotSchema }),
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

export class KeyFileError extends Error {}

export function readKeyFile(path: string): KeyFile {
  let raw: string;
  try {
    raw = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new KeyFileError(`The key file could not be read (${(err as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new KeyFileError('The key file is damaged: it is not valid JSON.');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new KeyFileError('The key file is damaged or from an unknown version.');
  return parsed.data;
}

export function writeKeyFile(path: string, file: KeyFile): void {
  writeFileAtomic(path, JSON.stringify(file, null, 2));
}

export async function createKeyFile(dataKey: Buffer, passphrase: string, recoveryKey: string, now: Date): Promise<KeyFile> {
  const [passphraseSlot, recoverySlot] = await Promise.all([wrapKey(dataKey, passphrase, 'passphrase'), wrapKey(dataKey, recoveryKey, 'recovery')]);
  const at = now.toISOString();
  return { format: 'reciprocal-key-file', version: 1, createdAt: at, updatedAt: at, slots: { passphrase: passphraseSlot, recovery: recoverySlot } };
}

export async function rewrapSlot(file: KeyFile, dataKey: Buffer, secret: string, slot: SlotName, now: Date): Promise<KeyFile> {
  const wrapped = await wrapKey(dataKey, secret, slot);
  return { ...file, updatedAt: now.toISOString(), slots: { ...file.slots, [slot]: wrapped } };
}
