import { createHash } from 'node:crypto';
import type { Db } from '../db/types';
import { tableExists } from '../db/table-exists';
import type { AuditedChild, AuditedRowKind } from './audited-rows';

/*
 * Row digests, version 2 (issue 14). A row's canonical text (the row, then each child table's rows, sorted) is made by
 * SQLite in one statement, rather than by reading every row into JavaScript and writing the text there (version 1,
 * audited-rows.ts). At 50,000 cases the audit check compares about 1.5 million rows: turning each into a JavaScript
 * object was most of its time, and every change paid it again for the case it touched.
 *
 * Stored as `v2:` and the SHA-256 of the text in hex. Version 1 digests are 64 hex digits with no prefix; entries
 * written before keep them, and the check recomputes whichever version an entry recorded.
 */

export const V2 = 'v2:';

/** A quoted SQL identifier. */
export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** SQLite limits a function's arguments (SQLITE_MAX_FUNCTION_ARG): a wide table's text is made in parts. */
const PAIRS_PER_CALL = 40;

/** A table's column names, as the schema has them now. */
export function columnsOf(db: Db, table: string): string[] {
  return db.pragma(`table_info(${quote(table)})`).map((c) => String((c as { name: unknown }).name));
}

/** `["name", value, …]` for one row, columns in name order; bytes as `["blob", hex]`, which no text can look like. */
function rowJson(db: Db, table: string, alias: string, skip: ReadonlySet<string>): string {
  const pairs = columnsOf(db, table)
    .filter((c) => !skip.has(c))
    .sort()
    .map((c) => {
      const v = `${alias}.${quote(c)}`;
      return `${literal(c)}, CASE WHEN typeof(${v}) = 'blob' THEN json_array('blob', hex(${v})) ELSE ${v} END`;
    });
  const calls: string[] = [];
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) calls.push(`json_array(${pairs.slice(i, i + PAIRS_PER_CALL).join(', ')})`);
  return calls.join(' || ');
}

/**
 * One statement for the rows of `kind` with ids from `$lo` to `$hi` and their children: a line of JSON for each
 * (`id` is the parent row's, `part` 0 for the row itself and 1, 2… for each child table in order). Sorting and
 * joining are left to JavaScript: SQLite sorts an aggregate's rows in a temporary B-tree of its own, per child table
 * and row, which was most of the statement's time.
 */
function textSql(db: Db, kind: AuditedRowKind, children: readonly AuditedChild[]): string {
  const label = kind.labelColumn ? `p.${quote(kind.labelColumn)}` : 'NULL';
  const parts = [
    `SELECT p.id AS id, 0 AS part, ${label} AS label, ${rowJson(db, kind.table, 'p', new Set(kind.derivedColumns ?? []))} AS t FROM ${quote(kind.table)} p WHERE p.id BETWEEN $lo AND $hi`,
    ...children.map(
      (c, i) =>
        `SELECT c.${quote(c.parentColumn)}, ${i + 1}, NULL, ${rowJson(db, c.table, 'c', new Set())} FROM ${quote(c.table)} c WHERE c.${quote(c.parentColumn)} BETWEEN $lo AND $hi`,
    ),
  ];
  return parts.join(' UNION ALL ');
}

type TextRow = {
  id: number;
  part: number;
  label: string | number | null;
  t: string;
};

/**
 * The canonical text of each row in a statement's answer: the row's own JSON, then for each child table a line with
 * its name and one line per child row, in text order (so the order SQLite keeps rows in does not matter). JSON
 * escapes every newline inside a value, so the lines cannot run into one another.
 */
function assemble(rows: readonly TextRow[], children: readonly AuditedChild[]): RowWithDigest[] {
  const byId = new Map<number, { label: string | number | null; self: string | null; parts: string[][] }>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) byId.set(row.id, (entry = { label: null, self: null, parts: children.map(() => []) }));
    if (row.part === 0) {
      entry.self = row.t;
      entry.label = row.label;
    } else entry.parts[row.part - 1]!.push(row.t);
  }
  const out: RowWithDigest[] = [];
  for (const [id, entry] of byId) {
    // Children whose parent is gone (only possible behind the app's back) have no row of their own to digest.
    if (entry.self === null) continue;
    let text = entry.self;
    children.forEach((c, i) => (text += `\n${c.table}\n${entry.parts[i]!.sort().join('\n')}`));
    out.push({ id, label: entry.label, digest: digestOfText(text) });
  }
  return out.sort((a, b) => a.id - b.id);
}

export function digestOfText(text: string): string {
  return `${V2}${createHash('sha256').update(text).digest('hex')}`;
}

function textStatement(db: Db, kind: AuditedRowKind) {
  const children = (kind.children ?? []).filter((c) => tableExists(db, c.table));
  const select = db.prepare(textSql(db, kind, children));
  return (lo: number, hi: number) => assemble(select.all<TextRow>({ lo, hi }), children);
}

/** The version 2 digest of one row by id, or null when there is no such row; the statement is prepared once. */
export function textDigester(db: Db, kind: AuditedRowKind): (id: number) => string | null {
  const texts = textStatement(db, kind);
  return (id) => texts(id, id)[0]?.digest ?? null;
}

export interface RowWithDigest {
  id: number;
  label: string | number | null;
  digest: string;
}

/**
 * Every row of a kind with its version 2 digest, in id order, 500 rows (and their children) at a time: a page of
 * cases with their events is a few megabytes of text.
 */
export function* allRowDigests(db: Db, kind: AuditedRowKind): Generator<RowWithDigest> {
  const texts = textStatement(db, kind);
  const ids = db.prepare(`SELECT id FROM ${quote(kind.table)} WHERE id > ? ORDER BY id LIMIT 500`, { pluck: true });
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const page = ids.all([after]) as number[];
    if (page.length === 0) return;
    yield* texts(page[0]!, page.at(-1)!);
    after = page.at(-1)!;
  }
}
