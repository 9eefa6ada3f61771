import type { IsoDate } from '../../contract/calendar-date';
import type { ActivityItem, TimelineEntry, TimelineKind } from '../../contract/case-views';
import type { CaseState } from '../../contract/cases';
import type { Db } from '../db/types';

/** The case timeline: append-only, like the audit log, but written for reading on the case page. */

export interface NewEvent {
  caseId: number;
  at: string;
  on: IsoDate;
  kind: TimelineKind;
  actor: string;
  fromState?: CaseState | null;
  toState?: CaseState | null;
  text?: string;
  /** Never the applicant's name or contact details: the summary also appears on Home. */
  summary: string;
}

export function addEvent(db: Db, e: NewEvent): number {
  return db
    .prepare(
      `INSERT INTO case_events (case_id, at, on_date, kind, actor, from_state, to_state, text, summary)
       VALUES ($case_id, $at, $on_date, $kind, $actor, $from_state, $to_state, $text, $summary)`,
    )
    .run({
      case_id: e.caseId,
      at: e.at,
      on_date: e.on,
      kind: e.kind,
      actor: e.actor,
      from_state: e.fromState ?? null,
      to_state: e.toState ?? null,
      text: e.text ?? '',
      summary: e.summary,
    }).lastInsertRowid;
}

type EventRow = {
  id: number;
  at: string;
  on_date: IsoDate;
  kind: TimelineKind;
  actor: string;
  from_state: CaseState | null;
  to_state: CaseState | null;
  text: string;
  summary: string;
};

/** Newest first: what happened last is what the coordinator needs to see first. */
export function listTimeline(db: Db, caseId: number): TimelineEntry[] {
  return db
    .prepare('SELECT id, at, on_date, kind, actor, from_state, to_state, text, summary FROM case_events WHERE case_id = ? ORDER BY on_date DESC, id DESC')
    .all<EventRow>([caseId])
    .map((r) => ({
      id: r.id,
      at: r.at,
      on: r.on_date,
      kind: r.kind,
      actor: r.actor,
      fromState: r.from_state,
      toState: r.to_state,
      text: r.text,
      summary: r.summary,
    }));
}

/** Home's latest activity. `LIMIT (? + 0)`: a bare LIMIT parameter is prepared again on every run (see ledger/cap.ts). */
export function recentActivity(db: Db, limit: number): ActivityItem[] {
  return db
    .prepare(
      `SELECT e.id, e.case_id AS caseId, c.reference, e.at, e.kind, e.summary, e.actor
       FROM case_events e JOIN cases c ON c.id = e.case_id
       ORDER BY e.id DESC LIMIT (? + 0)`,
    )
    .all<ActivityItem>([limit]);
}
