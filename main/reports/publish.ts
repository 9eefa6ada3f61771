import type { ReportCell, ReportMode, ReportRow, ReportTable } from '../../contract/reports';
import {
  exactCount,
  exactRate,
  exactTable,
  formatPublished,
  percentilesVisible,
  protectLines,
  protectTable,
  publishCount,
  publishRate,
  type DisclosurePolicy,
  type ProtectedTable,
  type Published,
} from './disclosure';
import { formatChange, formatCount, formatDays, formatRate } from './format';
import type { CountsModel, HeadlineModel, LedgerModel, TableModel, WaitsModel } from './model';
import { LEDGER_COLUMNS } from './sources/ledger';
import { countOver, spread } from './stats';
import { missingCase } from '../../contract/missing-case';
import { tallyOf, type Tally } from './tally';
import { OVER_LIMITS } from './sources/stages';

/*
 * Turns the internal tables into what is shown, for one mode. Internal: exact, every count with its cases.
 * Publishable: disclosure control from disclosure.ts, and no case reference anywhere.
 */

interface Publisher {
  mode: ReportMode;
  policy: DisclosurePolicy;
}

function cell(p: Published | null, tally: Tally | null, pub: Publisher, format: (n: number) => string = formatCount): ReportCell {
  const out: ReportCell = { text: formatPublished(p, format), value: p && !p.hidden ? p.value : null };
  if (pub.mode === 'internal' && tally) out.refs = tally.refs;
  return out;
}

const count = (n: number, pub: Publisher): Published => (pub.mode === 'internal' ? exactCount(n) : publishCount(n, pub.policy));
const rate = (a: Published, b: Published, pub: Publisher): Published | null =>
  pub.mode === 'internal' ? exactRate(a.hidden ? 0 : a.value, b.hidden ? 0 : b.value) : publishRate(a, b);

function headlines(m: HeadlineModel, pub: Publisher): ReportTable {
  const byId = new Map(m.rows.map((r) => [r.id, r]));
  const published = (t: Tally | null) => (t === null ? null : count(t.count, pub));
  const notRecorded: ReportCell = { text: 'Not recorded yet', value: null };
  const rows: ReportRow[] = m.rows.map((r) => {
    const denominator = r.rateOf ? byId.get(r.rateOf) : undefined;
    const now = published(r.current);
    const before = published(r.previous);
    const nowRate = now && denominator?.current ? rate(now, published(denominator.current)!, pub) : null;
    const beforeRate = before && denominator?.previous ? rate(before, published(denominator.previous)!, pub) : null;
    const change: Published | null =
      now && before ? (now.hidden || before.hidden ? { hidden: true, why: 'small' } : { hidden: false, value: now.value - before.value }) : null;
    return {
      label: r.label,
      cells: [
        now ? cell(now, r.current, pub) : notRecorded,
        cell(nowRate, null, pub, formatRate),
        before ? cell(before, r.previous, pub) : notRecorded,
        cell(beforeRate, null, pub, formatRate),
        now && before ? cell(change, null, pub, formatChange) : notRecorded,
      ],
    };
  });
  return { id: m.id, title: m.title, note: m.note, status: 'ok', columns: ['This period', 'Conversion', 'Previous period', 'Conversion then', 'Change'], rows };
}

function union(tallies: readonly Tally[]): Tally {
  return tallyOf(tallies.flatMap((t) => t.refs));
}

function protect(counts: number[][], pub: Publisher): ProtectedTable {
  return pub.mode === 'internal' ? exactTable(counts) : protectTable(counts, pub.policy);
}

function counts(m: CountsModel, pub: Publisher): ReportTable {
  const n = m.cells.map((row) => row.map((t) => t.count));
  const base = { id: m.id, title: m.title, note: m.note, status: 'ok' as const };
  switch (m.totals) {
    case 'none':
      return {
        ...base,
        columns: m.columnLabels,
        rows: m.rowLabels.map((label, r) => ({ label, cells: m.cells[r]!.map((t) => cell(count(t.count, pub), t, pub)) })),
      };
    case 'cross': {
      const t = protect(n, pub);
      const rows: ReportRow[] = m.rowLabels.map((label, r) => ({
        label,
        cells: [...m.cells[r]!.map((tally, c) => cell(t.cells[r]![c]!, tally, pub)), cell(t.rowTotals[r]!, union(m.cells[r]!), pub)],
      }));
      rows.push({
        label: 'Total',
        cells: [
          ...m.columnLabels.map((_, c) => cell(t.columnTotals[c]!, union(m.cells.map((row) => row[c]!)), pub)),
          cell(t.grandTotal, union(m.cells.flat()), pub),
        ],
      });
      return { ...base, columns: [...m.columnLabels, 'Total'], rows };
    }
    case 'columns': {
      // Each column is its own breakdown: protected alone, so that its total cannot give a hidden row away.
      const perColumn = m.columnLabels.map((_, c) =>
        protect(
          n.map((row) => [row[c]!]),
          pub,
        ),
      );
      const rows: ReportRow[] = m.rowLabels.map((label, r) => ({ label, cells: perColumn.map((t, c) => cell(t.cells[r]![0]!, m.cells[r]![c]!, pub)) }));
      rows.push({ label: 'Total', cells: perColumn.map((t, c) => cell(t.grandTotal, union(m.cells.map((row) => row[c]!)), pub)) });
      return { ...base, columns: m.columnLabels, rows };
    }
    default:
      return missingCase(m.totals);
  }
}

export const WAIT_COLUMNS = [
  'Cases',
  'Median days',
  '25th percentile',
  '75th percentile',
  'Median working days',
  '25th percentile (working)',
  '75th percentile (working)',
  ...OVER_LIMITS.map((d) => `Over ${d} days`),
];

function waits(m: WaitsModel, pub: Publisher): ReportTable {
  const rows: ReportRow[] = m.rows.map((r) => {
    const all = tallyOf(r.refs);
    const size = count(r.refs.length, pub);
    const show = pub.mode === 'internal' || percentilesVisible(r.refs.length, pub.policy);
    const pct = (v: number | null): ReportCell => {
      if (v === null) return { text: '–', value: null };
      if (!show) return { text: '*', value: null };
      return { text: formatDays(v), value: v, ...(pub.mode === 'internal' ? { refs: all.refs } : {}) };
    };
    const cal = spread(r.calendar);
    const work = spread(r.working);
    const over = countOver(r.calendar, OVER_LIMITS).map((o) => {
      const refs = r.refs.filter((_, i) => r.calendar[i]! > o.over);
      return cell(count(o.count, pub), tallyOf(refs), pub);
    });
    return {
      label: r.label,
      cells: [cell(size, all, pub), pct(cal.median), pct(cal.p25), pct(cal.p75), pct(work.median), pct(work.p25), pct(work.p75), ...over],
    };
  });
  return { id: m.id, title: m.title, note: m.note, status: 'ok', columns: WAIT_COLUMNS, rows };
}

/**
 * The ledger part. Positions and adjustments are signed; moves are counts. Published, every figure is judged by its
 * size, and the sums that tie a row together (start + change = end; given − moves out + adjustments = change) and
 * each column to its total are protected as lines, so that no hidden figure can be worked out from the others.
 */
function ledgerPart(m: LedgerModel, pub: Publisher): ReportTable {
  const width = LEDGER_COLUMNS.length;
  const figures = (r: LedgerModel['rows'][number]) => [
    r.start,
    r.given.count,
    r.reciprocalOut.count,
    r.housingMovesOut.count,
    r.adjustments,
    r.end - r.start,
    r.end,
  ];
  const grid = m.rows.map(figures);
  const totals = Array.from({ length: width }, (_, c) => grid.reduce((sum, row) => sum + row[c]!, 0));
  const all = [...grid, totals];
  const values = all.flat();
  const at = (r: number, c: number) => r * width + c;
  const lines: number[][] = [];
  all.forEach((_, r) => {
    lines.push([at(r, 0), at(r, 5), at(r, 6)]);
    lines.push([at(r, 1), at(r, 2), ...(m.housingMovesBooked ? [at(r, 3)] : []), at(r, 4), at(r, 5)]);
  });
  for (let c = 0; c < width; c++) lines.push(all.map((_, r) => at(r, c)));
  const totalRow = new Set(Array.from({ length: width }, (_, c) => at(grid.length, c)));
  const published: Published[] = pub.mode === 'internal' ? values.map(exactCount) : protectLines(values, lines, pub.policy, totalRow);
  const refsOf = (r: number, c: number): string[] => {
    const row = m.rows[r];
    if (!row) return tallyOf(m.rows.flatMap((_, i) => refsOf(i, c))).refs;
    switch (c) {
      case 1:
        return row.given.refs;
      case 2:
        return row.reciprocalOut.refs;
      case 3:
        return row.housingMovesOut.refs;
      case 4:
        return row.adjustmentRefs;
      case 5:
        return tallyOf([...row.given.refs, ...row.reciprocalOut.refs, ...(m.housingMovesBooked ? row.housingMovesOut.refs : []), ...row.adjustmentRefs]).refs;
      default:
        // A position is every booking since the ledger began, opening balances included: no list of cases gives it.
        return [];
    }
  };
  const signed = (c: number) => c === 0 || c === 4 || c === 5 || c === 6;
  const rows: ReportRow[] = all.map((_, r) => ({
    label: r === grid.length ? 'Total' : m.rows[r]!.label,
    cells: Array.from({ length: width }, (_, c) => {
      const refs = refsOf(r, c);
      return cell(published[at(r, c)]!, refs.length ? { count: refs.length, refs } : null, pub, signed(c) ? formatChange : formatCount);
    }),
  }));
  return { id: m.id, title: m.title, note: m.note, status: 'ok', columns: [...LEDGER_COLUMNS], rows };
}

export function publishTable(m: TableModel, pub: Publisher): ReportTable {
  switch (m.kind) {
    case 'headlines':
      return headlines(m, pub);
    case 'counts':
      return counts(m, pub);
    case 'waits':
      return waits(m, pub);
    case 'ledger':
      return ledgerPart(m, pub);
    case 'not_recorded':
      return { id: m.id, title: m.title, note: m.note, status: 'not_recorded', columns: [], rows: [] };
    default:
      return missingCase(m);
  }
}
