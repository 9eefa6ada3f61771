import type { Draft, DraftKind, DraftSummary } from '../../contract/drafts';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

// Drafts in the store. The body is the form's own state as JSON: it may hold the applicant's identity, which is why
// it lives here, in the encrypted database, and never in the renderer's storage.

interface DraftRow {
  key: string;
  kind: DraftKind;
  case_id: number | null;
  reference: string | null;
  body: string;
  updated_at: string;
}

const SELECT = `SELECT d.key, d.kind, d.case_id, c.reference, d.body, d.updated_at FROM drafts d LEFT JOIN cases c ON c.id = d.case_id`;

function summary(row: DraftRow): DraftSummary {
  return { key: row.key, kind: row.kind, caseId: row.case_id, reference: row.reference, updatedAt: row.updated_at };
}

/** `referral:new` or `case:12:edit`, already checked by the contract's pattern. */
export function parseDraftKey(key: string): { kind: DraftKind; caseId: number | null } {
  const edit = /^case:(\d+):edit$/.exec(key);
  return edit ? { kind: 'case_edit', caseId: Number(edit[1]) } : { kind: 'referral', caseId: null };
}

export function findDraft(db: Db, key: string): Draft | null {
  const row = db.prepare(`${SELECT} WHERE d.key = ?`).get([key]) as unknown as DraftRow | undefined;
  return row === undefined ? null : { ...summary(row), body: row.body };
}

export function listDrafts(db: Db): DraftSummary[] {
  return (db.prepare(`${SELECT} ORDER BY d.updated_at DESC, d.key`).all() as unknown as DraftRow[]).map(summary);
}

/** Writes the draft; returns whether it was new. */
export function writeDraft(db: Db, key: string, body: string, now: Date): boolean {
  try {
    JSON.parse(body);
  } catch {
    throw new AppFailure('VALIDATION', 'The draft could not be kept: it is not in the expected form. Nothing was changed.');
  }
  const { kind, caseId } = parseDraftKey(key);
  if (caseId !== null && db.prepare('SELECT 1 FROM cases WHERE id = ?', { pluck: true }).get([caseId]) === undefined) {
    throw new AppFailure('NOT_FOUND', 'That case is not in the app, so its edit cannot be kept as a draft. Nothing was changed.');
  }
  const at = now.toISOString();
  const existed = db.prepare('SELECT 1 FROM drafts WHERE key = ?', { pluck: true }).get([key]) !== undefined;
  db.prepare(
    `INSERT INTO drafts (key, kind, case_id, body, created_at, updated_at) VALUES ($key, $kind, $caseId, $body, $at, $at)
     ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  ).run({ key, kind, caseId, body, at });
  return !existed;
}

export function deleteDraft(db: Db, key: string): boolean {
  return db.prepare('DELETE FROM drafts WHERE key = ?').run([key]).changes > 0;
}
