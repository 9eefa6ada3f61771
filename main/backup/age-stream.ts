import fs from 'node:fs';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { Decrypter, Encrypter, Stanza, type Identity, type Recipient } from 'age-encryption';

/*
 * A standard age file (C2SP age.md), with the work split by cost:
 * - the `age-encryption` library makes and reads the header (stanzas, encoding, the header MAC), with our recipient and
 *   identity plug-ins for the passphrase, which use Node's native, asynchronous scrypt (off the thread) rather than
 *   one second of pure-JS scrypt blocking it;
 * - the payload, which is the whole database, goes through Node's native ChaCha20-Poly1305 in the STREAM construction
 *   of the spec: 64 KiB chunks, nonce = 11-byte big-endian chunk counter || 0x01 for the final chunk, else 0x00, under
 *   HKDF-SHA-256(file key, salt = 16-byte random nonce, info "payload"). The library does the same in pure JS, which
 *   took most of a backup's time; chunk by chunk, memory stays at a few chunks whatever the file's size.
 * The `age` command-line tool reads what this writes, and this reads what it writes (tests in test/unit/backup/).
 */

export const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;
const NONCE = 16;
const SCRYPT_LABEL = Buffer.from('age-encryption.org/v1/scrypt', 'latin1');
/** age's own default work factor (2^18, 256 MiB, about a second): the passphrase is all that protects a backup. */
const SCRYPT_LOG_N = 18;
/** The most this reader accepts, as the library does: a larger factor in a file would take minutes and gigabytes. */
const SCRYPT_MAX_LOG_N = 20;
/** A header is a few stanzas of about 100 bytes; this allows hundreds of colleagues. */
const MAX_HEADER = 64 * 1024;

export type AgeTarget = { passphrase: string } | { recipients: string[] };
export type AgeKey = { passphrase: string } | { identity: string };

const ZERO_NONCE = Buffer.alloc(12);

function seal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** Throws when the tag does not verify: the chunk was cut, changed or is not at this place in the stream. */
function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer {
  if (sealed.length < TAG) throw new AgePayloadError('The encrypted data is cut short');
  const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
}

/** A payload that does not decrypt: the file was cut short or changed after it was written. */
export class AgePayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgePayloadError';
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
/** Canonical unpadded base64 only, as the spec requires of a reader. */
function unb64(s: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*$/.test(s)) return null;
  const bytes = Buffer.from(s, 'base64');
  return b64(bytes) === s ? bytes : null;
}

function scryptKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(passphrase, Buffer.concat([SCRYPT_LABEL, salt]), 32, { N, r: 8, p: 1, maxmem: 128 * N * 8 + 2 ** 24 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** The spec's scrypt recipient: `-> scrypt <salt> 18`, the file key sealed under scrypt(passphrase). */
class ScryptRecipient implements Recipient {
  constructor(private readonly passphrase: string) {}
  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    const salt = randomBytes(16);
    const key = await scryptKey(this.passphrase, salt, SCRYPT_LOG_N);
    try {
      return [new Stanza(['scrypt', b64(salt), String(SCRYPT_LOG_N)], seal(key, ZERO_NONCE, fileKey))];
    } finally {
      key.fill(0);
    }
  }
}

/** The spec's scrypt identity, with every check it asks of a reader. */
class ScryptIdentity implements Identity {
  constructor(private readonly passphrase: string) {}
  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    for (const s of stanzas) {
      if (s.args[0] !== 'scrypt') continue;
      if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      const salt = s.args.length === 3 ? unb64(s.args[1]!) : null;
      if (!salt || salt.length !== 16 || !/^[1-9][0-9]*$/.test(s.args[2]!) || s.body.length !== 32) throw new Error('invalid scrypt stanza');
      const logN = Number(s.args[2]);
      if (logN > SCRYPT_MAX_LOG_N) throw new Error('scrypt work factor is too high');
      const key = await scryptKey(this.passphrase, salt, logN);
      try {
        return open(key, ZERO_NONCE, s.body);
      } catch {
        return null; // another passphrase
      } finally {
        key.fill(0);
      }
    }
    return null;
  }
}

/** Hands the library's fresh file key to us and adds no stanza, so the header is exactly what the library makes. */
class FileKeyTap implements Recipient {
  fileKey: Buffer | null = null;
  wrapFileKey(fileKey: Uint8Array): Stanza[] {
    this.fileKey = Buffer.from(fileKey);
    return [];
  }
}

const payloadKey = (fileKey: Uint8Array, nonce: Uint8Array) => Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));

/**
 * A new age file's beginning (header and payload nonce) and the key for its payload. The library encrypts an empty
 * payload to make the header; we drop its nonce and empty final chunk and use a fresh nonce of our own.
 */
export async function startAgeFile(target: AgeTarget): Promise<{ prefix: Buffer; header: Buffer; key: Buffer }> {
  const e = new Encrypter();
  const tap = new FileKeyTap();
  if ('passphrase' in target) e.addRecipient(new ScryptRecipient(target.passphrase));
  else for (const r of target.recipients) e.addRecipient(r);
  e.addRecipient(tap);
  const empty = await e.encrypt(new Uint8Array(0));
  const header = Buffer.from(empty.subarray(0, empty.length - NONCE - TAG));
  if (
    !tap.fileKey ||
    !header
      .subarray(header.length - 49)
      .toString('latin1')
      .startsWith('\n--- ')
  )
    throw new Error('age header not made as expected');
  const nonce = randomBytes(NONCE);
  const key = payloadKey(tap.fileKey, nonce);
  tap.fileKey.fill(0);
  return { prefix: Buffer.concat([header, nonce]), header, key };
}

function chunkNonce(counter: bigint, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(counter, 3);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * STREAM encryption of `source`. One full chunk is held back until more data comes, since the final chunk (which
 * may be a full one) carries the last-chunk flag.
 */
export async function* sealPayload(key: Buffer, source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const pending = Buffer.alloc(CHUNK);
  let used = 0;
  let counter = 0n;
  for await (const chunk of source) {
    let off = 0;
    while (off < chunk.length) {
      if (used === CHUNK) {
        yield seal(key, chunkNonce(counter++, false), pending);
        used = 0;
      }
      const n = Math.min(CHUNK - used, chunk.length - off);
      pending.set(chunk.subarray(off, off + n), used);
      used += n;
      off += n;
    }
  }
  yield seal(key, chunkNonce(counter, true), pending.subarray(0, used));
}

/** STREAM decryption; throws `AgePayloadError` unless the data ends with a valid final chunk. */
export async function* openPayload(key: Buffer, source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let buf = Buffer.alloc(0);
  let counter = 0n;
  const decrypt = (sealed: Buffer, last: boolean) => {
    try {
      return open(key, chunkNonce(counter, last), sealed);
    } catch (err) {
      throw err instanceof AgePayloadError ? err : new AgePayloadError('The encrypted data does not authenticate');
    }
  };
  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    // Only a chunk with more data after it is known not to be the last.
    while (buf.length > SEALED_CHUNK) {
      yield decrypt(buf.subarray(0, SEALED_CHUNK), false);
      counter++;
      buf = buf.subarray(SEALED_CHUNK);
    }
  }
  const last = decrypt(buf, true);
  if (last.length === 0 && counter > 0n) throw new AgePayloadError('The final chunk is empty');
  yield last;
}

export interface OpenedAgeFile {
  /** The decrypted payload, chunk by chunk, read from the file as it is consumed. */
  payload: AsyncGenerator<Buffer>;
}

function readAt(file: string, n: number, position: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, fs.readSync(fd, buf, 0, n, position));
  } finally {
    fs.closeSync(fd);
  }
}

/** The file from `start`, opened only once read from, and closed when the reader stops early. */
async function* readFrom(file: string, start: number, highWaterMark: number): AsyncGenerator<Buffer> {
  const stream = fs.createReadStream(file, { start, highWaterMark });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

/** Where the header ends: after its `--- <MAC>` line. Null when there is none in the first 64 KiB. */
export function headerLength(prefix: Buffer): number | null {
  const at = prefix.indexOf('\n--- ', 0, 'latin1');
  if (at < 0) return null;
  const end = prefix.indexOf('\n', at + 1);
  return end < 0 ? null : end + 1;
}

/** The file key that `key` unwraps from `header`, with the header's MAC checked (the library's `decryptHeader`). */
export function unwrapHeader(header: Uint8Array, key: AgeKey): Promise<Uint8Array> {
  const d = new Decrypter();
  if ('passphrase' in key) d.addIdentity(new ScryptIdentity(key.passphrase));
  else d.addIdentity(key.identity);
  return d.decryptHeader(header);
}

/**
 * A header already unwrapped with the key, while the file was still being written (the verification's scrypt runs
 * alongside the snapshot and the encryption). Used only if the file's header is byte for byte that header.
 */
export interface UnwrappedHeader {
  header: Buffer;
  fileKey: Promise<Uint8Array>;
}

/**
 * Opens an age file: the library reads the header, finds our stanza and checks the header's MAC (`decryptHeader`,
 * which throws "no identity matched" for a wrong key and "invalid header HMAC" for a changed header); the payload is
 * then decrypted as it is read.
 */
export async function openAgeFile(file: string, key: AgeKey, readChunk = 256 * 1024, known?: UnwrappedHeader): Promise<OpenedAgeFile> {
  const prefix = readAt(file, MAX_HEADER, 0);
  const length = headerLength(prefix);
  if (length === null) throw new Error('not an age file: no header end');
  const header = prefix.subarray(0, length);
  const fileKey = known && known.header.equals(header) ? Buffer.from(await known.fileKey) : await unwrapHeader(header, key);
  const nonce = prefix.subarray(length, length + NONCE);
  if (nonce.length !== NONCE) throw new AgePayloadError('The file ends after its header');
  const k = payloadKey(fileKey, nonce);
  fileKey.fill(0);
  return { payload: openPayload(k, readFrom(file, length + NONCE, readChunk)) };
}
