import { randomBytes } from 'node:crypto';
import { Encrypter } from 'age-encryption';
import { formatUkDate, formatUkDateTime } from '../../contract/dates';
import type { Db } from '../db/types';
import { asOfOneMoment } from '../db/one-moment';
import { defineJob } from '../jobs/job-kind';
import { listAudit } from '../audit/audit';
import { TaggedPdf, type PdfRow } from '../pdf/tagged-pdf';
import { AppFailure } from '../errors';

/*
 * The subject access export (UK GDPR article 15): everything the store holds about one applicant, the one deliberate
 * full-record export. It reads every column of the case and of every row that belongs to it (people, boroughs, risks,
 * equality answers, overrides, the timeline, drafts, circulations with their recipients and boroughs, offers, the move,
 * ledger entries, exports) and every audit entry about the case, so nothing is left out by a list that forgets a
 * column. Two files, both encrypted with one generated passphrase: a tagged, AES-256 PDF for the applicant to read,
 * and the same record as JSON (machine-readable, article 20), in an age file (`age -d`). Built in a job's worker.
 * Left out: the circulation packs' passphrases (keys to files the applicant does not hold, not data about them).
 */

type Row = Record<string, unknown>;

export interface SubjectAccessRecord {
  reference: string;
  producedOn: string;
  case: Row;
  sections: { title: string; rows: Row[] }[];
}

const all = (db: Db, sql: string, ...params: (string | number)[]): Row[] => db.prepare(sql).all(params) as Row[];

export function readSubjectAccess(db: Db, caseId: number, producedOn: string): SubjectAccessRecord {
  const row = db.prepare('SELECT * FROM cases WHERE id = ?').get([caseId]) as Row | undefined;
  if (row === undefined) throw new AppFailure('NOT_FOUND', 'That case could not be found. Nothing was exported.');
  const circulations = all(
    db,
    `SELECT c.id, c.sequence, c.kind, c.audience, c.circulated_on, c.at, c.actor, c.encrypted, c.changes, c.view_json, c.pack_sha256
     FROM circulations c WHERE c.case_id = ? ORDER BY c.sequence`,
    caseId,
  );
  const circulationIds = circulations.map((c) => Number(c.id));
  const inCirculations = (sql: string) => circulationIds.flatMap((id) => all(db, sql, id));
  const sections = [
    { title: 'Nominating Officers', rows: all(db, 'SELECT * FROM case_nominating_officers WHERE case_id = ? ORDER BY position', caseId) },
    { title: 'Household members', rows: all(db, 'SELECT * FROM case_household_members WHERE case_id = ? ORDER BY position', caseId) },
    { title: 'Risk categories', rows: all(db, 'SELECT * FROM case_risk_categories WHERE case_id = ? ORDER BY category', caseId) },
    { title: 'Boroughs requested and unsafe', rows: all(db, 'SELECT * FROM case_boroughs WHERE case_id = ? ORDER BY kind, borough_code', caseId) },
    { title: 'Equality monitoring answers', rows: all(db, 'SELECT * FROM case_equality WHERE case_id = ?', caseId) },
    { title: 'Eligibility rules set aside', rows: all(db, 'SELECT * FROM case_overrides WHERE case_id = ? ORDER BY id', caseId) },
    { title: 'Timeline', rows: all(db, 'SELECT * FROM case_events WHERE case_id = ? ORDER BY on_date, id', caseId) },
    { title: 'Unsaved forms (drafts)', rows: all(db, 'SELECT * FROM drafts WHERE case_id = ? ORDER BY updated_at', caseId) },
    { title: 'Circulations', rows: circulations },
    {
      title: 'Who each circulation went to',
      rows: inCirculations('SELECT * FROM circulation_recipients WHERE circulation_id = ? ORDER BY position'),
    },
    { title: 'Boroughs each circulation covered', rows: inCirculations('SELECT * FROM circulation_boroughs WHERE circulation_id = ? ORDER BY borough_code') },
    { title: 'Offers', rows: all(db, 'SELECT * FROM offers WHERE case_id = ? ORDER BY id', caseId) },
    { title: 'Move', rows: all(db, 'SELECT * FROM moves WHERE case_id = ?', caseId) },
    { title: 'Ledger entries', rows: all(db, 'SELECT * FROM ledger_entries WHERE case_id = ? ORDER BY id', caseId) },
    { title: 'Files exported about the case', rows: all(db, 'SELECT * FROM exports WHERE case_id = ? ORDER BY id', caseId) },
    {
      title: 'Audit log entries',
      rows: auditEntries(db, caseId).map((e) => ({ ...e, changes: JSON.stringify(e.changes) })),
    },
  ];
  return { reference: String(row.reference), producedOn, case: row, sections };
}

function auditEntries(db: Db, caseId: number): ReturnType<typeof listAudit> {
  const out: ReturnType<typeof listAudit> = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = listAudit(db, { caseId, limit: 500, ...(beforeId === undefined ? {} : { beforeId }) });
    out.push(...page);
    if (page.length < 500) break;
    beforeId = page[page.length - 1]!.id;
  }
  return out.reverse();
}

/** "applicant_safe_contact" reads as "Applicant safe contact". */
const label = (column: string) => {
  const words = column.replaceAll('_', ' ');
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
};

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatUkDate(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatUkDateTime(value);
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return String(value);
}

const factsOf = (row: Row): PdfRow[] => Object.entries(row).map(([k, v]) => ({ label: label(k), value: text(v) }));

export async function subjectAccessPdf(record: SubjectAccessRecord, passphrase: string): Promise<Buffer> {
  const title = `Subject access: case ${record.reference}`;
  const pdf = new TaggedPdf({
    title,
    createdAt: new Date(`${record.producedOn}T12:00:00Z`),
    encryption: { userPassword: passphrase, ownerPassword: randomBytes(32).toString('hex') },
  });
  pdf.heading(title, 1);
  pdf.paragraph(
    `Everything the Pan London Housing Reciprocal holds about the applicant of case ${record.reference}, as it stood on ${formatUkDate(record.producedOn)}: every field of the case, every record that belongs to it, and every audit log entry about it. Produced in answer to a subject access request.`,
  );
  pdf.heading('The case');
  pdf.facts(factsOf(record.case));
  for (const section of record.sections) {
    pdf.heading(section.title);
    if (section.rows.length === 0) pdf.paragraph('None held.', { muted: true });
    section.rows.forEach((row, i) => {
      if (section.rows.length > 1) pdf.paragraph(`${i + 1} of ${section.rows.length}`, { bold: true });
      pdf.facts(factsOf(row));
    });
  }
  const { bytes } = await pdf.finish(title);
  return bytes;
}

export async function subjectAccessJson(record: SubjectAccessRecord, passphrase: string): Promise<Uint8Array> {
  const json = JSON.stringify(
    record,
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v),
    2,
  );
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  return e.encrypt(json);
}

/** In the worker: read the record and make both files' bytes; main writes them and records the export. */
export const subjectAccessJob = defineJob({
  label: 'Subject access export',
  cancel: 'terminate',
  async run(ctx, input: { caseId: number; producedOn: string; passphrase: string }) {
    ctx.onProgress(0, 3, 'Reading the record');
    const record = asOfOneMoment(ctx.db, () => readSubjectAccess(ctx.db, input.caseId, input.producedOn));
    ctx.onProgress(1, 3, 'Making the PDF');
    const pdf = await subjectAccessPdf(record, input.passphrase);
    ctx.onProgress(2, 3, 'Making the JSON file');
    const json = await subjectAccessJson(record, input.passphrase);
    ctx.onProgress(3, 3);
    return { reference: record.reference, pdf: new Uint8Array(pdf), json };
  },
});
