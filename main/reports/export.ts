import type { ReportTable, YearEndReportView } from '../../contract/reports';
import { formatUkDate } from '../../contract/dates';
import { csvBytes, writeCsv } from '../csv/csv';
import { TaggedPdf } from '../pdf/tagged-pdf';

/*
 * The report as files. Both are built from the published view alone, so a publishable file can only hold what the
 * publishable view holds: no case reference is ever written, in either mode (references are for checking on screen).
 */

export const REPORT_FILE_TITLE = (view: YearEndReportView, kind: string) =>
  `${kind} ${view.period.label} (${view.mode === 'publishable' ? 'publishable' : 'internal, not for publication'})`;

/** Every table, one after another, each under its title and note, in one CSV through the app's CSV writer. */
export function reportCsv(view: YearEndReportView, kind = 'Year-end report'): Buffer {
  const rows: string[][] = [
    [REPORT_FILE_TITLE(view, kind)],
    [`Period: ${formatUkDate(view.period.from)} to ${formatUkDate(view.period.to)}`],
    ...view.rules.map((r) => [r]),
    [],
  ];
  for (const t of view.tables) {
    rows.push([t.title], [t.note]);
    if (t.status === 'not_recorded') {
      rows.push(['Not recorded yet'], []);
      continue;
    }
    rows.push(['', ...t.columns]);
    for (const r of t.rows) rows.push([r.label, ...r.cells.map((c) => c.text)]);
    rows.push([]);
  }
  return csvBytes(writeCsv(rows));
}

/** The tables drawn as bar charts, by id: which column each chart shows. */
const CHARTS: Readonly<Record<string, { column: number; what: string }>> = {
  funnel: { column: 0, what: 'Bar chart of the funnel for this period' },
  stage_times: { column: 1, what: 'Bar chart of the median days in each stage' },
  borough_moves: { column: 1, what: 'Bar chart of moves into each borough' },
  by_route: { column: 0, what: 'Bar chart of moves by route' },
};

type Bar = { label: string; value: number | null; text: string };
type Chart = { alt: string; bars: Bar[] };

const altOf = (what: string, bars: readonly Bar[], extra = '') =>
  `${what}: ${bars.map((b) => `${b.label} ${b.text}`).join('; ') || 'none'}.${extra} The same numbers are in the table that follows.`;

const inner = (t: ReportTable) => t.rows.filter((r) => r.label !== 'Total');

/**
 * The flow between boroughs as a chart: one bar per pair of boroughs (from → to) with any move, largest first, read
 * from the flow matrix's inner cells (its totals are in the table). A hidden cell is drawn as an empty bar marked *.
 */
export function flowChart(t: ReportTable): Chart {
  const columns = t.columns.slice(0, -1);
  const bars = inner(t)
    .flatMap((r) => columns.map((to, c) => ({ label: `${r.label} to ${to}`, value: r.cells[c]!.value, text: r.cells[c]!.text })))
    .filter((b) => b.text !== '0')
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.label.localeCompare(b.label, 'en-GB'));
  return { alt: altOf('Bar chart of moves between boroughs, from the borough left to the borough moved to, largest first', bars), bars };
}

/** The ledger as two charts, partners owed homes and partners owing homes at the period's end, each by its size. */
export function ledgerCharts(t: ReportTable): Chart[] {
  const column = t.columns.indexOf('Position at the end');
  const rows = inner(t).map((r) => ({ label: r.label, value: r.cells[column]!.value, text: r.cells[column]!.text }));
  const hidden = rows.filter((r) => r.value === null).map((r) => r.label);
  const extra = hidden.length ? ` Hidden as small numbers, so in neither chart: ${hidden.join(', ')}.` : '';
  const owed = rows.filter((r) => (r.value ?? 0) > 0).sort((a, b) => b.value! - a.value!);
  const owing = rows
    .filter((r) => (r.value ?? 0) < 0)
    .map((r) => ({ ...r, value: -r.value! }))
    .sort((a, b) => b.value - a.value);
  return [
    { alt: altOf('Bar chart of the homes owed to each partner at the period’s end', owed, extra), bars: owed },
    { alt: altOf('Bar chart of the homes each partner owes at the period’s end', owing, extra), bars: owing },
  ].filter((c) => c.bars.length > 0);
}

function chartsOf(t: ReportTable): Chart[] {
  if (t.status !== 'ok') return [];
  if (t.id === 'borough_flow') return t.rows.length > 1 ? [flowChart(t)] : [];
  if (t.id === 'ledger') return ledgerCharts(t);
  const spec = CHARTS[t.id];
  if (!spec) return [];
  const bars = inner(t)
    .map((r) => ({ label: r.label, value: r.cells[spec.column]?.value ?? null, text: r.cells[spec.column]?.text ?? '' }))
    .filter((b) => b.text !== 'Not recorded yet');
  return [{ alt: altOf(spec.what, bars), bars }];
}

/** A4, tagged, charts as vectors, through the app's one PDF module. */
export async function reportPdf(view: YearEndReportView, createdAt: Date, kind = 'Year-end report'): Promise<Buffer> {
  const title = REPORT_FILE_TITLE(view, kind);
  const pdf = new TaggedPdf({ title, createdAt });
  pdf.heading(title, 1);
  pdf.paragraph(
    `${formatUkDate(view.period.from)} to ${formatUkDate(view.period.to)}, compared with ${formatUkDate(view.previous.from)} to ${formatUkDate(view.previous.to)}.`,
  );
  for (const r of view.rules) pdf.paragraph(r, { muted: true });
  for (const t of view.tables) {
    pdf.heading(t.title);
    pdf.paragraph(t.note, { muted: true });
    if (t.status === 'not_recorded') continue;
    for (const chart of chartsOf(t)) pdf.barChart(chart.alt, chart.bars);
    pdf.table(
      ['', ...t.columns],
      t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
      { rowHeaders: true },
    );
  }
  const { bytes } = await pdf.finish(title);
  return bytes;
}
