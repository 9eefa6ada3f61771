import { createHash, randomBytes } from 'node:crypto';
import { LEDGER_KIND_LABELS, LEDGER_STATUS_LABELS, type Statement, type StatementLine } from '../../contract/ledger';
import { formatUkDate } from '../../contract/dates';
import { escapeFormula } from '../directory/csv';
import { TaggedPdf } from '../pdf/tagged-pdf';

/*
 * A statement for sending to the partner, as CSV and as a tagged PDF. Both carry the same lines; the SHA-256 is of
 * the CSV text, so a partner holding either can quote it back and the coordinator can check it (`sha256sum` of the
 * CSV file gives the same digest). Nothing here can carry applicant identity: a line has a case reference, dates,
 * counts and the coordinator's reason, never a name.
 */

const HEADER = ['Date', 'Entry', 'Kind', 'Description', 'Case reference', 'Bedrooms', 'Amount', 'Running balance', 'Reason', 'Reversed by entry'];

const kindLabel = (l: StatementLine) => (l.kind === 'not_booked' ? 'Not booked' : LEDGER_KIND_LABELS[l.kind]);
// ASCII signs: the PDF's standard fonts have no U+2212 minus.
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function cells(l: StatementLine): { text: string[]; numbers: [string, string] } {
  return {
    text: [
      formatUkDate(l.onDate),
      l.entryId === null ? '' : String(l.entryId),
      kindLabel(l),
      l.description,
      l.caseReference ?? '',
      l.bedrooms === null ? '' : String(l.bedrooms),
    ],
    numbers: [String(l.amount), String(l.runningBalance)],
  };
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const quote = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
// Text cells are escaped against formula injection; the two number columns are plain integers and stay numbers.
const textCell = (v: string) => quote(escapeFormula(v));

export function statementCsv(s: Statement): string {
  const rows = [HEADER.map(textCell).join(',')];
  for (const l of s.lines) {
    const c = cells(l);
    rows.push([...c.text.map(textCell), ...c.numbers, textCell(l.reason), l.reversedBy === null ? '' : String(l.reversedBy)].join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

export function statementDigest(csv: string): string {
  return createHash('sha256').update(csv, 'utf8').digest('hex');
}

export async function statementPdf(s: Statement, opts: { createdAt: Date; password: string }): Promise<{ bytes: Buffer; sha256: string }> {
  const csv = statementCsv(s);
  const sha256 = statementDigest(csv);
  const title = `Ledger statement: ${s.name}, as of ${formatUkDate(s.asOf)}`;
  const pdf = new TaggedPdf({
    title,
    createdAt: opts.createdAt,
    encryption: opts.password === '' ? undefined : { userPassword: opts.password, ownerPassword: randomBytes(32).toString('hex') },
  });
  pdf.heading(title, 1);
  pdf.paragraph(
    'Pan London Housing Reciprocal. Each line is one entry in the central pot, linked to its case by reference only. A positive amount is a property owed to this partner; a negative amount, one it owes.',
    { muted: true },
  );
  pdf.facts([
    { label: 'Partner', value: s.name },
    { label: 'As of', value: formatUkDate(s.asOf) },
    { label: 'Status', value: `${LEDGER_STATUS_LABELS[s.status]} (cap ${s.cap})` },
  ]);
  pdf.heading('Entries');
  if (s.lines.length === 0) pdf.paragraph('No entries.');
  else
    pdf.table(
      ['Date', 'Entry', 'Description', 'Case', 'Beds', 'Amount', 'Balance'],
      s.lines.map((l) => [
        formatUkDate(l.onDate),
        l.entryId === null ? '–' : String(l.entryId),
        `${l.description}${l.reason ? `. Reason: ${l.reason}` : ''}${l.reversedBy === null ? '' : ` (reversed by entry ${l.reversedBy})`}`,
        l.caseReference ?? '–',
        l.bedrooms === null ? '–' : String(l.bedrooms),
        signed(l.amount),
        signed(l.runningBalance),
      ]),
      { widths: [68, 40, '*', 92, 36, 50, 52] },
    );
  if (s.overrides.length > 0) {
    pdf.heading('Cap overrides');
    pdf.table(
      ['Case', 'Recorded', 'Reason'],
      s.overrides.map((o) => [o.caseReference, formatUkDate(o.at.slice(0, 10)), o.reason]),
    );
  }
  pdf.heading('Totals');
  pdf.facts([
    { label: 'Properties given', value: String(s.totals.given) },
    { label: 'Properties received', value: String(s.totals.received) },
    { label: 'Opening balance and corrections', value: signed(s.totals.adjustments) },
    { label: 'Balance', value: signed(s.totals.balance) },
    { label: 'Moves not yet reciprocated', value: `${s.totals.unreciprocated}${s.capMoves.length > 0 ? ` (${s.capMoves.join(', ')})` : ''}` },
    { label: 'Lines', value: String(s.lines.length) },
  ]);
  pdf.paragraph(`SHA-256 of the statement's lines (the CSV export of this statement): ${sha256}`, { bold: true });
  const { bytes } = await pdf.finish(`Ledger statement · ${s.name} · ${formatUkDate(s.asOf)}`);
  return { bytes, sha256 };
}
