import type { AuditChange, AuditEntryView } from '../../contract/audit';
import { createHash } from 'node:crypto';
import type { Db } from '../db/types';
import type { RowDigest } from './audited-rows';
import { tableExists } from '../db/table-exists';

/** The audit log's shapes are defined once, in the contract, since the renderer shows them. */
export type FieldChange = AuditChange;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  caseId?: number | null;
  summary: string;
  changes?: FieldChange[];
  reason?: string | null;
}

export type AuditEntry = Omit<AuditEntryView, 'caseReference'> & { prevHash: string; hash: string };

const GENESIS = '0'.repeat(64);

/** An audit_log row as stored. */
export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  case_id: number | null;
  summary: string;
  changes: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** JSON list of RowDigest: the audited rows this entry's change left, as they were at commit. Null for most. */
  row_digests?: string | null;
}

export function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  // A fixed field order, so the same entry always hashes the same way. Row digests joined the entry later
  // (migration 004-reliability): an entry without them hashes exactly as entries always did.
  const fields: unknown[] = [prevHash, row.at, row.actor, row.action, row.entity_type, row.entity_id, row.case_id, row.summary, row.changes, row.reason];
  if (row.row_digests !== undefined && row.row_digests !== null) fields.push(row.row_digests);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Call inside the same transaction as the change it records. `rowDigests`: see audited-rows.ts. */
export function appendAudit(db: Db, actor: string, at: Date, input: AuditInput, rowDigests?: readonly RowDigest[]): number {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1', { pluck: true }).get() as string | undefined;
  const prevHash = last ?? GENESIS;
  const row = {
    at: at.toISOString(),
    actor,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    case_id: input.caseId ?? null,
    summary: input.summary,
    changes: JSON.stringify(input.changes ?? []),
    reason: input.reason ?? null,
    ...(rowDigests && rowDigests.length > 0 ? { row_digests: JSON.stringify(rowDigests) } : {}),
  };
  const hash = entryHash(prevHash, row);
  // The column is named only when there are digests, so a database before 004-reliability can still be written.
  const names = Object.keys(row);
  const result = db
    .prepare(`INSERT INTO audit_log (${names.join(', ')}, prev_hash, hash) VALUES (${names.map((n) => `$${n}`).join(', ')}, $prev_hash, $hash)`)
    .run({ ...row, prev_hash: prevHash, hash });
  return result.lastInsertRowid;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry whose content or link does not match; null when the chain holds. */
  firstBadId: number | null;
  problem: string | null;
}

/** An entry the chain is known to reach: a backup's manifest records its newest entry's id and hash. */
export interface ChainPoint {
  id: number;
  hash: string;
}

export interface ChainOptions {
  progress?: { onProgress(done: number, total: number): void; throwIfCancelled(): void } | null;
  /**
   * Sees each entry once it has verified: the whole audit check reads the row digests there, in the same pass,
   * instead of reading the log a second time (at 50,000 cases the log is about 500 MB, and a second pass was a
   * quarter of the check).
   */
  onEntry?: (row: AuditRow) => void;
  /**
   * Walk only the entries after this one, which must be in the log with this hash. For a copy whose whole chain was
   * verified moments before (a restore checks the backup's snapshot, then copies it under a new key): the pages'
   * HMACs prove the copy was not altered after it was written, so only what the restore added needs walking.
   */
  from?: ChainPoint;
}

/** Walks the chain in id order, streaming in pages so that a long log does not load at once. */
export function verifyAuditChain(db: Db, options: ChainOptions = {}): ChainReport {
  const { progress = null, onEntry, from } = options;
  const page = db.prepare('SELECT * FROM audit_log WHERE id > $after ORDER BY id LIMIT 1000');
  const total = progress ? Number(db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get()) : 0;
  const redactions = readRedactions(db);
  // Redactions declared by an `audit.redacted` entry met so far (it always comes after the entries it redacted).
  const declared = new Set<number>();
  let prev = GENESIS;
  let after = 0;
  let count = 0;
  if (from !== undefined && from.id > 0) {
    const hash = db.prepare('SELECT hash FROM audit_log WHERE id = ?', { pluck: true }).get([from.id]) as string | undefined;
    if (hash !== from.hash) {
      return { ok: false, entries: 0, firstBadId: from.id, problem: `Entry ${from.id} is not the one the backup recorded as its newest.` };
    }
    prev = from.hash;
    after = from.id;
  }
  for (;;) {
    progress?.throwIfCancelled();
    progress?.onProgress(count, total);
    const rows = page.all({ after }) as unknown as AuditRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      count++;
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          entries: count,
          firstBadId: row.id,
          problem: `Entry ${row.id} does not link to the entry before it: an entry was removed or reordered.`,
        };
      }
      const expected = entryHash(prev, row);
      const redaction = redactions.get(row.id);
      if (redaction !== undefined) {
        // A redacted entry keeps the hash it was written with (the next entry links to it); its content is held to
        // the hash recorded when it was redacted, so an edit after the redaction still shows.
        if (row.hash !== redaction.original_hash || expected !== redaction.redacted_hash) {
          return { ok: false, entries: count, firstBadId: row.id, problem: `Entry ${row.id} was changed after its personal details were erased.` };
        }
      } else if (expected !== row.hash) {
        return { ok: false, entries: count, firstBadId: row.id, problem: `Entry ${row.id} was changed after it was written.` };
      }
      if (row.action === REDACTION_ACTION) {
        for (const id of declaredRedactions(row, redactions)) {
          if (id >= row.id) {
            return { ok: false, entries: count, firstBadId: row.id, problem: `Entry ${row.id} records an erasure that does not match the audit log.` };
          }
          declared.add(id);
        }
      }
      onEntry?.(row);
      prev = row.hash;
      after = row.id;
    }
  }
  for (const id of redactions.keys()) {
    // A walk that starts part-way cannot see the declarations of erasures before its start.
    if (!declared.has(id) && id > (from?.id ?? 0)) {
      return {
        ok: false,
        entries: count,
        firstBadId: id,
        problem: `Entry ${id} was rewritten as an erasure, but no erasure in the audit log records it: it was changed outside Reciprocal.`,
      };
    }
  }
  return { ok: true, entries: count, firstBadId: null, problem: null };
}

/** The action of the entry that declares a redaction: its `changes` list each redacted entry and both its hashes. */
export const REDACTION_ACTION = 'audit.redacted';

type RedactionRow = {
  audit_id: number;
  original_hash: string;
  redacted_hash: string;
};

function readRedactions(db: Db): Map<number, RedactionRow> {
  if (!tableExists(db, 'audit_redactions')) return new Map();
  const rows = db.prepare('SELECT audit_id, original_hash, redacted_hash FROM audit_redactions').all<RedactionRow>();
  return new Map(rows.map((r) => [r.audit_id, r]));
}

/** The ids an `audit.redacted` entry declares, each only if its hashes agree with the redaction record. */
function declaredRedactions(row: AuditRow, redactions: ReadonlyMap<number, RedactionRow>): number[] {
  let changes: unknown;
  try {
    changes = JSON.parse(row.changes);
  } catch {
    return [];
  }
  if (!Array.isArray(changes)) return [];
  const ids: number[] = [];
  for (const c of changes as { field?: unknown; before?: unknown; after?: unknown }[]) {
    const match = typeof c.field === 'string' ? /^entry (\d+)$/.exec(c.field) : null;
    if (!match) continue;
    const id = Number(match[1]);
    const r = redactions.get(id);
    if (r !== undefined && r.original_hash === c.before && r.redacted_hash === c.after) ids.push(id);
  }
  return ids;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    caseId: row.case_id,
    summary: row.summary,
    changes: JSON.parse(row.changes) as FieldChange[],
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditQuery {
  caseId?: number;
  entityType?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
  beforeId?: number;
}

/**
 * Newest first, paged by id (keyset: `beforeId`) so that it stays fast on a long log. Two steps: the page's ids from
 * an index, then only those rows. A date range alone is read from `audit_log_at`, whose entries hold the id, so a
 * month of entries is never fetched and sorted as whole rows (the planner, left to itself, did just that); the
 * other filters' indexes (case, entity, action, actor) already give their entries in id order.
 */
export function listAudit(db: Db, q: AuditQuery = {}): AuditEntry[] {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const filters: [string, string | number | undefined][] = [
    ['case_id = $caseId', q.caseId],
    ['entity_type = $entityType', q.entityType],
    ['entity_id = $entityId', q.entityId],
    ['action = $action', q.action],
    ['actor = $actor', q.actor],
    ['at >= $from', q.from],
    ['at < $to', q.to],
    ['id < $beforeId', q.beforeId],
  ];
  for (const [clause, value] of filters) {
    if (value === undefined || value === '') continue;
    where.push(clause);
    params[clause.slice(clause.indexOf('$') + 1)] = value;
  }
  params.limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const keyed = [q.caseId, q.entityType, q.entityId, q.action, q.actor].some((v) => v !== undefined && v !== '');
  const dated = [q.from, q.to].some((v) => v !== undefined && v !== '');
  const index = dated && !keyed ? 'INDEXED BY audit_log_at' : '';
  const ids = db
    .prepare(`SELECT id FROM audit_log ${index} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $limit`, { pluck: true })
    .all(params) as number[];
  if (ids.length === 0) return [];
  const rows = db.prepare(`SELECT * FROM audit_log WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id DESC`).all(ids) as unknown as AuditRow[];
  return rows.map(toAuditEntry);
}

/** Before/after for each named field that differs; values compared as JSON so arrays and objects work. */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}
