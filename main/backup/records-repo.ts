import path from 'node:path';
import type { BackupRecordView } from '../../contract/backup-types';
import type { Db } from '../db/types';

interface RecordRow {
  id: number;
  kind: 'backup' | 'share';
  trigger: 'schedule' | 'manual';
  file_path: string;
  created_at: string;
  size: number;
  sha256: string;
  audit_head_id: number;
  audit_head_hash: string;
  verified: number;
  problem: string | null;
  recipients: string;
  deleted_at: string | null;
}

export interface NewRecord {
  kind: 'backup' | 'share';
  trigger: 'schedule' | 'manual';
  filePath: string;
  createdAt: string;
  size: number;
  sha256: string;
  auditHead: { id: number; hash: string };
  verified: boolean;
  problem: string | null;
  recipients: string[];
}

export interface BackupAnchor {
  id: number;
  filePath: string;
  createdAt: string;
  headId: number;
  headHash: string;
}

const toView = (r: RecordRow): BackupRecordView => ({
  id: r.id,
  kind: r.kind,
  trigger: r.trigger,
  fileName: path.basename(r.file_path),
  filePath: r.file_path,
  createdAt: r.created_at,
  size: r.size,
  verified: r.verified === 1,
  problem: r.problem,
  recipients: JSON.parse(r.recipients) as string[],
});

export function insertRecord(db: Db, r: NewRecord): BackupRecordView {
  const id = db
    .prepare(
      `INSERT INTO backup_records (kind, trigger, file_path, created_at, size, sha256, audit_head_id, audit_head_hash, verified, problem, recipients)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run([
      r.kind,
      r.trigger,
      r.filePath,
      r.createdAt,
      r.size,
      r.sha256,
      r.auditHead.id,
      r.auditHead.hash,
      r.verified ? 1 : 0,
      r.problem,
      JSON.stringify(r.recipients),
    ]).lastInsertRowid;
  return toView(db.prepare('SELECT * FROM backup_records WHERE id = ?').get([id]) as unknown as RecordRow);
}

/** Files still on disk as far as the app knows, newest first. */
export function listRecords(db: Db, limit = 200): BackupRecordView[] {
  return (
    db.prepare('SELECT * FROM backup_records WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?').all([limit]) as unknown as RecordRow[]
  ).map(toView);
}

export function lastVerifiedBackup(db: Db): BackupRecordView | null {
  const row = db.prepare("SELECT * FROM backup_records WHERE kind = 'backup' AND verified = 1 ORDER BY created_at DESC, id DESC LIMIT 1").get() as unknown as
    RecordRow | undefined;
  return row ? toView(row) : null;
}

/** Verified backups, newest first: the ones retention counts. A backup that failed verification is never counted. */
export function verifiedBackups(db: Db): BackupRecordView[] {
  return (
    db
      .prepare("SELECT * FROM backup_records WHERE kind = 'backup' AND verified = 1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC")
      .all() as unknown as RecordRow[]
  ).map(toView);
}

export function markDeleted(db: Db, id: number, at: string): void {
  db.prepare('UPDATE backup_records SET deleted_at = ? WHERE id = ?').run([at, id]);
}

export function anchors(db: Db): BackupAnchor[] {
  const rows = db.prepare('SELECT * FROM backup_records WHERE deleted_at IS NULL AND verified = 1 ORDER BY audit_head_id, id').all() as unknown as RecordRow[];
  return rows.map((r) => ({ id: r.id, filePath: r.file_path, createdAt: r.created_at, headId: r.audit_head_id, headHash: r.audit_head_hash }));
}
