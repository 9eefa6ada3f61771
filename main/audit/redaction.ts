import type { Db } from '../db/types';
import { CASE_STATES, CLOSURE_REASONS } from '../../contract/cases';
import { ERASED } from '../../contract/rights';
import { entryHash, REDACTION_ACTION, type AuditRow, type FieldChange } from './audit';

/*
 * Erasing the personal details a case's audit entries carry (their before and after values, and the reason typed
 * with a change), without breaking the hash chain or making it blind. See migration 011-rights for the rule the
 * database enforces, and verifyAuditChain for the check: a redacted entry keeps the hash it was written with (the
 * next entry links to it) and is held, from now on, to the hash of its redacted content, which the declaring
 * `audit.redacted` entry records in the chain.
 */

/** What a redacted value becomes. */
export const AUDIT_ERASED = ERASED;

export interface Redaction {
  auditId: number;
  originalHash: string;
  redactedHash: string;
}

/** Values that can carry no identity: numbers, yes/no, nothing, and the names of case states and closure reasons. */
const KEPT_WORDS: ReadonlySet<string> = new Set<string>([...CASE_STATES, ...CLOSURE_REASONS]);
function keeps(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && KEPT_WORDS.has(value));
}

function redactChanges(changes: FieldChange[]): FieldChange[] {
  return changes.map((c) => ({
    field: c.field,
    before: keeps(c.before) ? c.before : AUDIT_ERASED,
    after: keeps(c.after) ? c.after : AUDIT_ERASED,
  }));
}

/** A stored entry, read with all its columns. */
type EntryRow = Required<AuditRow>;

/**
 * Redacts every audit entry about the case (its own and those of its offers, drafts and moves) that holds a value
 * or a reason which could identify someone. Entries already redacted, and the declarations themselves (they hold only
 * hashes), are left alone. Call inside the anonymisation's transaction; the caller writes the declaring entry.
 */
export function redactAuditEntries(db: Db, caseId: number, now: Date): Redaction[] {
  const rows = db
    .prepare(
      `SELECT a.* FROM audit_log a
       WHERE (a.case_id = $id OR (a.entity_type = 'case' AND a.entity_id = $text))
         AND a.action <> $declaration
         AND NOT EXISTS (SELECT 1 FROM audit_redactions r WHERE r.audit_id = a.id)
       ORDER BY a.id`,
    )
    .all<EntryRow>({ id: caseId, text: String(caseId), declaration: REDACTION_ACTION });
  return redactRows(db, rows, now, redactChanges);
}

/**
 * An enquiry's audit entries keep its date, agency and reason (categories the year-end counts, no identity) and lose
 * the notes, the one field where what was said is written down.
 */
export function redactEnquiryAuditEntries(db: Db, enquiryId: number, now: Date): Redaction[] {
  const rows = db
    .prepare(
      `SELECT a.* FROM audit_log a
       WHERE a.entity_type = 'enquiry' AND a.entity_id = $text
         AND NOT EXISTS (SELECT 1 FROM audit_redactions r WHERE r.audit_id = a.id)
       ORDER BY a.id`,
    )
    .all<EntryRow>({ text: String(enquiryId) });
  const notesOnly = (changes: FieldChange[]) =>
    changes.map((c) =>
      c.field !== 'notes' ? c : { field: c.field, before: keeps(c.before) ? c.before : AUDIT_ERASED, after: keeps(c.after) ? c.after : AUDIT_ERASED },
    );
  return redactRows(db, rows, now, notesOnly);
}

function redactRows(db: Db, rows: readonly EntryRow[], now: Date, redact: (changes: FieldChange[]) => FieldChange[]): Redaction[] {
  const record = db.prepare('INSERT INTO audit_redactions (audit_id, original_hash, redacted_hash, redacted_at) VALUES (?, ?, ?, ?)');
  const rewrite = db.prepare('UPDATE audit_log SET changes = $changes, reason = $reason WHERE id = $id');
  const out: Redaction[] = [];
  for (const row of rows) {
    const changes = JSON.stringify(redact(JSON.parse(row.changes) as FieldChange[]));
    const reason = row.reason === null || row.reason === '' ? row.reason : AUDIT_ERASED;
    if (changes === row.changes && reason === row.reason) continue;
    const redactedHash = entryHash(row.prev_hash, { ...row, changes, reason });
    record.run([row.id, row.hash, redactedHash, now.toISOString()]);
    rewrite.run({ changes, reason, id: row.id });
    out.push({ auditId: row.id, originalHash: row.hash, redactedHash });
  }
  return out;
}
