import { memo, useEffect, useRef, type ReactNode } from 'react';
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import type { CaseListQuery } from '../../../../contract/case-channels';
import type { CaseSortKey } from '../../../../contract/case-views';
import { formatUkDate } from '../../../../contract/dates';
import { SortHeader } from '../../components/SortHeader';
import { useCases } from '../../stores/cases-store';
import { DueBadge, StateBadge } from './labels';

/** A first guess for rows not yet drawn; each drawn row is then measured, since wrapped text makes rows taller. */
const ESTIMATED_ROW_HEIGHT = 86;
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

/**
 * Memoised: a keystroke in the search box re-renders the form, not the table; the table renders when its query
 * (deferred by the screen), its rows or its total change.
 */
export const CaseTable = memo(function CaseTable({
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
  const count = total ?? 0;
  // @tanstack/react-virtual: maintained, measures each drawn row (text wraps at large sizes), and keeps the
  // scroll position steady when a measured row differs from the estimate.
  // Rows not yet drawn are guessed at the height the last drawn row measured. A drawn row whose height equals its
  // guess moves nothing; each one that differs makes the virtualizer place every row after it again, which at 50,000
  // cases is what made scrolling stall.
  const typicalHeight = useRef(ESTIMATED_ROW_HEIGHT);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => typicalHeight.current,
    measureElement: (element, entry, instance) => {
      const size = measureElement(element, entry, instance);
      // Only a loaded row says how tall rows are: a "Loading…" placeholder is one line (and in the narrow card layout
      // several times shorter than a case).
      if (size > 0 && element.getAttribute('data-loaded') === 'true') typicalHeight.current = size;
      return size;
    },
    overscan: OVERSCAN,
    // React batches the re-renders that scrolling and measuring ask for, instead of one synchronous render per row
    // measured: a fast scroll draws about 30 new rows a frame, and 30 renders of the table made 90 ms frames.
    useFlushSync: false,
    // Keyed by position (the default), not by the row's id: a key that changes when a row loads, or a key function
    // made anew on each render, makes the virtualizer measure every position again. At 50,000 cases that was a
    // 0.8 s task while scrolling (issue 14's renderer bench). A new query starts a new list, so positions are stable.
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items.at(-1)?.index ?? 0) + 1;

  // Held at the end of the list (below): a new query lets go.
  const atEnd = useRef(false);
  // A new query starts at the top.
  const key = JSON.stringify(query);
  useEffect(() => {
    atEnd.current = false;
    virtualizer.scrollToOffset(0);
    // Heights are cached by position: the new query's rows are other cases, so they are measured afresh.
    virtualizer.measure();
  }, [key, virtualizer]);

  useEffect(() => {
    void ensureRows(query, first, Math.max(last, first + 30));
  }, [query, first, last, ensureRows, total]);

  // Dragged to the end, the list stays at the end: the last rows are drawn as one-line "Loading…" placeholders, then
  // grow when they load, and without this the rows just loaded pushed the last case out of view (and out of the rows
  // drawn), so the end was never reached. Reaching the bottom holds it there; only the coordinator's own wheel, key,
  // pointer or touch lets go (the virtualizer's own corrections to the scroll position must not).
  const totalSize = virtualizer.getTotalSize();
  useEffect(() => {
    const el = scroller.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [totalSize]);
  const noteEnd = () => {
    const el = scroller.current;
    if (el && el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2) atEnd.current = true;
  };
  const letGo = () => void (atEnd.current = false);

  if (total === 0) return empty;
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  return (
    <div
      ref={scroller}
      className="case-scroller"
      tabIndex={0}
      role="region"
      aria-label="Case list: scroll to see more cases"
      onScroll={noteEnd}
      onWheel={letGo}
      onKeyDown={letGo}
      onPointerDown={letGo}
      onTouchStart={letGo}
    >
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
          {before > 0 && (
            <tr aria-hidden="true" className="case-table__spacer">
              <td colSpan={COLUMNS.length} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows.get(item.index);
            if (!row) {
              return (
                <tr key={item.key} ref={virtualizer.measureElement} data-index={item.index} aria-rowindex={item.index + 2} className="case-row">
                  <td colSpan={COLUMNS.length} className="muted">
                    Loading…
                  </td>
                </tr>
              );
            }
            return (
              <tr
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                data-loaded="true"
                aria-rowindex={item.index + 2}
                className="case-row"
              >
                <td data-label="Reference">
                  <Link to={`/cases/${row.id}`} className="mono-link case-row__reference">
                    {row.reference}
                  </Link>
                </td>
                <td data-label="Applicant">{row.applicantName ?? <span title="Names are hidden in lists (Settings)">{row.applicantInitials}</span>}</td>
                <td data-label="State">
                  <StateBadge state={row.state} />
                  {row.needsRecirculation && <span className="badge badge--warn badge--gap">Re-circulate</span>}
                </td>
                <td data-label="Next deadline">
                  {row.nextDue ? (
                    <>
                      <DueBadge deadline={row.nextDue} />
                      {row.nextDue.rule && (
                        <span className="case-deadlines__rule case-deadlines__rule--brief" title={`${row.nextDue.label}: ${row.nextDue.rule}`}>
                          {row.nextDue.label}: {row.nextDue.rule}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td data-label="Home landlord">{row.homeLandlordName}</td>
                <td data-label="Current borough">{boroughName(row.currentBorough)}</td>
                <td data-label="Received">{formatUkDate(row.receivedOn)}</td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="case-table__spacer">
              <td colSpan={COLUMNS.length} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
});
