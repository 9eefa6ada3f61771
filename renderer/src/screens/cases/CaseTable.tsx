import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import type { CaseListQuery } from '../../../../contract/case-channels';
import type { CaseSortKey } from '../../../../contract/case-views';
import { formatUkDate } from '../../../../contract/dates';
import { SortHeader } from '../../components/SortHeader';
import { useCases } from '../../stores/cases-store';
import { DueBadge, StateBadge } from './labels';

/** Fixed row height: the list only renders the rows in view, so it stays smooth at tens of thousands of cases. */
const ROW_HEIGHT = 44;
const OVERSCAN = 10;

const COLUMNS: { key: CaseSortKey; label: string }[] = [
  { key: 'reference', label: 'Reference' },
  { key: 'applicant', label: 'Applicant' },
  { key: 'state', label: 'State' },
  { key: 'nextDueOn', label: 'Next deadline' },
  { key: 'landlord', label: 'Home landlord' },
  { key: 'borough', label: 'Current borough' },
  { key: 'receivedOn', label: 'Received' },
];

export function CaseTable({
  query,
  onSort,
  empty,
}: {
  query: CaseListQuery;
  onSort(sort: CaseSortKey, direction: 'asc' | 'desc'): void;
  /** Shown instead of the table when no case matches (the table stays in charge of loading). */
  empty: ReactNode;
}) {
  const { rows, total, ensureRows } = useCases();
  const scroller = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, count: 30 });

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const first = Math.max(0, Math.floor(el.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(el.clientHeight / ROW_HEIGHT) + OVERSCAN * 2;
    setRange((r) => (r.first === first && r.count === count ? r : { first, count }));
  }, []);

  // A new query starts at the top.
  const key = JSON.stringify(query);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    measure();
  }, [key, measure]);

  useEffect(() => {
    void ensureRows(query, range.first, range.first + range.count);
  }, [query, range, ensureRows, total]);

  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);

  const count = total ?? 0;
  const last = Math.min(count, range.first + range.count);
  const visible: number[] = [];
  for (let i = range.first; i < last; i++) visible.push(i);

  if (total === 0) return empty;
  return (
    <div ref={scroller} className="case-scroller" onScroll={measure} tabIndex={0} role="region" aria-label="Case list: scroll to see more cases">
      <table className="table case-table" aria-rowcount={count + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <SortHeader
                key={c.key}
                label={c.label}
                active={query.sort === c.key}
                direction={query.direction ?? 'asc'}
                onSort={(direction) => onSort(c.key, direction)}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {range.first > 0 && (
            <tr aria-hidden="true" className="case-table__spacer">
              <td colSpan={COLUMNS.length} style={{ height: range.first * ROW_HEIGHT }} />
            </tr>
          )}
          {visible.map((index) => {
            const row = rows.get(index);
            if (!row) {
              return (
                <tr key={`loading-${index}`} aria-rowindex={index + 2} className="case-row">
                  <td colSpan={COLUMNS.length} className="muted">
                    Loading…
                  </td>
                </tr>
              );
            }
            return (
              <tr key={row.id} aria-rowindex={index + 2} className="case-row">
                <td>
                  <Link to={`/cases/${row.id}`} className="mono-link">
                    {row.reference}
                  </Link>
                </td>
                <td>{row.applicantName ?? <span aria-label={`Initials ${row.applicantInitials}`}>{row.applicantInitials}</span>}</td>
                <td>
                  <StateBadge state={row.state} />
                  {row.needsRecirculation && <span className="badge badge--warn badge--gap">Re-circulate</span>}
                </td>
                <td>{row.nextDue ? <DueBadge deadline={row.nextDue} /> : <span className="muted">None</span>}</td>
                <td className="ellipsis" title={row.homeLandlordName}>
                  {row.homeLandlordName}
                </td>
                <td>{boroughName(row.currentBorough)}</td>
                <td>{formatUkDate(row.receivedOn)}</td>
              </tr>
            );
          })}
          {last < count && (
            <tr aria-hidden="true" className="case-table__spacer">
              <td colSpan={COLUMNS.length} style={{ height: (count - last) * ROW_HEIGHT }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
