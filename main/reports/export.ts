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

/** The tables drawn as charts, by id: which column each chart shows. */
const CHARTS: Readonly<Record<string, { column: number; what: string }>> = {
  funnel: { column: 0, what: 'Bar chart of the funnel for this period' },
  stage_times: { column: 1, what: 'Bar chart of the median days in each stage' },
  borough_moves: { column: 1, what: 'Bar chart of moves into each borough' },
  by_route: { column: 0, what: 'Bar chart of moves by route' },
};

function chartOf(t: ReportTable): { alt: string; bars: { label: string; value: number | null; text: string }[] } | null {
  const spec = CHARTS[t.id];
  if (!spec || t.status !== 'ok') return null;
  const bars = t.rows
    .filter((r) => r.label !== 'Total')
    .map((r) => ({ label: r.label, value: r.cells[spec.column]?.value ?? null, text: r.cells[spec.column]?.text ?? '' }))
    .filter((b) => b.text !== 'Not recorded yet');
  const alt = `${spec.what}: ${bars.map((b) => `${b.label} ${b.text}`).join('; ')}. The same numbers are in the table that follows.`;
  return { alt, bars };
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
    const chart = chartOf(t);
    if (chart) pdf.barChart(chart.alt, chart.bars);
    pdf.table(
      ['', ...t.columns],
      t.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)]),
      { rowHeaders: true },
    );
  }
  const { bytes } = await pdf.finish(title);
  return bytes;
}
