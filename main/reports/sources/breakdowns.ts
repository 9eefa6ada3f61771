import { boroughName, isBoroughCode } from '../../../contract/boroughs';
import { REFERRING_AGENCY_KIND_LABELS, RISK_CATEGORY_LABELS, type ReferringAgencyKind, type RiskCategory } from '../../../contract/cases';
import { MOVE_ROUTE_LABELS, type MoveRoute } from '../../../contract/offers';
import type { CountsModel, SourceContext } from '../model';
import { EMPTY_TALLY, tallyBy } from '../tally';
import { MOVED_IN_PERIOD } from './funnel';

/*
 * Breakdowns, each counted by referral (cases received in the period) and by move (moves in the period), side by
 * side. Rows come from the data: a category nobody is in is left out rather than shown as a row of zeros.
 */

type KeyRow = { key: string; reference: string };

const REFERRED = 'FROM cases c WHERE c.received_on BETWEEN ? AND ?';
const MOVED = `FROM moves m JOIN cases c ON c.id = m.case_id WHERE ${MOVED_IN_PERIOD}`;

function sideBySide(
  ctx: SourceContext,
  spec: {
    id: string;
    title: string;
    note: string;
    referralKey: string | null;
    moveKey: string;
    joins?: string;
    label: (key: string) => string;
    order?: (a: string, b: string) => number;
    totals: CountsModel['totals'];
  },
): CountsModel {
  const p = [ctx.period.from, ctx.period.to];
  const named = { from: ctx.period.from, to: ctx.period.to };
  const joins = spec.joins ?? '';
  const byReferral =
    spec.referralKey === null
      ? new Map()
      : tallyBy(ctx.db.prepare(`SELECT ${spec.referralKey} AS key, c.reference ${REFERRED.replace('WHERE', `${joins} WHERE`)}`).all<KeyRow>(p));
  const byMove = tallyBy(ctx.db.prepare(`SELECT ${spec.moveKey} AS key, c.reference ${MOVED.replace('WHERE', `${joins} WHERE`)}`).all<KeyRow>(named));
  const keys = [...new Set([...byReferral.keys(), ...byMove.keys()])].sort(spec.order ?? ((a, b) => spec.label(a).localeCompare(spec.label(b), 'en-GB')));
  const columns = spec.referralKey === null ? ['Moves'] : ['Referrals', 'Moves'];
  return {
    kind: 'counts',
    id: spec.id,
    title: spec.title,
    note: spec.note,
    rowLabels: keys.map(spec.label),
    columnLabels: columns,
    cells: keys.map((k) => (spec.referralKey === null ? [byMove.get(k) ?? EMPTY_TALLY] : [byReferral.get(k) ?? EMPTY_TALLY, byMove.get(k) ?? EMPTY_TALLY])),
    totals: spec.totals,
  };
}

const label =
  <K extends string>(labels: Readonly<Record<K, string>>) =>
  (key: string) =>
    labels[key as K] ?? key;

const NOT_RECORDED = '(not recorded)';

export function byRisk(ctx: SourceContext): CountsModel {
  return sideBySide(ctx, {
    id: 'by_risk',
    title: 'By risk category',
    note: 'A case with more than one risk category counts in each, so the rows do not add up to the total of cases; no total is shown.',
    referralKey: 'r.category',
    moveKey: 'r.category',
    joins: 'JOIN case_risk_categories r ON r.case_id = c.id',
    label: label<RiskCategory>(RISK_CATEGORY_LABELS),
    totals: 'none',
  });
}

export function byAgencyKind(ctx: SourceContext): CountsModel {
  return sideBySide(ctx, {
    id: 'by_agency_kind',
    title: 'By type of referring agency',
    note: 'Each case once, by the type of agency that referred it.',
    referralKey: 'c.referring_agency_kind',
    moveKey: 'c.referring_agency_kind',
    label: label<ReferringAgencyKind>(REFERRING_AGENCY_KIND_LABELS),
    totals: 'columns',
  });
}

export function byPartner(ctx: SourceContext): CountsModel {
  return sideBySide(ctx, {
    id: 'by_partner',
    title: 'By partner',
    note: 'Referrals by the applicant’s home landlord; moves by the landlord that let the new home (Housing Moves moves have none).',
    referralKey: '(SELECT name FROM partners WHERE id = c.home_landlord_id)',
    moveKey: "COALESCE((SELECT name FROM partners WHERE id = m.receiving_partner_id), 'No partner landlord (Housing Moves or other route)')",
    totals: 'columns',
    label: (k) => k,
  });
}

export function byRoute(ctx: SourceContext): CountsModel {
  return sideBySide(ctx, {
    id: 'by_route',
    title: 'By move route',
    note: 'Moves by route: a reciprocal offer from a partner, or the Housing Moves pathway.',
    referralKey: null,
    moveKey: 'm.route',
    label: label<MoveRoute>(MOVE_ROUTE_LABELS),
    totals: 'columns',
  });
}

const bedroomsLabel = (k: string) => (k === NOT_RECORDED ? k : k === '0' ? 'Studio or bedsit' : `${k} bedroom${k === '1' ? '' : 's'}`);

export function byBedrooms(ctx: SourceContext): CountsModel {
  return sideBySide(ctx, {
    id: 'by_bedrooms',
    title: 'By bedroom size',
    note: 'Referrals by the bedrooms of the home the household has; moves by the bedrooms of the home let (not recorded for a move without a partner property).',
    referralKey: 'CAST(c.bedrooms AS TEXT)',
    moveKey: `COALESCE((SELECT CAST(pr.bedrooms AS TEXT) FROM offers o JOIN properties pr ON pr.id = o.property_id WHERE o.id = m.offer_id), '${NOT_RECORDED}')`,
    label: bedroomsLabel,
    order: (a, b) => (a === NOT_RECORDED ? 1 : b === NOT_RECORDED ? -1 : Number(a) - Number(b)),
    totals: 'columns',
  });
}

const boroughLabel = (code: string) => (isBoroughCode(code) ? boroughName(code) : NOT_RECORDED);

/** From-borough → to-borough for moves in the period: a cross-tabulation, protected as a whole when published. */
export function boroughFlow(ctx: SourceContext): CountsModel {
  const rows = ctx.db
    .prepare(`SELECT c.current_borough AS "from", COALESCE(m.receiving_borough, '') AS "to", c.reference ${MOVED}`)
    .all<{ from: string; to: string; reference: string }>({ from: ctx.period.from, to: ctx.period.to });
  const byName = (a: string, b: string) => boroughLabel(a).localeCompare(boroughLabel(b), 'en-GB');
  const froms = [...new Set(rows.map((r) => r.from))].sort(byName);
  const tos = [...new Set(rows.map((r) => r.to))].sort(byName);
  const cells = tallyBy(rows.map((r) => ({ key: `${r.from}>${r.to}`, reference: r.reference })));
  return {
    kind: 'counts',
    id: 'borough_flow',
    title: 'Moves between boroughs',
    note: 'Each move once: rows are the borough the household moved from, columns the borough of the new home.',
    rowLabels: froms.map(boroughLabel),
    columnLabels: tos.map(boroughLabel),
    cells: froms.map((f) => tos.map((t) => cells.get(`${f}>${t}`) ?? EMPTY_TALLY)),
    totals: 'cross',
  };
}

/** Moves out of and into each borough: what the borough map is shaded by. */
export function boroughMoves(ctx: SourceContext): CountsModel {
  const p = { from: ctx.period.from, to: ctx.period.to };
  const out = tallyBy(ctx.db.prepare(`SELECT c.current_borough AS key, c.reference ${MOVED}`).all<KeyRow>(p));
  const into = tallyBy(ctx.db.prepare(`SELECT m.receiving_borough AS key, c.reference ${MOVED} AND m.receiving_borough IS NOT NULL`).all<KeyRow>(p));
  const codes = [...new Set([...out.keys(), ...into.keys()])].sort((a, b) => boroughLabel(a).localeCompare(boroughLabel(b), 'en-GB'));
  return {
    kind: 'counts',
    id: 'borough_moves',
    title: 'Moves out of and into each borough',
    note: 'Moves in the period, by the borough left and the borough moved to. Boroughs with no move are left out.',
    rowLabels: codes.map(boroughLabel),
    columnLabels: ['Moves out', 'Moves in'],
    cells: codes.map((c) => [out.get(c) ?? EMPTY_TALLY, into.get(c) ?? EMPTY_TALLY]),
    totals: 'columns',
  };
}

/** The borough codes of `boroughMoves`' rows, in the same order, for the map. */
export function boroughMoveCodes(ctx: SourceContext): string[] {
  const p = { from: ctx.period.from, to: ctx.period.to };
  const codes = ctx.db
    .prepare(`SELECT c.current_borough ${MOVED} UNION SELECT m.receiving_borough ${MOVED} AND m.receiving_borough IS NOT NULL`, { pluck: true })
    .all<string>(p);
  return codes.sort((a, b) => boroughLabel(a).localeCompare(boroughLabel(b), 'en-GB'));
}
