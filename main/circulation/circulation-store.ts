import type { BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type {
  CirculationKind,
  CirculationRecord,
  CirculationView,
  DistributionRecipient,
  PartnerRequestReceived,
  RecirculationAudience,
} from '../../contract/circulation';
import type { Db } from '../db/types';

/*
 * Repository for the circulation record and the exports list: rows in, rows out, db first, inside the caller's
 * transaction. Both are append-only (triggers refuse updates and deletes): they are history.
 */

export type ExportKind = 'pack' | 'distribution_list' | 'share' | 'backup' | 'report' | 'full_record';

export interface NewExport {
  kind: ExportKind;
  at: string;
  actor: string;
  caseId: number | null;
  fileName: string;
  sha256: string;
  bytes: number;
  holdsIdentity: boolean;
  encrypted: boolean;
}

export function insertExport(db: Db, e: NewExport): number {
  return db
    .prepare(
      `INSERT INTO exports (kind, at, actor, case_id, file_name, sha256, bytes, holds_identity, encrypted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run([e.kind, e.at, e.actor, e.caseId, e.fileName, e.sha256, e.bytes, e.holdsIdentity ? 1 : 0, e.encrypted ? 1 : 0]).lastInsertRowid;
}

export interface NewCirculation {
  caseId: number;
  sequence: number;
  kind: CirculationKind;
  audience: RecirculationAudience;
  circulatedOn: IsoDate;
  at: string;
  actor: string;
  packSha256: string;
  passphrase: string | null;
  exportId: number;
  changes: readonly string[];
  view: CirculationView;
  boroughs: readonly BoroughCode[];
  newBoroughs: readonly BoroughCode[];
  recipients: readonly DistributionRecipient[];
}

export function insertCirculation(db: Db, c: NewCirculation): number {
  const id = db
    .prepare(
      `INSERT INTO circulations (case_id, sequence, kind, audience, circulated_on, at, actor, pack_sha256, encrypted, passphrase, export_id, changes, view_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run([
      c.caseId,
      c.sequence,
      c.kind,
      c.audience,
      c.circulatedOn,
      c.at,
      c.actor,
      c.packSha256,
      c.passphrase === null ? 0 : 1,
      c.passphrase,
      c.exportId,
      JSON.stringify(c.changes),
      JSON.stringify(c.view),
    ]).lastInsertRowid;
  const isNew = new Set(c.newBoroughs);
  const borough = db.prepare('INSERT INTO circulation_boroughs (circulation_id, borough_code, is_new) VALUES (?, ?, ?)');
  for (const code of c.boroughs) borough.run([id, code, isNew.has(code) ? 1 : 0]);
  const recipient = db.prepare(
    `INSERT INTO circulation_recipients (circulation_id, position, partner_id, partner_name, partner_boroughs, contact_id, contact_name,
       contact_role, contact_email, contact_secure_email, contact_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let position = 0;
  for (const r of c.recipients) {
    for (const contact of r.contacts) {
      recipient.run([
        id,
        position++,
        r.partnerId,
        r.partnerName,
        JSON.stringify(r.boroughs),
        contact.contactId,
        contact.name,
        contact.role,
        contact.email,
        contact.secureEmail,
        contact.phone,
      ]);
    }
  }
  return id;
}

type CirculationRow = {
  id: number;
  case_id: number;
  sequence: number;
  kind: CirculationKind;
  audience: RecirculationAudience;
  circulated_on: IsoDate;
  at: string;
  actor: string;
  pack_sha256: string;
  encrypted: number;
  changes: string;
  file_name: string;
};

const RECORD_SQL = `SELECT c.id, c.case_id, c.sequence, c.kind, c.audience, c.circulated_on, c.at, c.actor, c.pack_sha256, c.encrypted, c.changes,
    e.file_name FROM circulations c JOIN exports e ON e.id = c.export_id`;

function toRecord(db: Db, row: CirculationRow): CirculationRecord {
  const boroughs = db
    .prepare('SELECT borough_code, is_new FROM circulation_boroughs WHERE circulation_id = ? ORDER BY borough_code')
    .all<{ borough_code: BoroughCode; is_new: number }>([row.id]);
  const recipients = db
    .prepare(
      `SELECT partner_id, partner_name, partner_boroughs, contact_name, contact_role, contact_email, contact_secure_email, contact_phone
       FROM circulation_recipients WHERE circulation_id = ? ORDER BY position`,
    )
    .all<{
      partner_id: number;
      partner_name: string;
      partner_boroughs: string;
      contact_name: string;
      contact_role: string;
      contact_email: string;
      contact_secure_email: string;
      contact_phone: string;
    }>([row.id]);
  return {
    id: row.id,
    sequence: row.sequence,
    kind: row.kind,
    audience: row.audience,
    circulatedOn: row.circulated_on,
    at: row.at,
    actor: row.actor,
    boroughs: boroughs.map((b) => ({ code: b.borough_code, isNew: b.is_new === 1 })),
    changes: JSON.parse(row.changes) as string[],
    packSha256: row.pack_sha256,
    encrypted: row.encrypted === 1,
    fileName: row.file_name,
    recipients: recipients.map((r) => ({
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      boroughs: JSON.parse(r.partner_boroughs) as BoroughCode[],
      contactName: r.contact_name,
      contactRole: r.contact_role,
      email: r.contact_email,
      secureEmail: r.contact_secure_email,
      phone: r.contact_phone,
    })),
  };
}

/** Every recorded circulation of the case, newest first. */
export function listCirculations(db: Db, caseId: number): CirculationRecord[] {
  return db
    .prepare(`${RECORD_SQL} WHERE c.case_id = ? ORDER BY c.sequence DESC`)
    .all<CirculationRow>([caseId])
    .map((row) => toRecord(db, row));
}

export interface LastCirculation {
  id: number;
  sequence: number;
  circulatedOn: IsoDate;
  boroughs: BoroughCode[];
  view: CirculationView;
}

export function lastCirculation(db: Db, caseId: number): LastCirculation | null {
  const row = db
    .prepare('SELECT id, sequence, circulated_on, view_json FROM circulations WHERE case_id = ? ORDER BY sequence DESC LIMIT 1')
    .get<{ id: number; sequence: number; circulated_on: IsoDate; view_json: string }>([caseId]);
  if (!row) return null;
  const boroughs = db.prepare('SELECT borough_code FROM circulation_boroughs WHERE circulation_id = ?', { pluck: true }).all([row.id]) as BoroughCode[];
  return { id: row.id, sequence: row.sequence, circulatedOn: row.circulated_on, boroughs, view: JSON.parse(row.view_json) as CirculationView };
}

/** Partners that have received any recorded circulation of the case, with the last date they did. */
export function partnersReceived(db: Db, caseId: number): Map<number, IsoDate> {
  const rows = db
    .prepare(
      `SELECT r.partner_id AS partner_id, max(c.circulated_on) AS last_on FROM circulation_recipients r
       JOIN circulations c ON c.id = r.circulation_id WHERE c.case_id = ? GROUP BY r.partner_id`,
    )
    .all<{ partner_id: number; last_on: IsoDate }>([caseId]);
  return new Map(rows.map((r) => [r.partner_id, r.last_on]));
}

export function circulationPassphrase(db: Db, circulationId: number): { caseId: number; sequence: number; passphrase: string | null } | null {
  return (
    db
      .prepare('SELECT case_id AS caseId, sequence, passphrase FROM circulations WHERE id = ?')
      .get<{ caseId: number; sequence: number; passphrase: string | null }>([circulationId]) ?? null
  );
}

/** "Requests received" on a partner's page: each circulation that went to one of its contacts, newest first. */
export function requestsReceived(db: Db, partnerId: number): PartnerRequestReceived[] {
  const rows = db
    .prepare(
      `SELECT c.id AS circulation_id, c.case_id, k.reference, c.circulated_on, c.kind, r.partner_boroughs,
              group_concat(r.contact_name, '; ') AS contacts
       FROM circulation_recipients r JOIN circulations c ON c.id = r.circulation_id JOIN cases k ON k.id = c.case_id
       WHERE r.partner_id = ? GROUP BY c.id ORDER BY c.circulated_on DESC, c.id DESC LIMIT 500`,
    )
    .all<{
      circulation_id: number;
      case_id: number;
      reference: string;
      circulated_on: IsoDate;
      kind: CirculationKind;
      partner_boroughs: string;
      contacts: string;
    }>([partnerId]);
  return rows.map((r) => ({
    circulationId: r.circulation_id,
    caseId: r.case_id,
    reference: r.reference,
    circulatedOn: r.circulated_on,
    kind: r.kind,
    boroughs: JSON.parse(r.partner_boroughs) as BoroughCode[],
    contacts: r.contacts.split('; '),
  }));
}
