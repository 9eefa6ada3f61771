import type { AuditInput } from '../audit/audit';
import type { Db } from '../db/types';
import { ERASED, type AnonymiseHow } from '../../contract/rights';
import { redactAuditEntries, type Redaction } from '../audit/redaction';

/*
 * Anonymising a case: its identity is overwritten in place, the facts the scheme counts are kept.
 *
 * Erased (what could tell someone who the applicant is, or where they are):
 * - on `cases`: name, date of birth, phone, email, safe contact notes, the four address lines, the risk narrative,
 *   the MARAC reference, the unsafe boroughs, medical needs, the reasons given for the requested boroughs, consent notes;
 * - the new address on an accepted offer, and the coordinator's free text on offers (what happened, why a rule was
 *   overridden) and on eligibility overrides;
 * - the free text of every timeline entry (notes, chases, transition reasons); the entry itself, its date, kind and
 *   states stay, because reports measure time in each stage from them;
 * - the case's drafts (unsaved forms hold whatever was typed), its row in the name index (`cases_fts`);
 * - the before and after values and the reasons in the case's audit entries (audit-redaction.ts).
 *
 * Kept (no identity on their own; reports and the ledger need them): the reference, the states and dates, the home
 * landlord, boroughs, household size and ages, bedrooms and needs as categories, risk categories, the opt-in
 * equality answers (reported only with small-count suppression), offers and moves as facts, the ledger entries, the
 * circulation record (the anonymous view sent to partners, who already hold it) and the Nominating Officers, who are
 * professionals acting for their organisation, not the data subject.
 *
 * The date of birth is erased entirely (stored as 0001-01-01, the column's only possible "no date"): nothing counts
 * from it once a case is closed (the circulation view's age band is for open cases; reports use the household's
 * years of birth and the equality age band).
 */

export const NO_DATE_OF_BIRTH = '0001-01-01';

export interface AnonymisedCase {
  caseId: number;
  reference: string;
  redactions: Redaction[];
}

const TEXT_COLUMNS = [
  'applicant_phone',
  'applicant_email',
  'applicant_safe_contact',
  'address_line2',
  'address_town',
  'marac_reference',
  'medical_needs',
  'requested_boroughs_reason',
  'consent_notes',
] as const;

/** Overwrites one case's identity and free text. Call inside a change, after checking that the case may be anonymised. */
export function anonymiseCase(db: Db, caseId: number, how: AnonymiseHow, now: Date): AnonymisedCase {
  const reference = db.prepare('SELECT reference FROM cases WHERE id = ?', { pluck: true }).get([caseId]) as string;
  // Fields that must not be empty get the marker; optional ones become empty (nothing was there to see).
  db.prepare(
    `UPDATE cases SET
       applicant_name = $erased, applicant_name_key = '', applicant_dob = $noDob,
       address_line1 = $erased, address_postcode = '', risk_summary = $erased,
       ${TEXT_COLUMNS.map((c) => `${c} = ''`).join(', ')},
       anonymised_at = $at, anonymised_how = $how, updated_at = $at
     WHERE id = $id`,
  ).run({ erased: ERASED, noDob: NO_DATE_OF_BIRTH, at: now.toISOString(), how, id: caseId });
  // The index of names: the trigger re-indexed the marker; a name that is gone is not searchable at all.
  db.prepare('DELETE FROM cases_fts WHERE rowid = ?').run([caseId]);
  // Where the applicant fears to be (where the perpetrator or their family lives) says who and where they are; no
  // report counts it, and a closed case is never matched against homes again.
  db.prepare("DELETE FROM case_boroughs WHERE case_id = ? AND kind = 'unsafe'").run([caseId]);
  db.prepare("UPDATE case_events SET text = $erased WHERE case_id = $id AND text <> ''").run({ erased: ERASED, id: caseId });
  db.prepare('UPDATE case_overrides SET reason = $erased WHERE case_id = $id').run({ erased: ERASED, id: caseId });
  db.prepare(
    `UPDATE offers SET
       outcome_text = CASE WHEN outcome_text = '' THEN '' ELSE $erased END,
       override_reason = CASE WHEN override_reason IS NULL THEN NULL ELSE $erased END,
       address_line1 = CASE WHEN address_line1 IS NULL THEN NULL ELSE $erased END,
       address_line2 = CASE WHEN address_line2 IS NULL THEN NULL ELSE '' END,
       address_town = CASE WHEN address_town IS NULL THEN NULL ELSE '' END,
       address_postcode = CASE WHEN address_postcode IS NULL THEN NULL ELSE '' END
     WHERE case_id = $id`,
  ).run({ erased: ERASED, id: caseId });
  db.prepare('DELETE FROM drafts WHERE case_id = ?').run([caseId]);
  const redactions = redactAuditEntries(db, caseId, now);
  return { caseId, reference, redactions };
}

/** The audit entries an anonymisation writes: one per case (in its history), then one declaring the redactions. */
export function anonymisationEntries(cases: readonly AnonymisedCase[], how: AnonymiseHow, reason: string | null): AuditInput[] {
  const perCase: AuditInput[] = cases.map((c) => ({
    action: how === 'retention' ? 'case.anonymised' : 'case.erased',
    entityType: 'case',
    entityId: c.caseId,
    caseId: c.caseId,
    summary:
      how === 'retention'
        ? `Case ${c.reference}: personal details erased under the retention policy`
        : `Case ${c.reference}: personal details erased on the applicant's request`,
    reason,
  }));
  const redactions = cases.flatMap((c) => c.redactions);
  const declaration = redactionDeclaration(
    redactions,
    `${redactions.length} audit ${redactions.length === 1 ? 'entry' : 'entries'} of ${cases.length} ${cases.length === 1 ? 'case' : 'cases'} had their personal details erased`,
  );
  return [...perCase, declaration];
}

/** The entry that declares redactions in the chain (every redaction must be declared for the audit check to pass). */
export function redactionDeclaration(redactions: readonly Redaction[], summary: string): AuditInput {
  return {
    action: 'audit.redacted',
    entityType: 'audit',
    summary,
    // Each redacted entry with the hash it was written with and the hash of its redacted content: the audit check
    // holds the redacted entries to these (main/audit/audit.ts).
    changes: redactions.map((r) => ({ field: `entry ${r.auditId}`, before: r.originalHash, after: r.redactedHash })),
  };
}
