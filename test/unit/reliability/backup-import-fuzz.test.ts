import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import * as tar from 'tar-stream';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest, BackupRecordView } from '../../../contract/backup-types';
import { openArchive } from '../../../main/backup/archive';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { BACKUP_PASS, configureBackups, ok, seedCases, tempDir } from '../backup/helpers';
import { changedTables, fingerprint } from './db-fingerprint';

/*
 * The backup importer (restore.open, issue 15), fed hostile files through the real channel, as a coordinator would
 * choose them: truncated and bit-flipped backups, random bytes with and without age's header, a share for someone
 * else's key, and archives crafted inside a valid age envelope (path traversal, huge entries, no manifest, a manifest
 * that lies). Every answer must be a typed refusal with a message, main must never crash, nothing may be written
 * outside the restore's own private folder, and the current database must be unchanged (hashed before and after).
 * RECIPROCAL_FUZZ_RUNS scales the runs; each costs a job worker and an age decryption, so the default is small.
 */

const RUNS = Math.max(4, Math.round(Number(process.env['RECIPROCAL_FUZZ_RUNS'] ?? 25) / 4));
/** Codes a refused import may carry: what the file is wrong about. INTERNAL (a crash) is never among them. */
const REFUSAL_CODES = ['VALIDATION', 'WRONG_PASSPHRASE', 'DATABASE_TOO_NEW', 'NOT_FOUND'];

interface Entry {
  name: string;
  body?: Buffer;
  /** A declared size different from the body: a lying tar header. */
  size?: number;
  type?: 'file' | 'symlink' | 'directory';
  linkname?: string;
}

function packed(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const parts: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    parts.push(c as Buffer);
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('end', () => resolve(Buffer.concat(parts)));
    pack.on('error', reject);
  });
  for (const e of entries) {
    const header = { name: e.name, type: e.type ?? 'file', mode: 0o600, ...(e.linkname ? { linkname: e.linkname } : {}) };
    if (e.type === 'file' || !e.type) pack.entry(header, e.body ?? Buffer.alloc(0));
    else pack.entry(header);
  }
  pack.finalize();
  return done;
}

/**
 * A tar of `entries`. An entry with `size` gets a header that declares that size while only its body follows, and the
 * archive ends there: written by patching the header, since the packer refuses to lie.
 */
async function tarOf(entries: Entry[]): Promise<Buffer> {
  const liar = entries.findIndex((e) => e.size !== undefined);
  if (liar < 0) return packed(entries);
  const bytes = await packed(entries.slice(0, liar + 1));
  let offset = 0;
  for (const e of entries.slice(0, liar)) offset += 512 + Math.ceil((e.body?.length ?? 0) / 512) * 512;
  const header = bytes.subarray(offset, offset + 512);
  header.write(`${entries[liar]!.size!.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return bytes.subarray(0, offset + 512 + (entries[liar]!.body?.length ?? 0));
}

async function sealed(plain: Buffer, how: { passphrase: string } | { recipient: string }): Promise<Buffer> {
  const e = new Encrypter();
  // A low work factor keeps the runs quick; the importer reads whatever factor the file names (age caps it at 2^20).
  if ('passphrase' in how) {
    e.setScryptWorkFactor(10);
    e.setPassphrase(how.passphrase);
  } else e.addRecipient(how.recipient);
  return Buffer.from(await e.encrypt(plain));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the backup importer survives hostile files', () => {
  let t: TestCore;
  let folder: string;
  let work: string;
  let backup: Buffer;
  let manifest: BackupManifest;
  let snapshot: Buffer;
  let snapshotKeyHex: string;
  let before: Record<string, string>;
  let n = 0;

  beforeAll(async () => {
    t = createTestCore();
    await setUp(t);
    await seedCases(t);
    folder = tempDir('reciprocal-fuzz-backups-');
    work = tempDir('reciprocal-fuzz-files-');
    await configureBackups(t, folder);
    const record = await ok<BackupRecordView>(t, 'backups.runNow');
    backup = fs.readFileSync(record.filePath);
    const dir = tempDir('reciprocal-fuzz-open-');
    const opened = await openArchive(record.filePath, { passphrase: BACKUP_PASS }, dir);
    manifest = opened.manifest;
    snapshot = fs.readFileSync(opened.snapshotFile);
    snapshotKeyHex = opened.snapshotKey.toString('hex');
    fs.rmSync(dir, { recursive: true, force: true });
    before = fingerprint(t.core.services.db());
  }, 300_000);

  afterAll(() => {
    t.cleanup();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Chooses `bytes` as the backup and opens it (null: with the coordinator's own key); checks what a refusal must satisfy. */
  async function refusedImport(bytes: Buffer, passphrase: string | null = BACKUP_PASS, label = 'a hostile file'): Promise<string> {
    const file = path.join(work, `candidate-${n++}.plhr.age`);
    fs.writeFileSync(file, bytes);
    t.dialogs.open.push(file);
    const chosen = await ok<{ token: string }>(t, 'restore.choose');
    const res = await t.call('restore.open', passphrase === null ? { token: chosen.token } : { token: chosen.token, passphrase });
    // Forgotten at once if it was (wrongly) accepted, so that one failure does not leave its folder to the next check.
    if (res.ok) await ok(t, 'restore.cancel', { token: chosen.token });
    expect(res.ok, `${label} must be refused`).toBe(false);
    expect(REFUSAL_CODES).toContain(res.error!.code);
    expect(res.error!.message).toMatch(/Nothing was changed\.|Enter the backup passphrase/);
    // The session is still open on the same, unchanged data, and the restore left nothing behind.
    expect((await ok<{ state: string }>(t, 'session.status')).state).toBe('unlocked');
    expect(changedTables(before, fingerprint(t.core.services.db()))).toEqual([]);
    expect(fs.readdirSync(t.dataDir).filter((f) => f.startsWith('.restore') || f.startsWith('safety-copy'))).toEqual([]);
    await ok(t, 'restore.cancel', { token: chosen.token });
    fs.rmSync(file);
    return res.error!.code;
  }

  const archive = (entries: Entry[]) => tarOf(entries).then((plain) => sealed(plain, { passphrase: BACKUP_PASS }));
  const manifestEntry = (m: unknown): Entry => ({ name: 'manifest.json', body: Buffer.from(JSON.stringify(m)) });
  const keyEntry: () => Entry = () => ({ name: 'snapshot.key', body: Buffer.from(`${snapshotKeyHex}\n`) });

  it('a real backup, truncated or with bytes flipped anywhere, is refused as damaged', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ cut: fc.integer({ min: 0, max: backup.length - 1 }) }),
          fc.record({
            flips: fc.array(fc.tuple(fc.integer({ min: 0, max: backup.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
          }),
        ),
        async (damage) => {
          const bytes = Buffer.from(backup);
          if ('cut' in damage) await refusedImport(bytes.subarray(0, damage.cut));
          else {
            for (const [at, xor] of damage.flips) bytes[at]! ^= xor;
            await refusedImport(bytes);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('random bytes, with or without the age header, are refused as not an export', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, withHeader) => {
        const body = Buffer.from(bytes);
        await refusedImport(withHeader ? Buffer.concat([Buffer.from('age-encryption.org/v1\n'), body]) : body);
      }),
      { numRuns: RUNS },
    );
  });

  it('a share for another person’s key, or the wrong passphrase, is refused with nothing changed', { timeout: 300_000 }, async () => {
    // The coordinator has a key of their own, but the share was made for a stranger's.
    await ok(t, 'backups.identity');
    before = fingerprint(t.core.services.db());
    const stranger = await identityToRecipient(await generateX25519Identity());
    const plain = await tarOf([manifestEntry(manifest), keyEntry(), { name: 'reciprocal.db', body: snapshot }]);
    expect(await refusedImport(await sealed(plain, { recipient: stranger }), null)).toBe('WRONG_PASSPHRASE');
    // A passphrase file opened as a share, a share opened with a passphrase, and a wrong passphrase.
    expect(await refusedImport(backup, null)).toBe('WRONG_PASSPHRASE');
    expect(await refusedImport(await sealed(plain, { recipient: stranger }))).toBe('WRONG_PASSPHRASE');
    expect(await refusedImport(backup, 'not the backup passphrase at all')).toBe('WRONG_PASSPHRASE');
  });

  it('crafted archives inside a valid envelope are refused, and nothing is written outside the restore folder', { timeout: 600_000 }, async () => {
    const outside = path.join(path.dirname(t.dataDir), `reciprocal-fuzz-escape-${process.pid}`);
    const lying = (patch: Partial<BackupManifest>) => ({ ...manifest, ...patch });
    const snapEntry: Entry = { name: 'reciprocal.db', body: snapshot };
    const crafted: [string, Entry[]][] = [
      ['no manifest', [keyEntry(), snapEntry]],
      ['the snapshot before the manifest', [snapEntry, manifestEntry(manifest), keyEntry()]],
      ['no key', [manifestEntry(manifest), snapEntry]],
      ['no snapshot', [manifestEntry(manifest), keyEntry()]],
      ['a manifest that is not JSON', [{ name: 'manifest.json', body: Buffer.from('{"format":') }, keyEntry(), snapEntry]],
      ['a manifest of another format', [manifestEntry({ ...manifest, format: 'something-else' }), keyEntry(), snapEntry]],
      ['a huge manifest', [{ name: 'manifest.json', body: Buffer.alloc(200 * 1024, 0x20) }, keyEntry(), snapEntry]],
      ['a manifest lying about the hash', [manifestEntry(lying({ snapshot: { ...manifest.snapshot, sha256: sha(Buffer.from('x')) } })), keyEntry(), snapEntry]],
      [
        'a manifest lying about the counts',
        [manifestEntry(lying({ counts: { ...manifest.counts, cases: manifest.counts.cases + 5 } })), keyEntry(), snapEntry],
      ],
      [
        'a manifest lying about the audit head',
        [manifestEntry(lying({ auditHead: { id: manifest.auditHead.id + 1, hash: 'f'.repeat(64) } })), keyEntry(), snapEntry],
      ],
      ['a manifest from a newer app', [manifestEntry(lying({ schemaVersion: 9999 })), keyEntry(), snapEntry]],
      ['a manifest of a newer format', [manifestEntry({ ...manifest, formatVersion: 99, extra: true }), keyEntry(), snapEntry]],
      [
        'a snapshot that is not a database, hash and all',
        [
          manifestEntry(lying({ snapshot: { ...manifest.snapshot, sha256: sha(Buffer.alloc(8192, 7)) } })),
          keyEntry(),
          { name: 'reciprocal.db', body: Buffer.alloc(8192, 7) },
        ],
      ],
      ['the wrong snapshot key', [manifestEntry(manifest), { name: 'snapshot.key', body: Buffer.from(`${'ab'.repeat(32)}\n`) }, snapEntry]],
      ['path traversal', [manifestEntry(manifest), keyEntry(), { name: `../../${path.basename(outside)}`, body: Buffer.from('escaped') }, snapEntry]],
      ['an absolute path', [manifestEntry(manifest), keyEntry(), { name: outside, body: Buffer.from('escaped') }, snapEntry]],
      ['a symlink as the snapshot', [manifestEntry(manifest), keyEntry(), { name: 'reciprocal.db', type: 'symlink', linkname: outside }]],
      ['a directory as the snapshot', [manifestEntry(manifest), keyEntry(), { name: 'reciprocal.db', type: 'directory' }]],
      [
        'a huge declared entry cut short',
        [manifestEntry(manifest), keyEntry(), { name: 'reciprocal.db', body: snapshot.subarray(0, 4096), size: 4 * 1024 ** 3 }],
      ],
      ['two manifests', [manifestEntry(manifest), manifestEntry(lying({ createdBy: 'Someone else' })), keyEntry(), snapEntry]],
    ];
    for (const [label, entries] of crafted) {
      const code = await refusedImport(await archive(entries), BACKUP_PASS, label);
      expect(REFUSAL_CODES, label).toContain(code);
      expect(fs.existsSync(outside), `${label}: nothing written outside`).toBe(false);
    }
    // The same archive, honestly made, is accepted: the refusals above are about what was crafted, not the envelope.
    const honest = path.join(work, 'honest.plhr.age');
    fs.writeFileSync(honest, await archive([manifestEntry(manifest), keyEntry(), snapEntry]));
    t.dialogs.open.push(honest);
    const chosen = await ok<{ token: string }>(t, 'restore.choose');
    await ok(t, 'restore.open', { token: chosen.token, passphrase: BACKUP_PASS });
    await ok(t, 'restore.cancel', { token: chosen.token });
    expect(changedTables(before, fingerprint(t.core.services.db()))).toEqual([]);
  });
});
