import { daysBetween, type IsoDate } from '../../../contract/calendar-date';
import { CLOSURE_REASON_LABELS, type ClosureReason } from '../../../contract/cases';
import { DECLINE_REASON_LABELS, type DeclineReason } from '../../../contract/offers';
import type { CountsModel, SourceContext, WaitsModel } from '../model';
import { EMPTY_TALLY, tallyBy } from '../tally';

/*
 * Outcomes. Reasons are always the coded category: the free text a coordinator typed beside a reason never enters a
 * report, in either mode.
 */

type KeyRow = { key: string; reference: string };

/** Cases that ended in the period (closed or withdrawn), by closure reason. A moved case ends as "Moved". */
export function closureReasons(ctx: SourceContext): CountsModel {
  const rows = ctx.db
    .prepare(
      `SELECT COALESCE(c.closure_reason, CASE WHEN e.to_state = 'withdrawn' THEN 'withdrawn' ELSE 'other' END) AS key, c.reference
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.kind = 'transition' AND (e.to_state = 'closed' OR e.to_state = 'withdrawn') AND e.on_date BETWEEN ? AND ?`,
    )
    .all<KeyRow>([ctx.period.from, ctx.period.to]);
  return oneColumn(ctx, {
    id: 'closure_reasons',
    title: 'Why cases ended',
    note: 'Cases closed or withdrawn in the period, by their coded closure reason.',
    column: 'Cases',
    rows,
    label: (k) => CLOSURE_REASON_LABELS[k as ClosureReason] ?? k,
  });
}

/**
 * Landlord declines by the declining (home) landlord. The decline's reason is written as free text on the case, not
 * coded, so it is not reported: the report says so rather than showing words from a case.
 */
export function landlordDeclines(ctx: SourceContext): CountsModel {
  const rows = ctx.db
    .prepare(
      `SELECT DISTINCT p.name AS key, c.reference FROM case_events e JOIN cases c ON c.id = e.case_id JOIN partners p ON p.id = c.home_landlord_id
       WHERE e.kind = 'transition' AND e.to_state = 'landlord_declined' AND e.on_date BETWEEN ? AND ?`,
    )
    .all<KeyRow>([ctx.period.from, ctx.period.to]);
  return oneColumn(ctx, {
    id: 'landlord_declines',
    title: 'Landlord declines',
    note: 'Cases declined by the home landlord in the period, by landlord. Landlords give their reasons in their own words, which are not coded yet, so no reason is reported.',
    column: 'Cases',
    rows,
    label: (k) => k,
  });
}

export function applicantDeclines(ctx: SourceContext): CountsModel {
  const rows = ctx.db
    .prepare(
      `SELECT o.decline_reason AS key, c.reference FROM offers o JOIN cases c ON c.id = o.case_id
       WHERE o.outcome = 'declined' AND o.decided_on BETWEEN ? AND ?`,
    )
    .all<KeyRow>([ctx.period.from, ctx.period.to]);
  return oneColumn(ctx, {
    id: 'applicant_declines',
    title: 'Why applicants declined offers',
    note: 'Offers declined in the period, by the coded reason; a case that declined twice for one reason counts once in that row.',
    column: 'Cases',
    rows,
    label: (k) => DECLINE_REASON_LABELS[k as DeclineReason] ?? k,
  });
}

function oneColumn(
  _ctx: SourceContext,
  spec: { id: string; title: string; note: string; column: string; rows: KeyRow[]; label: (key: string) => string },
): CountsModel {
  const byKey = tallyBy(spec.rows);
  const keys = [...byKey.keys()].sort((a, b) => spec.label(a).localeCompare(spec.label(b), 'en-GB'));
  return {
    kind: 'counts',
    id: spec.id,
    title: spec.title,
    note: spec.note,
    rowLabels: keys.map(spec.label),
    columnLabels: [spec.column],
    cells: keys.map((k) => [byKey.get(k) ?? EMPTY_TALLY]),
    totals: 'columns',
  };
}

const openMemo = new WeakMap<SourceContext, { reference: string; received: IsoDate }[]>();

/**
 * Received on or before the period's last day, and not yet moved, closed or withdrawn by then. Two parts of the
 * report read it, so it is worked out once per report (per context, which lives for one report).
 */
function openAtEnd(ctx: SourceContext): { reference: string; received: IsoDate }[] {
  const known = openMemo.get(ctx);
  if (known) return known;
  const open = ctx.db
    .prepare(
      `SELECT c.reference, c.received_on AS received FROM cases c
       WHERE c.received_on <= ?
         AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transition'
                         AND (e.to_state = 'moved' OR e.to_state = 'closed' OR e.to_state = 'withdrawn') AND e.on_date <= ?)`,
    )
    .all<{ reference: string; received: IsoDate }>([ctx.period.to, ctx.period.to]);
  openMemo.set(ctx, open);
  return open;
}

export const AGE_BANDS = [
  { label: 'Up to 30 days', max: 30 },
  { label: '31 to 90 days', max: 90 },
  { label: '91 to 180 days', max: 180 },
  { label: 'Over 180 days', max: Infinity },
] as const;

export function openCasesByAge(ctx: SourceContext): CountsModel {
  const rows = openAtEnd(ctx).map((c) => {
    const age = daysBetween(c.received, ctx.period.to);
    return { key: AGE_BANDS.find((b) => age <= b.max)!.label, reference: c.reference };
  });
  const byKey = tallyBy(rows);
  return {
    kind: 'counts',
    id: 'open_by_age',
    title: 'Cases still open at the period’s end',
    note: 'Cases received on or before the last day of the period and not moved, closed or withdrawn by then, by days since the referral was received.',
    rowLabels: AGE_BANDS.map((b) => b.label),
    columnLabels: ['Cases'],
    cells: AGE_BANDS.map((b) => [byKey.get(b.label) ?? EMPTY_TALLY]),
    totals: 'columns',
  };
}

export function openCaseAges(ctx: SourceContext): WaitsModel {
  const open = openAtEnd(ctx);
  return {
    kind: 'waits',
    id: 'open_ages',
    title: 'Age of the cases still open',
    note: 'Days from the referral to the last day of the period.',
    rows: [
      {
        label: 'Open cases',
        calendar: open.map((c) => daysBetween(c.received, ctx.period.to)),
        working: open.map((c) => ctx.workingDays(c.received, ctx.period.to)),
        refs: open.map((c) => c.reference),
      },
    ],
  };
}
