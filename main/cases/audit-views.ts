import { addDays, parseIsoDate, type IsoDate } from '../../contract/calendar-date';
import type { AuditPage, AuditVerification } from '../../contract/case-views';
import { listAudit, verifyAuditChain, type AuditQuery } from '../audit/audit';
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

/** The actions and people in the log, for the filter lists. Indexed (migration 003), so cheap on a long log. */
function filterChoices(db: Db): { actions: string[]; actors: string[] } {
  const actions = db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action', { pluck: true }).all() as string[];
  const actors = db.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor', { pluck: true }).all() as string[];
  return { actions, actors };
}

export function verifyAudit(db: Db, now: Date): AuditVerification {
  return { ...verifyAuditChain(db), checkedAt: now.toISOString() };
}
