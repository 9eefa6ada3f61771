import { createHash } from 'node:crypto';
import type { Db } from '../db/types';
import { appendAudit } from './audit';
import { tableExists } from '../db/table-exists';
import { allRowDigests, columnsOf, quote, textDigester } from './row-text';

/*
 * The audit log records what changed; these digests let the audit check prove that the data still is what the log
 * last recorded. Every change (services.change) notes which audited rows it touched (temporary triggers on their
 * tables) and stores a digest of each one, as it is at commit, in its hash-chained audit entry. The audit check then
 * recomputes every row's digest: a row changed with no audit entry (`UPDATE cases SET state = …`), added or removed
 * behind the app's back, or left behind when the newest audit entries were deleted, disagrees.
 *
 * A row kind is its table plus the child tables that belong to it (a case's boroughs, a partner's contacts). Offers,
 * moves and ledger entries register by adding an entry to AUDITED_ROWS: nothing else changes.
 */

export interface AuditedChild {
  table: string;
  /** The column that points at the parent row's id. */
  parentColumn: string;
}

export interface AuditedRowKind {
  /** The audit log's entity type for these rows: `case`, `partner`. */
  kind: string;
  table: string;
  /** How a row is named in the check's report: a column holding no personal data (a reference, a partner name). */
  labelColumn: string | null;
  /** Shown before the label: "Case PLHR-2026-0001". */
  noun: string;
  /**
   * Cached columns that are rebuilt from the facts (a due date moved by a policy change) rather than changed by an
   * audited action of their own. They are left out of the digest.
   */
  derivedColumns?: readonly string[];
  children?: readonly AuditedChild[];
}

export const AUDITED_ROWS: readonly AuditedRowKind[] = [
  {
    kind: 'case',
    table: 'cases',
    labelColumn: 'reference',
    noun: 'Case',
    derivedColumns: ['next_due_on', 'next_due_kind'],
    children: [
      { table: 'case_nominating_officers', parentColumn: 'case_id' },
      { table: 'case_household_members', parentColumn: 'case_id' },
      { table: 'case_risk_categories', parentColumn: 'case_id' },
      { table: 'case_boroughs', parentColumn: 'case_id' },
      { table: 'case_equality', parentColumn: 'case_id' },
      { table: 'case_overrides', parentColumn: 'case_id' },
      { table: 'case_events', parentColumn: 'case_id' },
    ],
  },
  {
    kind: 'partner',
    table: 'partners',
    labelColumn: 'name',
    noun: 'Partner',
    children: [
      { table: 'partner_stock_boroughs', parentColumn: 'partner_id' },
      { table: 'contacts', parentColumn: 'partner_id' },
    ],
  },
  // The ledger's maintained totals (migration 014-ledger-speed), moved by a trigger with each entry: a direct edit
  // of a total, or an entry inserted behind the app's back, shows here.
  { kind: 'ledger_balance', table: 'ledger_balances', labelColumn: null, noun: 'Ledger totals' },
];

/** One row's digest as stored with an audit entry: `[kind, id, digest]`. */
export type RowDigest = [kind: string, id: number, digest: string];

/** The kinds whose tables exist in this database (a kind may be registered before its migration has run). */
export function presentKinds(db: Db, kinds: readonly AuditedRowKind[] = AUDITED_ROWS): AuditedRowKind[] {
  return kinds.filter((k) => tableExists(db, k.table));
}

/** A stable text for a row: keys sorted, bytes as hex, derived columns left out. */
export function canonicalRow(row: Record<string, unknown>, skip: ReadonlySet<string>): string {
  const keys = Object.keys(row)
    .filter((k) => !skip.has(k))
    .sort();
  return JSON.stringify(
    keys.map((k) => [k, row[k] instanceof Uint8Array ? Buffer.from(row[k]).toString('hex') : row[k]]),
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  );
}

/**
 * The same text as `canonicalRow`, made faster for the rows of one statement (issue 14: every change digests the
 * rows it touched, a case with all its events). A statement's rows share their columns, so the sorted key order is
 * worked out once per column list, and the text is joined directly instead of through `JSON.stringify` with a
 * replacer, which was most of a digest's time. A test holds the two equal on every kind of value.
 */
export function canonicalRows(skip: ReadonlySet<string>): (row: Record<string, unknown>) => string {
  let columns: string | null = null;
  let order: { key: string; prefix: string }[] = [];
  return (row) => {
    const keys = Object.keys(row);
    const signature = keys.join('\u0000');
    if (signature !== columns) {
      columns = signature;
      order = keys
        .filter((k) => !skip.has(k))
        .sort()
        .map((key, i) => ({ key, prefix: `${i === 0 ? '' : ','}[${JSON.stringify(key)},` }));
    }
    let out = '[';
    for (const { key, prefix } of order) out += `${prefix}${canonicalValue(row[key])}]`;
    return `${out}]`;
  };
}

function canonicalValue(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('hex'));
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/**
 * Version 1 digests (64 hex digits), made in JavaScript from the rows: what entries recorded before version 2
 * (row-text.ts), kept so that the check can still recompute them. Reuses its prepared statements across rows.
 */
export function digesterV1(db: Db, kind: AuditedRowKind): (id: number) => string | null {
  const skip = new Set(kind.derivedColumns ?? []);
  const self = db.prepare(`SELECT * FROM ${quote(kind.table)} WHERE id = ?`);
  const children = (kind.children ?? [])
    .filter((c) => tableExists(db, c.table))
    .map((c) => ({ table: c.table, select: db.prepare(`SELECT * FROM ${quote(c.table)} WHERE ${quote(c.parentColumn)} = ?`) }));
  const selfText = canonicalRows(skip);
  const childText = new Map(children.map((c) => [c.table, canonicalRows(new Set())]));
  return (id) => {
    const row = self.get([id]);
    if (row === undefined) return null;
    const hash = createHash('sha256').update('v1\n').update(selfText(row));
    for (const child of children) {
      // Sorted, so the digest does not depend on the order SQLite returns rows in.
      const rows = child.select.all([id]).map(childText.get(child.table)!).sort();
      hash.update(`\n${child.table}\n`).update(rows.join('\n'));
    }
    return hash.digest('hex');
  };
}

/** The digests a change records now: version 2, made by SQLite (row-text.ts). */
export function digester(db: Db, kind: AuditedRowKind): (id: number) => string | null {
  return textDigester(db, kind);
}

/**
 * What a connection's row tracking knows: the rows touched since the last reset, and, for the schema it was set up
 * for, each kind's digester. A migration on the same connection changes `schema_version`, and the tracking is set up
 * again for the new tables and columns.
 */
interface Tracking {
  schemaVersion: number;
  touched: Map<string, Set<number>>;
  digesters: Map<string, (id: number) => string | null>;
}

const tracking = new WeakMap<Db, Tracking>();

/** The SQL function the temporary triggers call: it notes the row in JavaScript, on this connection only. */
const TOUCH_FUNCTION = 'reciprocal_audit_touched';

function schemaVersion(db: Db): number {
  return Number(db.pragma('schema_version', { simple: true }));
}

/**
 * Temporary (per-connection) triggers that note each audited row a statement touches. They live only as long as
 * the connection, are never written to the file, and fire for every write, so a change cannot forget to say what
 * it touched. An UPDATE of only derived columns does not fire.
 *
 * Speed (issue 14): the triggers call a function of this connection rather than insert into a temporary table. With
 * `cipher_memory_security` on, every statement that writes the temporary database inside a transaction pays for its
 * own journal and statement journal in locked, wiped memory; a write of one audited row cost about 0.3 ms more than
 * the same write calling a function, and clearing the table at each change as much again.
 */
export function ensureRowTracking(db: Db, kinds: readonly AuditedRowKind[] = AUDITED_ROWS): void {
  const version = schemaVersion(db);
  const known = tracking.get(db);
  if (known?.schemaVersion === version) return;
  const state: Tracking = { schemaVersion: version, touched: known?.touched ?? new Map(), digesters: new Map() };
  if (!known) {
    db.createFunction(TOUCH_FUNCTION, (kind: unknown, id: unknown) => {
      const k = String(kind);
      let ids = state.touched.get(k);
      if (!ids) state.touched.set(k, (ids = new Set()));
      ids.add(Number(id));
    });
  }
  tracking.set(db, state);
  // Set up again from scratch for the schema as it is now (a migration may have added a table or a column).
  const old = db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name GLOB 'audit_touch_*'", { pluck: true }).all() as string[];
  const statements = old.map((name) => `DROP TRIGGER IF EXISTS temp.${quote(name)}`);
  for (const kind of presentKinds(db, kinds)) {
    const derived = new Set(kind.derivedColumns ?? []);
    const tables = [
      { table: kind.table, key: 'id', columns: columnsOf(db, kind.table).filter((c) => !derived.has(c)) },
      ...(kind.children ?? []).filter((c) => tableExists(db, c.table)).map((c) => ({ table: c.table, key: c.parentColumn, columns: columnsOf(db, c.table) })),
    ];
    for (const { table, key, columns } of tables) {
      const name = (op: string) => quote(`audit_touch_${table}_${op}`);
      const note = (row: 'NEW' | 'OLD') => `SELECT ${TOUCH_FUNCTION}('${kind.kind}', ${row}.${quote(key)});`;
      statements.push(
        `CREATE TEMP TRIGGER ${name('insert')} AFTER INSERT ON main.${quote(table)} BEGIN ${note('NEW')} END`,
        `CREATE TEMP TRIGGER ${name('update')} AFTER UPDATE OF ${columns.map(quote).join(', ')} ON main.${quote(table)} BEGIN ${note('OLD')} ${note('NEW')} END`,
        `CREATE TEMP TRIGGER ${name('delete')} AFTER DELETE ON main.${quote(table)} BEGIN ${note('OLD')} END`,
      );
    }
  }
  for (const sql of statements) db.exec(sql);
}

/** Forget what earlier work on this connection touched: call at the start of a change. */
export function resetTouched(db: Db): void {
  tracking.get(db)?.touched.clear();
}

/** The digests of every audited row touched since `resetTouched`, as they are now. A removed row digests as null. */
export function touchedDigests(db: Db, kinds: readonly AuditedRowKind[] = AUDITED_ROWS): RowDigest[] {
  const state = tracking.get(db);
  if (!state || state.touched.size === 0) return [];
  const out: RowDigest[] = [];
  // Kinds by name, ids ascending: the order the digests have always been stored in.
  for (const kind of [...state.touched.keys()].sort()) {
    const def = kinds.find((k) => k.kind === kind);
    if (!def) continue;
    let digest = state.digesters.get(kind);
    if (!digest) state.digesters.set(kind, (digest = digester(db, def)));
    for (const id of [...state.touched.get(kind)!].sort((a, b) => a - b)) out.push([kind, id, digest(id) ?? 'removed']);
  }
  return out;
}

/** Digests of every audited row in the database: the baseline a database starts from when digests begin. */
export function allDigests(db: Db, kinds: readonly AuditedRowKind[] = AUDITED_ROWS): RowDigest[] {
  const out: RowDigest[] = [];
  for (const kind of presentKinds(db, kinds)) {
    for (const row of allRowDigests(db, kind)) out.push([kind.kind, row.id, row.digest]);
  }
  return out;
}

/**
 * After a data-model upgrade: a migration reshapes rows (a new column, a value moved) without an audited change of
 * its own, so the audit check would report every reshaped row. Re-record every row's digest in one entry that says
 * what happened; the check vouches for the upgraded data from here on.
 */
export function recordUpgradeBaseline(db: Db, fromVersion: number, toVersion: number, at: Date): void {
  const hasDigests = (db.pragma('table_info(audit_log)') as { name: string }[]).some((c) => c.name === 'row_digests');
  if (!hasDigests) return;
  const digests = allDigests(db);
  if (digests.length === 0) return;
  // A migration in this upgrade may have recorded the same baseline itself (the one that introduced digests).
  const last = db.prepare('SELECT action, row_digests FROM audit_log ORDER BY id DESC LIMIT 1').get<{ action: string; row_digests: string | null }>();
  if (last?.action === 'audit.baseline' && last.row_digests === JSON.stringify(digests)) return;
  appendAudit(
    db,
    'Reciprocal',
    at,
    {
      action: 'audit.baseline',
      entityType: 'audit',
      summary: `Data upgraded from version ${fromVersion} to ${toVersion}: the audit check re-recorded ${digests.length} ${digests.length === 1 ? 'record' : 'records'}`,
    },
    digests,
  );
}
