import { addDays, parseIsoDate, type IsoDate } from '../../contract/calendar-date';
import type { AuditPage, AuditVerification } from '../../contract/case-views';
import { listAudit, type AuditQuery } from '../audit/audit';
import { verifyAuditLog } from '../audit/row-check';
import type { Db } from '../db/types';
import { findCaseIdByReference } from './case-store';
import { normaliseReference } from './reference';

/*
 * The audit log as the coordinator reads it: the lead's append-only, hash-chained log (main/audit), filtered and
 * paged, with each entry's case shown by its scheme reference.
 */

export interface AuditFilter {
  caseId?: number | undefined;
  reference: string;
  action: string;
  actor: string;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** Local midnight as an instant: the log stores UTC timestamps, the coordinator filters by their own calendar day. */
function startOfLocalDay(date: IsoDate): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  return new Date(p.year, p.month - 1, p.day).toISOString();
}

export function auditPage(db: Db, f: AuditFilter): AuditPage {
  const query: AuditQuery = { limit: f.limit };
  if (f.caseId !== undefined) query.caseId = f.caseId;
  if (f.reference !== '') {
    const reference = normaliseReference(f.reference);
    const id = reference === null ? null : findCaseIdByReference(db, reference);
    if (id === null) return { entries: [], nextBeforeId: null, ...filterChoices(db) };
    query.caseId = id;
  }
  if (f.action !== '') query.action = f.action;
  if (f.actor !== '') query.actor = f.actor;
  if (f.from !== undefined) query.from = startOfLocalDay(f.from);
  if (f.to !== undefined) query.to = startOfLocalDay(addDays(f.to, 1));
  if (f.beforeId !== undefined) query.beforeId = f.beforeId;

  const entries = listAudit(db, query);
  const caseIds = [...new Set(entries.map((e) => e.caseId).filter((id): id is number => id !== null))];
  const references = new Map<number, string>();
  if (caseIds.length > 0) {
    const rows = db
      .prepare(`SELECT id, reference FROM cases WHERE id IN (${caseIds.map(() => '?').join(', ')})`)
      .all<{ id: number; reference: string }>(caseIds);
    for (const r of rows) references.set(r.id, r.reference);
  }
  const last = entries.at(-1);
  return {
    entries: entries.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      caseId: e.caseId,
      caseReference: e.caseId === null ? null : (references.get(e.caseId) ?? null),
      summary: e.summary,
      changes: e.changes,
      reason: e.reason,
    })),
    nextBeforeId: entries.length === f.limit && last !== undefined ? last.id : null,
    ...filterChoices(db),
  };
}

/**
 * The actions and people in the log, for the filter lists. A skip-scan of each index (migration 003): each step seeks
 * to the next value above the last, so the cost is a few seeks per distinct value (a dozen actions, a handful of
 * people) however long the log. `SELECT DISTINCT` walked every entry of the index, every page.
 */
function distinctValues(db: Db, column: 'action' | 'actor'): string[] {
  const index = column === 'action' ? 'audit_log_action' : 'audit_log_actor';
  return db
    .prepare(
      `WITH RECURSIVE v(value) AS (
         SELECT (SELECT min(${column}) FROM audit_log INDEXED BY ${index})
         UNION ALL
         SELECT (SELECT min(${column}) FROM audit_log INDEXED BY ${index} WHERE ${column} > v.value) FROM v WHERE v.value IS NOT NULL
       )
       SELECT value FROM v WHERE value IS NOT NULL`,
      { pluck: true },
    )
    .all() as string[];
}

function filterChoices(db: Db): { actions: string[]; actors: string[] } {
  return { actions: distinctValues(db, 'action'), actors: distinctValues(db, 'actor') };
}

/** The chain, and every case and partner against what its audit history says (main/audit/row-check.ts). */
export function verifyAudit(db: Db, now: Date): AuditVerification {
  const { ok, entries, firstBadId, problem } = verifyAuditLog(db);
  return { ok, entries, firstBadId, problem, checkedAt: now.toISOString() };
}
