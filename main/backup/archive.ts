import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import * as tar from 'tar-stream';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, manifestSchema, type BackupManifest } from '../../contract/backup-types';
import { AppFailure } from '../errors';
import { AgePayloadError, openAgeFile, sealPayload, startAgeFile, type AgeKey, type AgeTarget, type UnwrappedHeader } from './age-stream';
import { yieldToEventLoop, type WorkControl } from './progress';

/**
 * The `*.plhr.age` file: an age envelope around a plain tar holding, in this order,
 * - `manifest.json` (first, so it is read before anything large),
 * - `snapshot.key`: the hex key of the snapshot (a fresh random key, never the live one),
 * - `reciprocal.db`: the SQLCipher snapshot,
 * - `README.txt`: how to open it with the `age` and `sqlcipher` tools.
 * Everything is streamed: the database goes file → tar → age → file in 64 KiB chunks, never whole in memory. The age
 * envelope is made by `age-stream.ts` (the library's header, Node's native ChaCha20-Poly1305 for the payload).
 */
export const ENTRY = { manifest: 'manifest.json', key: 'snapshot.key', snapshot: 'reciprocal.db', readme: 'README.txt' } as const;
const AGE_MAGIC = 'age-encryption.org/v1\n';
const MAX_SMALL_ENTRY = 64 * 1024;

export type { AgeTarget };

const README = `This is a Reciprocal backup (Pan London Housing Reciprocal).
To open it without the app:
  1. age -d -o backup.tar FILE.plhr.age        (asks for the backup passphrase; or: age -d -i key.txt ...)
  2. tar xf backup.tar
  3. sqlcipher reciprocal.db
     PRAGMA key = "x'<the 64 hex characters in snapshot.key>'";
     SELECT count(*) FROM cases;
The snapshot key opens only this copy. Keep these files as safe as the app itself: they hold survivors' details.
`;

type AgeStart = Awaited<ReturnType<typeof startAgeFile>>;

/**
 * Starts the age file for `target`. A passphrase's scrypt (a second or more, 256 MiB) runs on libuv's thread pool, so
 * a caller can start it first and take the snapshot (synchronous SQLite work on this thread) while it runs.
 */
export function beginAgeFile(target: AgeTarget): Promise<AgeStart> {
  if ('recipients' in target && target.recipients.length === 0)
    return Promise.reject(new AppFailure('VALIDATION', 'Choose at least one person to make the share for. Nothing was written.'));
  const started = startAgeFile(target);
  // Awaited later; a failure meanwhile (the snapshot failed first) must not be an unhandled rejection.
  started.catch(() => undefined);
  return started;
}

/**
 * Writes the archive to `dest`, a new file (`make-backup.ts` passes a `*.partial` name and renames it only once the
 * file has verified), flushed to disk, and returns the age file's SHA-256. A failure removes what was written.
 */
export async function writeArchive(
  input: {
    manifest: BackupManifest;
    snapshotFile: string;
    snapshotKey: Buffer;
    dest: string;
    target: AgeTarget;
    /** The age header, begun earlier with `beginAgeFile` so that its scrypt ran while the snapshot was taken. */
    age?: Promise<AgeStart>;
  },
  control: WorkControl = {},
): Promise<{ size: number; sha256: string }> {
  const { manifest, snapshotFile, snapshotKey, dest, target } = input;
  const age = await (input.age ?? beginAgeFile(target));
  const size = fs.statSync(snapshotFile).size;
  const pack = tar.pack();
  const mtime = new Date(manifest.createdAt);
  const addSmall = (name: string, body: string) =>
    new Promise<void>((resolve, reject) => pack.entry({ name, mtime, mode: 0o600 }, body, (err) => (err ? reject(err) : resolve())));
  // The entries are fed while age reads the other end, so a failure in either stops both.
  const feeding = (async () => {
    await addSmall(ENTRY.manifest, JSON.stringify(manifest, null, 2));
    await addSmall(ENTRY.key, `${snapshotKey.toString('hex')}\n`);
    const entry = pack.entry({ name: ENTRY.snapshot, size, mtime, mode: 0o600 });
    let done = 0;
    for await (const chunk of fs.createReadStream(snapshotFile, { highWaterMark: 256 * 1024 })) {
      control.signal?.throwIfAborted();
      if (!entry.write(chunk)) await once(entry, 'drain');
      done += (chunk as Buffer).length;
      control.onProgress?.(done, size, 'Encrypting the backup');
    }
    (entry as unknown as { end(): void }).end();
    await once(entry, 'finish');
    await addSmall(ENTRY.readme, README);
    pack.finalize();
  })();
  feeding.catch((err: unknown) => pack.destroy(err as Error));

  const out = fs.createWriteStream(dest, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let written = 0;
  try {
    const chunks = (async function* () {
      yield age.prefix;
      yield* sealPayload(age.key, pack as unknown as AsyncIterable<Buffer>);
    })();
    for await (const chunk of chunks) {
      hash.update(chunk);
      written += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    await feeding;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const fd = fs.openSync(dest, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch (err) {
    out.destroy();
    fs.rmSync(dest, { force: true });
    throw err;
  } finally {
    age.key.fill(0);
  }
  return { size: written, sha256: hash.digest('hex') };
}

export type AgeIdentity = AgeKey;

export interface OpenedArchive {
  manifest: BackupManifest;
  snapshotKey: Buffer;
  snapshotFile: string;
}

const notAnExport = () => new AppFailure('VALIDATION', 'That file is not a Reciprocal backup or share. Nothing was changed.');
const damaged = () =>
  new AppFailure(
    'VALIDATION',
    'The backup file is damaged or incomplete: it was cut short or changed after it was made. Nothing was changed. Try another copy of the backup.',
  );

export const tooNew = (appVersion: string) =>
  new AppFailure(
    'DATABASE_TOO_NEW',
    `This backup was made by a newer version of Reciprocal (${appVersion.slice(0, 20)}). Install that version or newer to restore it. Nothing was changed.`,
  );

function readPrefix(file: string, n: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function isScryptFile(file: string): boolean {
  return readPrefix(file, 4096).toString('latin1').includes('\n-> scrypt ');
}

/**
 * Decrypts and unpacks into `workDir` (inside the private data folder): the snapshot is written there still encrypted
 * with its own key, and hashed as it is written. Refusals say what is wrong in plain words.
 */
export function openArchive(
  file: string,
  key: AgeIdentity,
  workDir: string,
  control: WorkControl = {},
  /** For the verification right after writing: the header as written, already unwrapped with `key`. */
  known?: UnwrappedHeader,
): Promise<OpenedArchive> {
  return unpack(file, key, workDir, control, known);
}

/**
 * The read-back after writing a backup: everything `openArchive` checks (the age envelope, each chunk, the entries,
 * the manifest, the snapshot's SHA-256 against it), without writing the snapshot out again. At 50,000 cases that copy
 * was most of a gigabyte written and read once more; the caller checks the snapshot it has just made instead, which
 * the matching hash proves is the same bytes.
 */
export async function readBackArchive(
  file: string,
  key: AgeIdentity,
  control: WorkControl = {},
  known?: UnwrappedHeader,
): Promise<Omit<OpenedArchive, 'snapshotFile'>> {
  const { manifest, snapshotKey } = await unpack(file, key, null, control, known);
  return { manifest, snapshotKey };
}

async function unpack(file: string, key: AgeIdentity, workDir: string | null, control: WorkControl, known?: UnwrappedHeader): Promise<OpenedArchive> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppFailure('NOT_FOUND', 'The backup file could not be found or read. Nothing was changed.');
  }
  if (!stat.isFile() || readPrefix(file, AGE_MAGIC.length).toString('latin1') !== AGE_MAGIC) throw notAnExport();
  const scrypt = isScryptFile(file);
  if ('passphrase' in key && !scrypt) {
    throw new AppFailure(
      'WRONG_PASSPHRASE',
      'This file was made for colleagues’ keys, not with a passphrase. Open it as a share instead. Nothing was changed.',
    );
  }
  if ('identity' in key && scrypt) {
    throw new AppFailure('WRONG_PASSPHRASE', 'This file is protected by a passphrase. Enter the backup passphrase to open it. Nothing was changed.');
  }
  let plain: AsyncIterable<Buffer>;
  try {
    plain = (await openAgeFile(file, key, undefined, known)).payload;
  } catch (err) {
    if (err instanceof AgePayloadError) throw damaged();
    const message = err instanceof Error ? err.message : '';
    if (message.includes('no identity matched')) {
      throw new AppFailure(
        'WRONG_PASSPHRASE',
        'passphrase' in key
          ? 'That passphrase does not open this backup. Check it and try again. Nothing was changed.'
          : 'This share was not made for your key, so it cannot be opened here. Nothing was changed.',
      );
    }
    if (message.includes('HMAC')) throw damaged();
    throw notAnExport();
  }

  const extract = tar.extract();
  const small: Record<string, string> = {};
  const snapshotFile = workDir === null ? '' : path.join(workDir, ENTRY.snapshot);
  let snapshotHash: string | null = null;
  // Which side failed matters: age authenticates every 64 KiB chunk and marks the last, so a decryption error means a
  // cut or changed file; a file that decrypts but is no tar of ours is not an export.
  let decryptFailed = false;
  const feeding = (async () => {
    let done = 0;
    for await (const chunk of plain) {
      control.signal?.throwIfAborted();
      done += chunk.length;
      control.onProgress?.(done, stat.size, 'Decrypting the backup');
      if (!extract.write(chunk)) await once(extract, 'drain');
    }
    (extract as unknown as { end(): void }).end();
  })();
  feeding.catch((err: unknown) => {
    if (!(err instanceof AppFailure) && !control.signal?.aborted) decryptFailed = true;
    extract.destroy(err as Error);
  });

  try {
    const known: string[] = Object.values(ENTRY);
    const seen = new Set<string>();
    for await (const entry of extract) {
      const name = entry.header.name;
      // Only our four entries, each once and each a plain file: anything else (a path outside, a link, a second
      // manifest that could contradict the first) means the archive was not made by this app.
      if (!known.includes(name) || seen.has(name) || entry.header.type !== 'file') throw notAnExport();
      seen.add(name);
      if (name === ENTRY.snapshot) {
        if (small[ENTRY.manifest] === undefined) throw notAnExport();
        const out = workDir === null ? null : fs.createWriteStream(snapshotFile, { flags: 'wx', mode: 0o600 });
        const hash = createHash('sha256');
        for await (const chunk of entry) {
          hash.update(chunk as Buffer);
          if (out && !out.write(chunk)) await once(out, 'drain');
        }
        if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
        snapshotHash = hash.digest('hex');
      } else {
        const parts: Buffer[] = [];
        let n = 0;
        for await (const chunk of entry) {
          n += (chunk as Buffer).length;
          if (n > MAX_SMALL_ENTRY) throw notAnExport();
          parts.push(chunk as Buffer);
        }
        small[name] = Buffer.concat(parts).toString('utf8');
      }
      await yieldToEventLoop();
    }
    await feeding;
  } catch (err) {
    if (err instanceof AppFailure) throw err;
    await feeding.catch(() => undefined);
    if (control.signal?.aborted) throw err;
    throw decryptFailed ? damaged() : notAnExport();
  }

  let manifest: BackupManifest;
  try {
    const raw = small[ENTRY.manifest];
    if (raw === undefined) throw notAnExport();
    const json = JSON.parse(raw) as { format?: unknown; formatVersion?: unknown; appVersion?: unknown };
    if (json.format !== BACKUP_FORMAT) throw notAnExport();
    if (typeof json.formatVersion === 'number' && json.formatVersion > BACKUP_FORMAT_VERSION) throw tooNew(String(json.appVersion));
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) throw notAnExport();
    manifest = parsed.data;
  } catch (err) {
    if (err instanceof AppFailure) throw err;
    throw notAnExport();
  }
  if (manifest.format !== BACKUP_FORMAT) throw notAnExport();
  const keyHex = (small[ENTRY.key] ?? '').trim();
  if (!/^[0-9a-f]{64}$/.test(keyHex) || snapshotHash === null) throw notAnExport();
  if (snapshotHash !== manifest.snapshot.sha256) throw damaged();
  return { manifest, snapshotKey: Buffer.from(keyHex, 'hex'), snapshotFile };
}
