import { boroughName, sortBoroughCodes } from '../../contract/boroughs';
import { CONTACT_KINDS, CONTACT_KIND_LABELS, PARTNER_STATUS_LABELS, PARTNER_TYPE_LABELS, partnerNameKey } from '../../contract/partners';
import type { ContactKind, Partner, PartnerStatus, PartnerType } from '../../contract/partners';
import { csvBytes, parseCsv, unescapeFormula, writeCsv } from './csv';
import { formatUkDate, isValidIsoDate, parseUkDate } from '../../contract/dates';

// The directory CSV: the format coordinators keep their contact list in today. One row per contact, with the
// partner's columns repeated on each of its rows; a partner with no contacts is one row with empty contact columns.

export const DIRECTORY_COLUMNS = [
  'partner_name',
  'partner_type',
  'status',
  'status_changed_on',
  'joined_on',
  'stock_boroughs',
  'approval_route_notes',
  'contact_kind',
  'contact_name',
  'contact_role',
  'contact_phone',
  'contact_email',
  'contact_secure_email',
] as const;

/**
 * Columns added after the format first shipped: exported always, optional on import, so that a contact list kept
 * from an older export still imports (and then leaves the partner's other names as they are).
 */
export const OPTIONAL_COLUMNS = ['partner_aliases'] as const;
export const EXPORT_COLUMNS = [...DIRECTORY_COLUMNS, ...OPTIONAL_COLUMNS] as const;

export type DirectoryColumn = (typeof EXPORT_COLUMNS)[number];

export const PARTNER_COLUMNS = [...DIRECTORY_COLUMNS.slice(0, 7), ...OPTIONAL_COLUMNS] as readonly DirectoryColumn[];
export const CONTACT_COLUMNS = DIRECTORY_COLUMNS.slice(7) as readonly DirectoryColumn[];

export interface DirectoryRow {
  line: number;
  values: Record<DirectoryColumn, string>;
  /** Set when the row itself is unusable (e.g. the wrong number of values); the planner reports it. */
  problem?: string;
  /** Optional columns the file has; a missing one means "keep what the directory holds". */
  present?: readonly DirectoryColumn[];
}

export interface LineMessage {
  line?: number;
  message: string;
}

export type DirectoryParseResult = { ok: true; rows: DirectoryRow[]; warnings: LineMessage[] } | { ok: false; error: LineMessage };

// Header cells are matched loosely ("Partner name" is partner_name) because coordinators retype headers.
function headerKey(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const BOROUGH_SEPARATOR = ';';

export function parseDirectoryCsv(bytes: Uint8Array): DirectoryParseResult {
  const parsed = parseCsv(bytes);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const [header, ...body] = parsed.records;
  if (header === undefined || header.cells.every((c) => c.trim() === '')) {
    return {
      ok: false,
      error: {
        message: 'The file is empty. It needs a header row and at least one partner.',
      },
    };
  }

  const warnings: LineMessage[] = [];
  const index = new Map<DirectoryColumn, number>();
  const known = new Set<string>(EXPORT_COLUMNS);
  const twice: string[] = [];
  header.cells.forEach((cell, i) => {
    const key = headerKey(cell);
    if (known.has(key)) {
      const column = key as DirectoryColumn;
      if (index.has(column)) twice.push(column);
      else index.set(column, i);
    } else if (key !== '') {
      warnings.push({
        line: header.line,
        message: `Column "${cell.trim()}" is not used and was ignored`,
      });
    }
  });
  // Two columns with the same name: we cannot know which one the coordinator means, so refuse the file.
  if (twice.length > 0) {
    return {
      ok: false,
      error: {
        line: header.line,
        message: `The header row has the column ${twice.join(', ')} more than once. Keep one and import again.`,
      },
    };
  }
  const missing = DIRECTORY_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      error: {
        line: header.line,
        message: `The header row is missing ${missing.length === 1 ? 'the column' : 'these columns'}: ${missing.join(', ')}. Export the directory to see the expected columns.`,
      },
    };
  }

  const width = header.cells.length;
  const rows: DirectoryRow[] = [];
  for (const record of body) {
    // Blank lines (often left at the end by spreadsheets) carry no data.
    if (record.cells.every((c) => c.trim() === '')) continue;
    const values = {} as Record<DirectoryColumn, string>;
    for (const column of EXPORT_COLUMNS) {
      values[column] = unescapeFormula(record.cells[index.get(column) ?? -1] ?? '').trim();
    }
    const row: DirectoryRow = { line: record.line, values, present: OPTIONAL_COLUMNS.filter((c) => index.has(c)) };
    // Excel sometimes pads rows with empty cells; anything else of the wrong width has shifted columns.
    const extra = record.cells.slice(width);
    if (record.cells.length < width) {
      row.problem = `This row has ${record.cells.length} values but the header has ${width} columns`;
    } else if (extra.some((c) => c.trim() !== '')) {
      row.problem = `This row has ${record.cells.length} values but the header has ${width} columns`;
    }
    rows.push(row);
  }
  return { ok: true, rows, warnings };
}

// Labels are accepted in any case, and the stored codes too, so "housing_association" and "HOUSING ASSOCIATION"
// both work. "Registered provider" is the regulator's name for a housing association.
function labelKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

function reverseLabels<T extends string>(labels: Record<T, string>, extra: Record<string, T> = {}): Map<string, T> {
  const map = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    map.set(labelKey(label), code);
    map.set(labelKey(code), code);
  }
  for (const [alias, code] of Object.entries(extra)) map.set(labelKey(alias), code);
  return map;
}

const TYPE_BY_LABEL = reverseLabels<PartnerType>(PARTNER_TYPE_LABELS, {
  'registered provider': 'housing_association',
  'housing association (registered provider)': 'housing_association',
});
const STATUS_BY_LABEL = reverseLabels<PartnerStatus>(PARTNER_STATUS_LABELS);
const KIND_BY_LABEL = reverseLabels<ContactKind>(CONTACT_KIND_LABELS);

export function parsePartnerType(value: string): PartnerType | undefined {
  return TYPE_BY_LABEL.get(labelKey(value));
}
export function parsePartnerStatus(value: string): PartnerStatus | undefined {
  return STATUS_BY_LABEL.get(labelKey(value));
}
export function parseContactKind(value: string): ContactKind | undefined {
  return KIND_BY_LABEL.get(labelKey(value));
}

/** dd/mm/yyyy (UK order; 1 or 2 digit day and month), or ISO yyyy-mm-dd, to ISO. Undefined if not a real date. */
export function parseCsvDate(value: string): string | undefined {
  const text = value.trim();
  return parseUkDate(text) ?? (isValidIsoDate(text) ? text : undefined);
}

/** Other names are listed like boroughs: "LB Hackney; Hackney Council". */
export function splitAliasList(value: string): string[] {
  return splitBoroughList(value);
}

export function splitBoroughList(value: string): string[] {
  return value
    .split(BOROUGH_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const KIND_ORDER = new Map<ContactKind, number>(CONTACT_KINDS.map((k, i) => [k, i]));

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en-GB', { sensitivity: 'base' });
}

/** The directory as CSV bytes, in a stable order so that two exports of the same directory are identical. */
export function exportDirectory(partners: readonly Partner[]): Buffer {
  const rows: string[][] = [[...EXPORT_COLUMNS]];
  const ordered = [...partners].sort((a, b) => compareText(a.name, b.name) || partnerNameKey(a.name).localeCompare(partnerNameKey(b.name)));
  for (const p of ordered) {
    const partnerCells = [
      p.name,
      PARTNER_TYPE_LABELS[p.type],
      PARTNER_STATUS_LABELS[p.status],
      formatUkDate(p.statusChangedOn),
      formatUkDate(p.joinedOn),
      sortBoroughCodes(p.stockBoroughs).map(boroughName).join(`${BOROUGH_SEPARATOR} `),
      p.approvalRouteNotes,
    ];
    const aliases = p.aliases.join(`${BOROUGH_SEPARATOR} `);
    const contacts = [...p.contacts].sort((a, b) => (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) || compareText(a.name, b.name));
    if (contacts.length === 0) rows.push([...partnerCells, '', '', '', '', '', '', aliases]);
    for (const c of contacts) {
      rows.push([...partnerCells, CONTACT_KIND_LABELS[c.kind], c.name, c.role, c.phone, c.email, c.secureEmail, aliases]);
    }
  }
  return csvBytes(writeCsv(rows));
}
