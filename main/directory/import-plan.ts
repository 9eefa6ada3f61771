import { sortBoroughCodes } from '../../contract/boroughs';
import type { BoroughCode } from '../../contract/boroughs';
import { CONTACT_KIND_LABELS, contactKey, contactSchema, partnerInputSchema, partnerNameKey } from '../../contract/partners';
import type { Contact, Partner, PartnerInput, PartnerUpdate } from '../../contract/partners';
import { matchBorough } from './borough-match';
import {
  CONTACT_COLUMNS,
  PARTNER_COLUMNS,
  parseContactKind,
  parsePartnerStatus,
  parsePartnerType,
  parseCsvDate,
  splitAliasList,
  splitBoroughList,
} from './csv-format';
import type { DirectoryColumn, DirectoryRow, LineMessage } from './csv-format';

// The dry run of a directory import: what would be added, what would change and what cannot be imported, with
// nothing written. A partner is all or nothing: if any of its rows is wrong, none of them is imported, because a
// partner half imported (say, without its Named Lead) would be worse than the old entry.

export interface PlanError {
  line: number;
  partnerName?: string;
  reason: string;
}

export interface PlannedAdd {
  lines: number[];
  partner: PartnerInput;
}

export interface PlannedUpdate {
  id: number;
  lines: number[];
  before: Partner;
  after: PartnerUpdate;
}

export interface ImportPlan {
  toAdd: PlannedAdd[];
  toUpdate: PlannedUpdate[];
  unchanged: number;
  errors: PlanError[];
  warnings: LineMessage[];
}

const COLUMN_LABELS: Record<DirectoryColumn, string> = {
  partner_name: "The partner's name",
  partner_type: 'The partner type',
  status: 'The status',
  status_changed_on: 'The status date',
  joined_on: 'The joined date',
  stock_boroughs: 'The stock boroughs',
  approval_route_notes: 'The approval route notes',
  contact_kind: 'The contact kind',
  contact_name: 'The contact name',
  contact_role: 'The contact role',
  contact_phone: 'The phone number',
  contact_email: 'The email address',
  contact_secure_email: 'The secure email address',
  partner_aliases: 'The other names',
};

const CONTACT_FIELD_COLUMNS: Record<string, DirectoryColumn> = {
  kind: 'contact_kind',
  name: 'contact_name',
  role: 'contact_role',
  phone: 'contact_phone',
  email: 'contact_email',
  secureEmail: 'contact_secure_email',
};

function shown(value: string): string {
  return value.length > 60 ? `"${value.slice(0, 57)}…"` : `"${value}"`;
}

function matchBoroughList(value: string): {
  codes: BoroughCode[];
  problems: string[];
} {
  const codes = new Set<BoroughCode>();
  const problems: string[] = [];
  for (const piece of splitBoroughList(value)) {
    const match = matchBorough(piece);
    if (match.ok) codes.add(match.code);
    else problems.push(`Stock borough ${match.reason}`);
  }
  return { codes: sortBoroughCodes([...codes]), problems };
}

// What a partner column means, for spotting rows of the same partner that disagree. Values that parse are
// compared by meaning ("active" = "Active", "Camden; Hackney" = "Hackney;Camden"); others as written.
function columnMeaning(column: DirectoryColumn, value: string): string {
  switch (column) {
    case 'partner_type':
      return parsePartnerType(value) ?? value;
    case 'status':
      return parsePartnerStatus(value) ?? value;
    case 'status_changed_on':
    case 'joined_on':
      return parseCsvDate(value) ?? value;
    case 'stock_boroughs': {
      const { codes, problems } = matchBoroughList(value);
      return problems.length === 0 ? codes.join(';') : value;
    }
    case 'partner_aliases':
      return splitAliasList(value).map(partnerNameKey).sort().join(';');
    default:
      return value;
  }
}

interface GroupResult {
  errors: { line: number; reason: string }[];
  partner?: PartnerInput;
  /** False when the file has no other-names column: the directory's stay as they are. */
  aliasesGiven?: boolean;
}

function contactFromRow(row: DirectoryRow): {
  contact?: Contact;
  errors: string[];
} {
  const v = row.values;
  if (CONTACT_COLUMNS.every((c) => v[c] === '')) return { errors: [] };
  const kind = parseContactKind(v.contact_kind);
  if (kind === undefined) {
    return {
      errors: [
        v.contact_kind === ''
          ? 'Enter the contact kind: Named Lead, Lettings or Other'
          : `The contact kind ${shown(v.contact_kind)} is not Named Lead, Lettings or Other`,
      ],
    };
  }
  const parsed = contactSchema.safeParse({
    kind,
    name: v.contact_name,
    role: v.contact_role,
    phone: v.contact_phone,
    email: v.contact_email,
    secureEmail: v.contact_secure_email,
  });
  if (parsed.success) return { contact: parsed.data, errors: [] };
  return {
    errors: parsed.error.issues.map((issue) => {
      const column = CONTACT_FIELD_COLUMNS[String(issue.path[0])];
      return column === undefined || v[column] === '' ? issue.message : `${issue.message} (not ${shown(v[column])})`;
    }),
  };
}

function planGroup(rows: readonly DirectoryRow[]): GroupResult {
  const errors: { line: number; reason: string }[] = [];
  const first = rows[0];
  if (first === undefined) return { errors };
  const at = (line: number, reason: string) => errors.push({ line, reason });

  for (const row of rows) if (row.problem !== undefined) at(row.line, row.problem);

  for (const row of rows.slice(1)) {
    for (const column of PARTNER_COLUMNS) {
      const here = row.values[column];
      const there = first.values[column];
      if (here !== there && columnMeaning(column, here) !== columnMeaning(column, there)) {
        at(row.line, `${COLUMN_LABELS[column]} is ${shown(here)} here but ${shown(there)} on line ${first.line}`);
      }
    }
  }

  const v = first.values;
  const type = parsePartnerType(v.partner_type);
  if (type === undefined) {
    at(
      first.line,
      v.partner_type === ''
        ? 'Enter the partner type: Local authority or Housing association'
        : `The partner type ${shown(v.partner_type)} is not Local authority or Housing association`,
    );
  }
  const status = parsePartnerStatus(v.status);
  if (status === undefined) {
    at(first.line, v.status === '' ? 'Enter the status: Active, Suspended or Left' : `The status ${shown(v.status)} is not Active, Suspended or Left`);
  }
  const dates: Record<'status_changed_on' | 'joined_on', string | undefined> = {
    status_changed_on: undefined,
    joined_on: undefined,
  };
  for (const column of ['status_changed_on', 'joined_on'] as const) {
    dates[column] = parseCsvDate(v[column]);
    if (dates[column] === undefined) {
      at(
        first.line,
        v[column] === ''
          ? `${COLUMN_LABELS[column]} is empty; enter it as dd/mm/yyyy`
          : `${COLUMN_LABELS[column]} ${shown(v[column])} is not a real date in the form dd/mm/yyyy`,
      );
    }
  }
  const boroughs = matchBoroughList(v.stock_boroughs);
  for (const problem of boroughs.problems) at(first.line, problem);

  const contacts: Contact[] = [];
  const contactLines: number[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const result = contactFromRow(row);
    for (const reason of result.errors) at(row.line, reason);
    if (result.contact === undefined) continue;
    const key = contactKey(result.contact);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const kind = CONTACT_KIND_LABELS[result.contact.kind];
      at(row.line, `This contact repeats line ${earlier}: the same person is listed twice as ${kind}`);
      continue;
    }
    seen.set(key, row.line);
    contacts.push(result.contact);
    contactLines.push(row.line);
  }

  if (errors.length > 0 || type === undefined || status === undefined) return { errors };

  const parsed = partnerInputSchema.safeParse({
    name: v.partner_name,
    type,
    status,
    statusChangedOn: dates.status_changed_on,
    joinedOn: dates.joined_on,
    stockBoroughs: boroughs.codes,
    approvalRouteNotes: v.approval_route_notes,
    contacts,
    aliases: splitAliasList(v.partner_aliases),
  });
  if (parsed.success) return { errors, partner: parsed.data, aliasesGiven: first.present?.includes('partner_aliases') ?? false };
  for (const issue of parsed.error.issues) {
    const [field, index] = issue.path;
    const line = field === 'contacts' && typeof index === 'number' ? (contactLines[index] ?? first.line) : first.line;
    at(line, issue.message);
  }
  return { errors };
}

function comparable(p: PartnerInput | Partner): string {
  const contacts = [...p.contacts]
    .map((c) => ({
      kind: c.kind,
      name: c.name,
      role: c.role,
      phone: c.phone,
      email: c.email,
      secureEmail: c.secureEmail,
    }))
    .sort((a, b) => (contactKey(a) < contactKey(b) ? -1 : contactKey(a) > contactKey(b) ? 1 : 0));
  const aliases = [...p.aliases].sort();
  return JSON.stringify([p.name, p.type, p.status, p.statusChangedOn, p.joinedOn, sortBoroughCodes(p.stockBoroughs), p.approvalRouteNotes, contacts, aliases]);
}

// Cells that a spreadsheet would run as formulas. Names and emails are refused by the schema; in free text we keep
// them as plain text (they are never evaluated here, and export escapes them) but tell the coordinator.
const FREE_TEXT_COLUMNS: Partial<Record<DirectoryColumn, [string, string]>> = {
  approval_route_notes: ['The approval route notes start', 'They are'],
  contact_role: ['The contact role starts', 'It is'],
};

function formulaWarnings(rows: readonly DirectoryRow[]): LineMessage[] {
  const warnings: LineMessage[] = [];
  for (const row of rows) {
    for (const [column, [subject, pronoun]] of Object.entries(FREE_TEXT_COLUMNS) as [DirectoryColumn, [string, string]][]) {
      const value = row.values[column];
      // Only = and @: notes often start with "- " as a bullet, which is harmless once escaped.
      if (/^[=@]/.test(value)) {
        warnings.push({
          line: row.line,
          message: `${subject} with "${value[0] ?? ''}", like a spreadsheet formula. ${pronoun} kept as plain text and never run.`,
        });
      }
    }
  }
  return warnings;
}

export function planImport(rows: readonly DirectoryRow[], existingPartners: readonly Partner[]): ImportPlan {
  const plan: ImportPlan = {
    toAdd: [],
    toUpdate: [],
    unchanged: 0,
    errors: [],
    warnings: formulaWarnings(rows),
  };

  const groups = new Map<string, DirectoryRow[]>();
  for (const row of rows) {
    const key = partnerNameKey(row.values.partner_name);
    if (key === '') {
      plan.errors.push({
        line: row.line,
        reason: row.problem ?? "Enter the partner's name (partner_name is empty)",
      });
      continue;
    }
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }

  const existingByKey = new Map(existingPartners.map((p) => [partnerNameKey(p.name), p]));

  for (const group of groups.values()) {
    const partnerName = group[0]?.values.partner_name ?? '';
    const lines = group.map((r) => r.line);
    const result = planGroup(group);
    if (result.partner === undefined) {
      const failed = new Set(result.errors.map((e) => e.line));
      for (const e of result.errors) plan.errors.push({ line: e.line, partnerName, reason: e.reason });
      const failedList = [...failed].sort((a, b) => a - b).join(', ');
      for (const line of lines.filter((l) => !failed.has(l))) {
        plan.errors.push({
          line,
          partnerName,
          reason: `Not imported: ${partnerName} has errors on line ${failedList}, so none of its rows are imported`,
        });
      }
      continue;
    }

    const existing = existingByKey.get(partnerNameKey(partnerName));
    if (existing !== undefined && result.aliasesGiven !== true) result.partner = { ...result.partner, aliases: existing.aliases };
    if (existing === undefined) {
      plan.toAdd.push({ lines, partner: result.partner });
    } else if (comparable(existing) === comparable(result.partner)) {
      plan.unchanged += 1;
    } else {
      // Keep the ids of contacts that are still there, so their history stays attached to them.
      const ids = new Map(existing.contacts.map((c) => [contactKey(c), c.id]));
      const contacts = result.partner.contacts.map((c) => {
        const id = ids.get(contactKey(c));
        return id === undefined ? c : { ...c, id };
      });
      plan.toUpdate.push({
        id: existing.id,
        lines,
        before: existing,
        after: { ...result.partner, id: existing.id, contacts },
      });
    }
  }
  plan.errors.sort((a, b) => a.line - b.line);
  return plan;
}
