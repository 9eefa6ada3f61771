import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { BOROUGHS, type BoroughCode } from '../../../../contract/boroughs';
import { todayIso } from '../../../../contract/calendar-date';
import { financialYearLabel, financialYearOf, formatUkDate, parseUkDate } from '../../../../contract/dates';
import type { ReportCell, ReportMode, ReportTable, YearEndReportView } from '../../../../contract/reports';
import { BoroughMap } from '../../components/boroughs/BoroughMap';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/Field';
import { JobProgress, useJobProgress } from '../../components/job-progress';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import './reports.css';

/*
 * The year-end report on screen: choose a financial year or any range, internal or publishable. Every chart has its
 * numbers in a table beside it; in internal mode every number opens to the cases behind it. The numbers all come
 * from main (main/reports/year-end.ts); this screen only lays them out.
 */

const CODE_BY_NAME = new Map<string, BoroughCode>(BOROUGHS.map((b) => [b.name, b.code]));
const CHARTED: Readonly<Record<string, number>> = { funnel: 0, stage_times: 1, by_route: 0 };

interface Opened {
  title: string;
  refs: string[];
}

function financialYears(): { from: string; to: string; label: string }[] {
  const current = financialYearOf(todayIso());
  return Array.from({ length: 6 }, (_, i) => current - i).map((y) => ({ from: `${y}-04-01`, to: `${y + 1}-03-31`, label: financialYearLabel(y) }));
}

function Bars({ table, column }: { table: ReportTable; column: number }) {
  const rows = table.rows.filter((r) => r.label !== 'Total' && r.cells[column]?.text !== 'Not recorded yet');
  const max = Math.max(1, ...rows.map((r) => r.cells[column]?.value ?? 0));
  return (
    // The numbers are in the table beside the chart; the chart itself is for looking at.
    <div className="report-bars" aria-hidden="true">
      {rows.map((r) => {
        const cell = r.cells[column]!;
        return (
          <div className="report-bars__row" key={r.label}>
            <span className="report-bars__label">{r.label}</span>
            <span className="report-bars__track">
              <span className="report-bars__bar" style={{ width: `${((cell.value ?? 0) / max) * 100}%` }} />
            </span>
            <span className="report-bars__value">{cell.text}</span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * The ledger chart: each partner's position at the period's end as a bar either side of zero, owed to the right and
 * owing to the left. A hidden (small) position has no bar and reads "*", as in the table beside it.
 */
function LedgerBars({ table }: { table: ReportTable }) {
  const column = table.columns.indexOf('Position at the end');
  const rows = table.rows.filter((r) => r.label !== 'Total');
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.cells[column]?.value ?? 0)));
  return (
    <div className="report-bars report-bars--diverging" aria-hidden="true">
      <div className="report-bars__row report-bars__legend">
        <span />
        <span className="report-bars__ends">
          <span>Owes homes</span>
          <span>Is owed homes</span>
        </span>
        <span />
      </div>
      {rows.map((r) => {
        const cell = r.cells[column]!;
        const v = cell.value ?? 0;
        const width = `${(Math.abs(v) / max) * 50}%`;
        return (
          <div className="report-bars__row" key={r.label}>
            <span className="report-bars__label">{r.label}</span>
            <span className="report-bars__track report-bars__track--diverging">
              <span
                className={v < 0 ? 'report-bars__bar report-bars__bar--owing' : 'report-bars__bar'}
                style={v < 0 ? { width, right: '50%' } : { width, left: '50%' }}
              />
            </span>
            <span className="report-bars__value">{cell.text}</span>
          </div>
        );
      })}
    </div>
  );
}

function Cell({ cell, title, onOpen }: { cell: ReportCell; title: string; onOpen(o: Opened): void }) {
  if (cell.refs && cell.refs.length > 0) {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => onOpen({ title, refs: cell.refs! })}
        aria-label={`${cell.text}: show the ${cell.refs.length} cases behind ${title}`}
      >
        {cell.text}
      </button>
    );
  }
  return <>{cell.text}</>;
}

function ReportTableView({ table, onOpen, shade }: { table: ReportTable; onOpen(o: Opened): void; shade?: boolean }) {
  const max = shade ? Math.max(1, ...table.rows.flatMap((r) => r.cells.slice(0, -1).map((c) => c.value ?? 0))) : 1;
  return (
    // A wide table scrolls by itself; the region is focusable so that it scrolls from the keyboard too.
    <div className="table-scroll" role="region" aria-label={table.title} tabIndex={0}>
      <table className="table report-table" data-report-table={table.id}>
        <caption className="visually-hidden">{table.title}</caption>
        <thead>
          <tr>
            <td />
            {table.columns.map((c) => (
              <th key={c} scope="col" className="num">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => {
                const heat = shade && r.label !== 'Total' && i < r.cells.length - 1 && c.value ? Math.ceil((c.value / max) * 4) : 0;
                return (
                  <td key={i} className={heat ? `num report-heat report-heat--${heat}` : 'num'}>
                    <Cell cell={c} title={`${table.title}: ${r.label}, ${table.columns[i] ?? ''}`} onOpen={onOpen} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BoroughMaps({ table }: { table: ReportTable }) {
  const out: Partial<Record<BoroughCode, number>> = {};
  const into: Partial<Record<BoroughCode, number>> = {};
  for (const r of table.rows) {
    const code = CODE_BY_NAME.get(r.label);
    if (!code) continue;
    out[code] = r.cells[0]?.value ?? 0;
    into[code] = r.cells[1]?.value ?? 0;
  }
  const moves = (n: number) => `${n} move${n === 1 ? '' : 's'}`;
  return (
    <div className="report-maps">
      <figure>
        <figcaption>Moves out</figcaption>
        <BoroughMap mode="coverage" label="Map of moves out of each borough" counts={out} describeCount={moves} onOpen={() => undefined} />
      </figure>
      <figure>
        <figcaption>Moves in</figcaption>
        <BoroughMap mode="coverage" label="Map of moves into each borough" counts={into} describeCount={moves} onOpen={() => undefined} />
      </figure>
    </div>
  );
}

export function ReportsScreen() {
  const years = financialYears();
  const [period, setPeriod] = useState({ from: years[1]!.from, to: years[1]!.to });
  const [mode, setMode] = useState<ReportMode>('internal');
  const [result, setResult] = useState<{ key: string; view: YearEndReportView | null; error: string | null } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [range, setRange] = useState({ from: formatUkDate(period.from), to: formatUkDate(period.to) });
  const [rangeError, setRangeError] = useState<string | null>(null);
  const choose = (p: { from: string; to: string }) => {
    setPeriod(p);
    setRange({ from: formatUkDate(p.from), to: formatUkDate(p.to) });
    setRangeError(null);
  };
  const applyRange = () => {
    const from = parseUkDate(range.from);
    const to = parseUkDate(range.to);
    if (!from || !to) return setRangeError('Enter both dates as dd/mm/yyyy, like 01/04/2025');
    if (from > to) return setRangeError('The period must end on or after the day it starts');
    choose({ from, to });
  };
  const progress = useJobProgress('reports.yearEnd');

  const key = `${period.from}|${period.to}|${mode}`;
  useEffect(() => {
    let live = true;
    unwrap(api().reports.yearEnd({ ...period, mode })).then(
      (v) => live && setResult({ key, view: v, error: null }),
      (e: unknown) => live && setResult({ key, view: null, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [key, period, mode]);
  const loading = result?.key !== key;
  const view = result?.view ?? null;
  // While another period or mode is worked out, the figures on screen are the last one's: they stay (so the page
  // does not jump) but are dimmed, marked busy, out of reach and labelled as the old period's, never as the new one.
  const stale = loading && view !== null;
  const error = result?.error ?? exportError;
  const asked = `${formatUkDate(period.from)} to ${formatUkDate(period.to)}, ${mode === 'internal' ? 'internal' : 'publishable'}`;

  const exportAs = (format: 'pdf' | 'csv') => {
    setNotice(null);
    setExportError(null);
    unwrap(api().reports.export({ report: 'year_end', format, ...period, mode })).then(
      (r) => setNotice(r.cancelled ? null : `Saved ${r.fileName}.`),
      (e: unknown) => setExportError(errorMessage(e)),
    );
  };

  const fy = years.find((y) => y.from === period.from && y.to === period.to);
  return (
    <Screen
      name="reports"
      title="Reports"
      ready={view !== null || error !== null}
      actions={
        <>
          <button type="button" className="button" onClick={() => exportAs('pdf')} disabled={!view || loading}>
            Export PDF
          </button>
          <button type="button" className="button" onClick={() => exportAs('csv')} disabled={!view || loading}>
            Export CSV
          </button>
        </>
      }
    >
      <form className="panel report-controls" onSubmit={(e) => e.preventDefault()} aria-label="Report period and mode">
        <label>
          Financial year
          <select
            value={fy ? fy.from : 'range'}
            onChange={(e) => {
              const y = years.find((x) => x.from === e.target.value);
              if (y) choose({ from: y.from, to: y.to });
            }}
          >
            {years.map((y) => (
              <option key={y.from} value={y.from}>
                {y.label}
              </option>
            ))}
            {!fy && <option value="range">A date range</option>}
          </select>
        </label>
        <label>
          From (dd/mm/yyyy)
          <input type="text" inputMode="numeric" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
        </label>
        <label>
          To (dd/mm/yyyy)
          <input type="text" inputMode="numeric" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
        </label>
        <button type="button" className="button" onClick={applyRange}>
          Show this range
        </button>
        <fieldset className="report-mode">
          <legend>Numbers</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'internal'} onChange={() => setMode('internal')} /> Internal (exact)
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'publishable'} onChange={() => setMode('publishable')} /> Publishable (small numbers hidden)
          </label>
        </fieldset>
      </form>
      {progress && <JobProgress progress={progress} />}
      {loading && (
        <p role="status" className="report-recomputing">
          Working out the report for {asked}…
          {view && (
            <>
              {' '}
              The figures below are still those for {formatUkDate(view.period.from)} to {formatUkDate(view.period.to)} ({view.mode}) until it is ready.
            </>
          )}
        </p>
      )}
      <FormAlert message={rangeError ?? error} />
      {notice && <p role="status">{notice}</p>}
      {view && (
        <div
          className={stale ? 'report report--stale' : 'report'}
          data-mode={view.mode}
          data-stale={stale ? 'true' : undefined}
          aria-busy={stale}
          inert={stale}
        >
          <p>
            <strong>{view.period.label}</strong> ({formatUkDate(view.period.from)} to {formatUkDate(view.period.to)}), compared with{' '}
            {formatUkDate(view.previous.from)} to {formatUkDate(view.previous.to)}.
          </p>
          <ul className="report-rules">
            {view.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {view.tables.map((t) => (
            <section key={t.id} className="panel report-section" aria-labelledby={`report-${t.id}`} data-report={t.id}>
              <h2 id={`report-${t.id}`}>{t.title}</h2>
              <p className="muted small">{t.note}</p>
              {t.status === 'not_recorded' ? (
                <p>
                  <strong>Not recorded yet.</strong>
                </p>
              ) : (
                <div className={CHARTED[t.id] !== undefined || t.id === 'borough_moves' || t.id === 'ledger' ? 'report-pair' : undefined}>
                  {CHARTED[t.id] !== undefined && <Bars table={t} column={CHARTED[t.id]!} />}
                  {t.id === 'borough_moves' && <BoroughMaps table={t} />}
                  {t.id === 'ledger' && t.rows.length > 1 && <LedgerBars table={t} />}
                  <ReportTableView table={t} onOpen={setOpened} shade={t.id === 'borough_flow'} />
                </div>
              )}
            </section>
          ))}
        </div>
      )}
      {opened && (
        <Dialog name="report-cases" title={`The cases behind this number`} onClose={() => setOpened(null)}>
          <p>{opened.title}</p>
          <ul className="report-refs">
            {opened.refs.map((r) => (
              <li key={r}>
                <Link to={`/cases?search=${encodeURIComponent(r)}&closed=1`} className="mono-link">
                  {r}
                </Link>
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </Screen>
  );
}
