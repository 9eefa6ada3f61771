import { daysBetween, type IsoDate } from '../../../contract/calendar-date';
import type { SourceContext, WaitRow, WaitsModel } from '../model';
import { inPeriod } from '../period';
import { MOVE_DATE_SQL, MOVED_IN_PERIOD } from './funnel';

/*
 * Time in each stage: referral → approval → first circulation → first offer → move. A wait counts in the period in
 * which it ended (the day the next step happened). Days on hold inside a wait are taken out of it and reported apart.
 */

type Milestones = {
  reference: string;
  received: IsoDate;
  approved: IsoDate | null;
  circulated: IsoDate | null;
  offered: IsoDate | null;
  moved: IsoDate | null;
};

interface Hold {
  from: IsoDate;
  to: IsoDate | null;
}

/**
 * The milestones of the cases with a step in the period: only they can have a wait that ended in it. Each source of
 * a step is read by its date's index (an approval, a first circulation, an offer or a move in the period), so the
 * report never walks every case the scheme has ever had. A case's first approval or first offer in the period is a
 * superset test: the stage itself then checks that the first one is the one in the period.
 */
function milestones(ctx: SourceContext): Milestones[] {
  return ctx.db
    .prepare(
      `WITH scope AS (
              SELECT case_id AS id FROM case_events WHERE kind = 'transition' AND to_state = 'approved' AND on_date BETWEEN :from AND :to
              UNION SELECT id FROM cases WHERE circulated_on BETWEEN :from AND :to
              UNION SELECT case_id FROM offers WHERE offered_on BETWEEN :from AND :to
              UNION SELECT m.case_id FROM moves m WHERE ${MOVED_IN_PERIOD})
       SELECT c.reference, c.received_on AS received,
              (SELECT min(e.on_date) FROM case_events e WHERE e.case_id = s.id AND e.kind = 'transition' AND e.to_state = 'approved') AS approved,
              c.circulated_on AS circulated,
              (SELECT min(o.offered_on) FROM offers o WHERE o.case_id = s.id) AS offered,
              (SELECT ${MOVE_DATE_SQL} FROM moves m WHERE m.case_id = s.id) AS moved
       FROM scope s JOIN cases c ON c.id = s.id
       WHERE c.received_on <= :to`,
    )
    .all<Milestones>({ from: ctx.period.from, to: ctx.period.to });
}

/**
 * Every spell on hold that began on or before the period's last day, by case reference; a spell still running has
 * `to` null. Read through the two transition indexes (into and out of on_hold), not by walking every event.
 */
export function holdsByCase(ctx: SourceContext): Map<string, Hold[]> {
  const rows = ctx.db
    .prepare(
      `SELECT c.reference, e.on_date, e.from_state, e.to_state FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.kind = 'transition' AND (e.to_state = 'on_hold' OR e.from_state = 'on_hold')
         AND e.case_id IN (SELECT case_id FROM case_events WHERE kind = 'transition' AND to_state = 'on_hold' AND on_date <= ?)
       ORDER BY e.case_id, e.on_date, e.id`,
    )
    .all<{ reference: string; on_date: IsoDate; from_state: string | null; to_state: string | null }>([ctx.period.to]);
  const out = new Map<string, Hold[]>();
  for (const r of rows) {
    const list = out.get(r.reference) ?? [];
    out.set(r.reference, list);
    if (r.to_state === 'on_hold') list.push({ from: r.on_date, to: null });
    else if (list.at(-1)?.to === null) list.at(-1)!.to = r.on_date;
  }
  return out;
}

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** Calendar and working days of hold inside (from, to]. */
function heldWithin(holds: readonly Hold[], from: IsoDate, to: IsoDate, working: SourceContext['workingDays']): { calendar: number; working: number } {
  let calendar = 0;
  let work = 0;
  for (const h of holds) {
    const start = later(h.from, from);
    const end = earlier(h.to ?? to, to);
    if (end <= start) continue;
    calendar += daysBetween(start, end);
    work += working(start, end);
  }
  return { calendar, working: work };
}

export const STAGES = [
  { id: 'approval', label: 'Referral to approval', from: 'received', to: 'approved' },
  { id: 'circulation', label: 'Approval to circulation', from: 'approved', to: 'circulated' },
  { id: 'offer', label: 'Circulation to first offer', from: 'circulated', to: 'offered' },
  { id: 'move', label: 'First offer to move', from: 'offered', to: 'moved' },
  { id: 'whole', label: 'Referral to move (the whole wait)', from: 'received', to: 'moved' },
] as const;

export const OVER_LIMITS = [30, 90, 180] as const;

export function stageTimes(ctx: SourceContext): WaitsModel {
  const holds = holdsByCase(ctx);
  const rows: WaitRow[] = STAGES.map((s) => ({ label: s.label, calendar: [], working: [], refs: [] }));
  for (const m of milestones(ctx)) {
    STAGES.forEach((s, i) => {
      const from = m[s.from];
      const to = m[s.to];
      if (!from || !to || !inPeriod(to, ctx.period) || to < from) return;
      const held = heldWithin(holds.get(m.reference) ?? [], from, to, ctx.workingDays);
      rows[i]!.calendar.push(daysBetween(from, to) - held.calendar);
      rows[i]!.working.push(ctx.workingDays(from, to) - held.working);
      rows[i]!.refs.push(m.reference);
    });
  }
  return {
    kind: 'waits',
    id: 'stage_times',
    title: 'Time in each stage',
    note: 'Days from one step to the next, counted in the period in which the wait ended. Working days leave out weekends and bank holidays. Days on hold are taken out and shown in their own table. Percentiles are Excel’s PERCENTILE.INC.',
    rows,
  };
}

/** Time on hold, apart from waiting: spells that ended in the period, and those still running at its end (to that day). */
export function holdTimes(ctx: SourceContext): WaitsModel {
  const ended: WaitRow = { label: 'Spells on hold that ended in the period', calendar: [], working: [], refs: [] };
  const running: WaitRow = { label: 'Spells on hold still running at the period’s end', calendar: [], working: [], refs: [] };
  for (const [reference, list] of holdsByCase(ctx)) {
    for (const h of list) {
      if (h.from > ctx.period.to) continue;
      const row = h.to !== null && h.to <= ctx.period.to ? (inPeriod(h.to, ctx.period) ? ended : null) : running;
      if (!row) continue;
      const to = row === running ? ctx.period.to : h.to!;
      row.calendar.push(daysBetween(h.from, to));
      row.working.push(ctx.workingDays(h.from, to));
      row.refs.push(reference);
    }
  }
  return {
    kind: 'waits',
    id: 'hold_times',
    title: 'Time on hold',
    note: 'Days on hold are not counted as waiting in any stage. A spell still running is measured to the last day of the period.',
    rows: [ended, running],
  };
}
