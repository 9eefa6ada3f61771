import { daysBetween, type IsoDate } from '../../../contract/calendar-date';
import { EQUALITY_LABELS } from '../../../contract/cases';
import type { CountsModel, SourceContext, WaitRow, WaitsModel } from '../model';
import { EMPTY_TALLY, tallyBy } from '../tally';
import { MOVE_DATE_SQL, MOVED_IN_PERIOD } from './funnel';

/*
 * Equality monitoring against the funnel and against waiting times, as the access studies did (LBT women, young
 * women leaving care, women in contact with the criminal justice system). Answers are opt-in: a case without answers
 * shows as "Not asked", and "Prefer not to say" is shown as given.
 */

export const NOT_ASKED = 'Not asked';

const CHARACTERISTICS = [
  { column: 'age_band', title: 'Age band', labels: EQUALITY_LABELS.ageBand },
  { column: 'gender', title: 'Gender', labels: EQUALITY_LABELS.gender },
  { column: 'ethnicity', title: 'Ethnic group', labels: EQUALITY_LABELS.ethnicity },
  { column: 'sexual_orientation', title: 'Sexual orientation', labels: EQUALITY_LABELS.sexualOrientation },
  { column: 'trans_status', title: 'Trans', labels: EQUALITY_LABELS.yesNoPrefer },
  { column: 'disability', title: 'Disabled', labels: EQUALITY_LABELS.yesNoPrefer },
  { column: 'care_leaver', title: 'Care leaver', labels: EQUALITY_LABELS.yesNoPrefer },
  { column: 'criminal_justice_contact', title: 'In contact with the criminal justice system', labels: EQUALITY_LABELS.yesNoPrefer },
] as const;

type Answers = Record<string, string | null> & { reference: string };

export function equality(ctx: SourceContext): (CountsModel | WaitsModel)[] {
  const p = { from: ctx.period.from, to: ctx.period.to };
  // Every characteristic from one read of the referrals and one of the moves, rather than two reads each.
  const columns = CHARACTERISTICS.map((ch) => `q.${ch.column}`).join(', ');
  const referredAll = ctx.db
    .prepare(`SELECT ${columns}, c.reference FROM cases c LEFT JOIN case_equality q ON q.case_id = c.id WHERE c.received_on BETWEEN :from AND :to`)
    .all<Answers>(p);
  const movedAll = ctx.db
    .prepare(
      `SELECT ${columns}, c.reference, c.received_on AS received, ${MOVE_DATE_SQL} AS moved
       FROM moves m JOIN cases c ON c.id = m.case_id LEFT JOIN case_equality q ON q.case_id = c.id WHERE ${MOVED_IN_PERIOD}`,
    )
    .all<Answers & { received: IsoDate; moved: IsoDate }>(p);
  return CHARACTERISTICS.flatMap((ch) => {
    const labels = ch.labels as Readonly<Record<string, string>>;
    const label = (k: string | null) => (k === null ? NOT_ASKED : (labels[k] ?? k));
    const referred = referredAll.map((r) => ({ key: r[ch.column] ?? null, reference: r.reference }));
    const moved = movedAll.map((r) => ({ key: r[ch.column] ?? null, reference: r.reference, received: r.received, moved: r.moved }));
    const byReferral = tallyBy(referred.map((r) => ({ key: label(r.key), reference: r.reference })));
    const byMove = tallyBy(moved.map((r) => ({ key: label(r.key), reference: r.reference })));
    // Every answer the question offers, in the question's order, then "Not asked": a group with nobody in it is
    // itself a finding (nobody in it was referred).
    const rowLabels = [...Object.values(labels), NOT_ASKED];
    const counts: CountsModel = {
      kind: 'counts',
      id: `equality_${ch.column}`,
      title: `Equality monitoring: ${ch.title}`,
      note: 'Referrals received and moves made in the period, by the applicant’s answer.',
      rowLabels,
      columnLabels: ['Referrals', 'Moves'],
      cells: rowLabels.map((l) => [byReferral.get(l) ?? EMPTY_TALLY, byMove.get(l) ?? EMPTY_TALLY]),
      totals: 'columns',
    };
    const waitRows: WaitRow[] = rowLabels.map((l) => ({ label: l, calendar: [], working: [], refs: [] }));
    for (const m of moved) {
      const row = waitRows[rowLabels.indexOf(label(m.key))]!;
      row.calendar.push(daysBetween(m.received, m.moved));
      row.working.push(ctx.workingDays(m.received, m.moved));
      row.refs.push(m.reference);
    }
    const waits: WaitsModel = {
      kind: 'waits',
      id: `equality_${ch.column}_waits`,
      title: `Equality monitoring: ${ch.title}, wait from referral to move`,
      note: 'Days from referral to move, for moves in the period, by the applicant’s answer.',
      rows: waitRows,
    };
    return [counts, waits];
  });
}
