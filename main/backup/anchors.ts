import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { BACKUP_EXTENSION, manifestSchema, type BackupManifest } from '../../contract/backup-types';
import { formatUkDate } from '../../contract/dates';
import type { Db } from '../db/types';
import { defineJob } from '../jobs/job-kind';
import { readSetting } from '../settings/settings-repo';
import { z } from 'zod';
import { openAgeFile } from './age-stream';
import type { AgeIdentity } from './archive';
import { readIdentity } from './identity';
import { anchors, type BackupAnchor } from './records-repo';

/*
 * Audit anchoring (issue 12). Every backup carries the audit chain's head (its last id and hash) in its manifest.
 * The chain verifies on its own after its newest entries were deleted, or after it was rewritten and re-hashed from
 * some point on; a head sealed inside a backup file cannot be made to agree with either. The files are the source of
 * truth: `backup_records` keeps a copy of each head, but someone who can edit the live log can edit that table too,
 * so each check reads the manifests of the backups it can see (the recorded files, and every *.plhr.age in the backup
 * folder), decrypting only the first chunk of each, and reports a record whose file is missing or disagrees.
 */

export interface AnchorProblem {
  problem: string;
  /** The backup the live chain contradicts. */
  backup: string;
  firstBadId: number;
}

export interface AnchorReport {
  problem: AnchorProblem | null;
  /** What was not compared, and why: in words, for the coordinator (a missing file, a backup from before a restore). */
  notes: string[];
  /** How many backup files' heads were compared. */
  compared: number;
  cache: HeadCacheEntry[];
}

/** Heads already read from files, keyed by the file's path and a digest of its first bytes (header and first chunk). */
export interface HeadCacheEntry {
  file: string;
  digest: string;
  head: { id: number; hash: string };
  createdAt: string;
}

/** age's header plus the first 64 KiB payload chunk, which holds the whole manifest: what the head cache is keyed on. */
const PREFIX_BYTES = 128 * 1024;

function prefixDigest(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(PREFIX_BYTES);
    const n = fs.readSync(fd, buf, 0, PREFIX_BYTES, 0);
    return createHash('sha256')
      .update(buf.subarray(0, n))
      .update(String(fs.fstatSync(fd).size))
      .digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a tar header's octal size field. */
const octal = (field: Buffer) => parseInt(field.toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);

/**
 * The manifest of a backup or share, decrypting only as much as it takes: the manifest is the archive's first entry,
 * inside age's first 64 KiB chunk. Null when the key does not open it or it is not an export.
 */
export async function readManifest(file: string, key: AgeIdentity): Promise<BackupManifest | null> {
  let payload: AsyncGenerator<Buffer> | null = null;
  try {
    payload = (await openAgeFile(file, key, 64 * 1024)).payload;
    let have = Buffer.alloc(0);
    for (;;) {
      if (have.length >= 512) {
        const name = have.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
        const size = octal(have.subarray(124, 136));
        if (name !== 'manifest.json' || size > 64 * 1024) return null;
        if (have.length >= 512 + size) {
          const parsed = manifestSchema.safeParse(JSON.parse(have.subarray(512, 512 + size).toString('utf8')));
          return parsed.success ? parsed.data : null;
        }
      }
      const next = await payload.next();
      if (next.done) return null;
      have = Buffer.concat([have, next.value]);
      if (have.length > 2 * PREFIX_BYTES) return null;
    }
  } catch {
    return null;
  } finally {
    // Stops reading: closes the file after only the first chunks were decrypted.
    await payload?.return(undefined);
  }
}

interface Candidate {
  file: string;
  record: BackupAnchor | null;
}

interface Restore {
  id: number;
  at: string;
}

const when = (iso: string) => formatUkDate(iso.slice(0, 10));

/**
 * Compares the live chain with the head in every backup file it can open. Keys: the backup passphrase and the
 * coordinator's own key (for shares made for them), both read from the store.
 */
export async function checkAnchors(db: Db, cache: HeadCacheEntry[] = [], folder: string | null = backupFolder(db)): Promise<AnchorReport> {
  const notes: string[] = [];
  const keys: AgeIdentity[] = [];
  const passphrase = readSetting(db, 'backups.passphrase', z.string().nullable(), null);
  if (passphrase) keys.push({ passphrase });
  const identity = readIdentity(db);
  if (identity) keys.push({ identity: identity.secret });

  const candidates = new Map<string, Candidate>();
  for (const r of anchors(db)) candidates.set(path.resolve(r.filePath), { file: path.resolve(r.filePath), record: r });
  if (folder && fs.existsSync(folder)) {
    for (const name of fs.readdirSync(folder)) {
      const file = path.resolve(folder, name);
      if (name.endsWith(BACKUP_EXTENSION) && !candidates.has(file)) candidates.set(file, { file, record: null });
    }
  }
  const restores = db.prepare("SELECT id, at FROM audit_log WHERE action = 'backup.restored' ORDER BY id").all() as unknown as Restore[];
  const hashOf = db.prepare('SELECT hash FROM audit_log WHERE id = ?', { pluck: true });
  const last = Number(db.prepare('SELECT coalesce(max(id), 0) FROM audit_log', { pluck: true }).get());
  const byKey = new Map(cache.map((c) => [`${c.file}\n${c.digest}`, c]));
  const nextCache: HeadCacheEntry[] = [];
  let compared = 0;

  // Oldest heads first, so that the problem reported is the earliest backup the live log contradicts.
  const heads: { file: string; name: string; record: BackupAnchor | null; head: { id: number; hash: string }; createdAt: string }[] = [];
  for (const c of candidates.values()) {
    const name = path.basename(c.file);
    if (!fs.existsSync(c.file)) {
      if (c.record) notes.push(`The backup ${name} of ${when(c.record.createdAt)} is recorded but its file is no longer there, so it could not be compared.`);
      continue;
    }
    let entry: HeadCacheEntry | undefined;
    let digest: string;
    try {
      digest = prefixDigest(c.file);
    } catch {
      notes.push(`The backup ${name} could not be read, so it was not compared.`);
      continue;
    }
    entry = byKey.get(`${c.file}\n${digest}`);
    if (!entry) {
      let manifest: BackupManifest | null = null;
      for (const key of keys) {
        manifest = await readManifest(c.file, key);
        if (manifest) break;
      }
      if (!manifest) {
        // Someone else's backup, or one made with an earlier passphrase: it proves nothing about this log either way.
        if (c.record) notes.push(`The backup ${name} of ${when(c.record.createdAt)} could not be opened with the current backup passphrase or your key.`);
        continue;
      }
      entry = { file: c.file, digest, head: manifest.auditHead, createdAt: manifest.createdAt };
    }
    nextCache.push(entry);
    if (c.record && (c.record.headId !== entry.head.id || c.record.headHash !== entry.head.hash)) {
      return {
        problem: {
          backup: name,
          firstBadId: Math.min(c.record.headId, entry.head.id),
          problem: `The record of the backup ${name} of ${when(entry.createdAt)} no longer matches the file: the file holds audit entry ${entry.head.id}, the record says ${c.record.headId}. The app’s records were changed after that backup was taken.`,
        },
        notes,
        compared,
        cache: nextCache,
      };
    }
    heads.push({ file: c.file, name, record: c.record, head: entry.head, createdAt: entry.createdAt });
  }

  heads.sort((a, b) => a.head.id - b.head.id || a.createdAt.localeCompare(b.createdAt));
  for (const h of heads) {
    if (h.head.id === 0) continue;
    const live = hashOf.get([h.head.id]) as string | undefined;
    if (live === h.head.hash) {
      compared++;
      continue;
    }
    // A restore replaces the history after the backup it restored: backups made before it, further along the old
    // history, contradict the live log by design. They are named, so that a forged restore entry is seen.
    const replacedBy = restores.find((r) => r.id <= h.head.id && r.at > h.createdAt);
    if (replacedBy) {
      notes.push(`The backup ${h.name} of ${when(h.createdAt)} holds history that the restore of ${when(replacedBy.at)} replaced, so it was not compared.`);
      continue;
    }
    const problem =
      live === undefined
        ? `The audit log is shorter than the backup ${h.name} of ${when(h.createdAt)} says it was: that backup holds entry ${h.head.id}, but the log now ${last ? `ends at entry ${last}` : 'is empty'}. Entries were removed after the backup was taken.`
        : `Entry ${h.head.id} of the audit log is not the one sealed in the backup ${h.name} of ${when(h.createdAt)}: the history was rewritten after that backup was taken.`;
    return { problem: { backup: h.name, firstBadId: h.head.id, problem }, notes, compared, cache: nextCache };
  }
  return { problem: null, notes, compared, cache: nextCache };
}

function backupFolder(db: Db): string | null {
  return readSetting(db, 'backups.schedule', z.object({ folder: z.string().nullable() }).loose(), { folder: null }).folder;
}

/** Heads read in earlier checks in this process; keyed by file and content digest, so a changed file is read again. */
let headCache: HeadCacheEntry[] = [];

/** Runs the comparison on the job runner, reusing and then refreshing the cache of heads already read. */
export async function compareWithBackups(jobs: {
  run(kind: 'backup.anchors', input: { cache: HeadCacheEntry[] }): Promise<AnchorReport>;
}): Promise<AnchorReport> {
  const report = await jobs.run('backup.anchors', { cache: headCache });
  headCache = report.cache;
  return report;
}

/**
 * The comparison as a job: reading manifests means age's scrypt for each passphrase-protected file, a second or so
 * each, which must not hold up main. Reads only (the store and the files): stopping it at once is safe.
 */
export const anchorsJob = defineJob({
  label: 'Comparing the audit log with the backups',
  cancel: 'terminate',
  run: (ctx, input: { cache: HeadCacheEntry[] }): Promise<AnchorReport> => checkAnchors(ctx.db, input.cache),
});
