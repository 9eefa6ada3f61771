import { daysBetween, type IsoDate } from '../../../contract/calendar-date';
import { DEADLINE_LABELS, type DeadlineKind } from '../../../contract/case-views';
import type { CountsModel, HeadlineModel, SourceContext, WaitsModel } from '../model';
import { EMPTY_TALLY, tallyBy, tallyOf } from '../tally';
import { FUNNEL_STEPS, MOVED_IN_PERIOD } from './funnel';

/*
 * Operational reports: what the coordinator runs week to week rather than once a year. Same counting rule as the
 * funnel, over the period asked for (this month by default).
 */

/** The calendar month containing `today`, from its first day to today. */
export function monthToDate(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export function activity(ctx: SourceContext): HeadlineModel {
  const steps = FUNNEL_STEPS.filter((s) => s.id !== 'adults' && s.id !== 'children');
  const recirculations = (p: { from: string; to: string }) =>
    tallyOf(
      ctx.db
        .prepare("SELECT c.reference FROM circulations x JOIN cases c ON c.id = x.case_id WHERE x.kind = 'recirculation' AND x.circulated_on BETWEEN ? AND ?", {
          pluck: true,
        })
        .all<string>([p.from, p.to]),
    );
  const closed = (p: { from: string; to: string }) =>
    tallyOf(
      ctx.db
        .prepare(
          "SELECT c.reference FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.kind = 'transition' AND (e.to_state = 'closed' OR e.to_state = 'withdrawn') AND e.on_date BETWEEN ? AND ?",
          { pluck: true },
        )
        .all<string>([p.from, p.to]),
    );
  return {
    kind: 'headlines',
    id: 'activity',
    title: 'Activity',
    note: 'What happened in the period, each case once per line, compared with the same number of days before.',
    rows: [
      ...steps.map((s) => ({ id: s.id, label: s.label, current: s.of(ctx.db, ctx.period), previous: s.of(ctx.db, ctx.previous), rateOf: null })),
      { id: 'recirculated', label: 'Re-circulated', current: recirculations(ctx.period), previous: recirculations(ctx.previous), rateOf: null },
      { id: 'ended', label: 'Closed or withdrawn', current: closed(ctx.period), previous: closed(ctx.previous), rateOf: null },
    ],
  };
}

/** Cases whose soonest deadline has passed on `today`, by deadline, with how late. */
export function overdue(ctx: SourceContext, today: IsoDate): [CountsModel, WaitsModel] {
  const rows = ctx.db
    .prepare('SELECT next_due_kind AS key, reference, next_due_on AS due FROM cases WHERE next_due_on IS NOT NULL AND next_due_on < ?')
    .all<{ key: DeadlineKind; reference: string; due: IsoDate }>([today]);
  const kinds = Object.keys(DEADLINE_LABELS) as DeadlineKind[];
  const byKind = tallyBy(rows);
  const late = kinds.map((k) => {
    const mine = rows.filter((r) => r.key === k);
    return {
      label: DEADLINE_LABELS[k],
      calendar: mine.map((r) => daysBetween(r.due, today)),
      working: mine.map((r) => ctx.workingDays(r.due, today)),
      refs: mine.map((r) => r.reference),
    };
  });
  return [
    {
      kind: 'counts',
      id: 'overdue',
      title: 'Overdue, by deadline',
      note: `Cases whose next deadline was before ${today}. A case counts once, under its soonest deadline.`,
      rowLabels: kinds.map((k) => DEADLINE_LABELS[k]),
      columnLabels: ['Cases'],
      cells: kinds.map((k) => [byKind.get(k) ?? EMPTY_TALLY]),
      totals: 'columns',
    },
    { kind: 'waits', id: 'overdue_days', title: 'How late, by deadline', note: 'Days since the deadline.', rows: late },
  ];
}

/** Per partner: circulations received, offers made, moves into their homes and out of their tenancies. */
export function partnerActivity(ctx: SourceContext): CountsModel {
  const p = [ctx.period.from, ctx.period.to];
  type Row = { key: string; reference: string };
  const q = (sql: string) => tallyBy(ctx.db.prepare(sql).all<Row>(sql.includes(':from') ? { from: ctx.period.from, to: ctx.period.to } : p));
  const received = q(
    `SELECT DISTINCT r.partner_name AS key, c.reference FROM circulation_recipients r JOIN circulations x ON x.id = r.circulation_id JOIN cases c ON c.id = x.case_id
     WHERE x.circulated_on BETWEEN ? AND ?`,
  );
  const offers = q(
    'SELECT p.name AS key, c.reference FROM offers o JOIN partners p ON p.id = o.partner_id JOIN cases c ON c.id = o.case_id WHERE o.offered_on BETWEEN ? AND ?',
  );
  const movesIn = q(
    `SELECT p.name AS key, c.reference FROM moves m JOIN partners p ON p.id = m.receiving_partner_id JOIN cases c ON c.id = m.case_id WHERE ${MOVED_IN_PERIOD}`,
  );
  const movesOut = q(
    `SELECT p.name AS key, c.reference FROM moves m JOIN partners p ON p.id = m.home_partner_id JOIN cases c ON c.id = m.case_id WHERE ${MOVED_IN_PERIOD}`,
  );
  const names = [...new Set([...received.keys(), ...offers.keys(), ...movesIn.keys(), ...movesOut.keys()])].sort((a, b) => a.localeCompare(b, 'en-GB'));
  return {
    kind: 'counts',
    id: 'partner_activity',
    title: 'Partner activity',
    note: 'Cases whose request each partner received, offers each made, and moves into its homes and out of its tenancies, in the period.',
    rowLabels: names,
    columnLabels: ['Requests received', 'Offers made', 'Moves in', 'Moves out'],
    cells: names.map((n) => [received.get(n) ?? EMPTY_TALLY, offers.get(n) ?? EMPTY_TALLY, movesIn.get(n) ?? EMPTY_TALLY, movesOut.get(n) ?? EMPTY_TALLY]),
    totals: 'columns',
  };
}
