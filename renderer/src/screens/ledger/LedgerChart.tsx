import type { LedgerRow } from '../../../../contract/ledger';

/*
 * The diverging bar chart: one bar per partner from a centre line, owed to the right and owing to the left. Each bar
 * carries its number as text, so nothing is told by colour alone; the table under the chart has the same numbers
 * and is what a screen reader is pointed to.
 */

const ROW = 26;
const LABEL = 230;
const WIDTH = 760;

export function LedgerChart({ rows, tableId }: { rows: readonly LedgerRow[]; tableId: string }) {
  const shown = rows.filter((r) => r.balance !== 0);
  if (shown.length === 0) return <p className="muted">Every partner shown is level: no bars to draw.</p>;
  const max = Math.max(1, ...shown.map((r) => Math.abs(r.balance)));
  const half = (WIDTH - LABEL - 40) / 2;
  const centre = LABEL + 20 + half;
  const scale = (n: number) => (Math.abs(n) / max) * (half - 28);
  const height = shown.length * ROW + 34;
  return (
    <figure className="ledger-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Balances of ${shown.length} partners: owed to the right, owing to the left. The same numbers are in the table that follows.`}
        aria-describedby={tableId}
        className="ledger-chart__svg"
      >
        <text x={centre - 8} y={14} textAnchor="end" className="ledger-chart__axis">
          ◀ Owes the scheme
        </text>
        <text x={centre + 8} y={14} className="ledger-chart__axis">
          Is owed ▶
        </text>
        <line x1={centre} x2={centre} y1={20} y2={height - 4} className="ledger-chart__centre" />
        {shown.map((r, i) => {
          const y = 26 + i * ROW;
          const w = scale(r.balance);
          const owed = r.balance > 0;
          return (
            <g key={r.partnerId}>
              <text x={LABEL} y={y + 14} textAnchor="end" className="ledger-chart__name">
                {r.name.length > 34 ? `${r.name.slice(0, 33)}…` : r.name}
              </text>
              <rect
                x={owed ? centre : centre - w}
                y={y + 2}
                width={Math.max(w, 2)}
                height={ROW - 8}
                className={`ledger-chart__bar ledger-chart__bar--${owed ? 'owed' : r.status === 'at_cap' ? 'cap' : 'owing'}`}
              />
              <text x={owed ? centre + w + 6 : centre - w - 6} y={y + 14} textAnchor={owed ? 'start' : 'end'} className="ledger-chart__value">
                {owed ? `+${r.balance}` : `−${-r.balance}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        Bars to the right: properties the partner is owed. Bars to the left: properties it owes; a darker bar is at the cap.
      </figcaption>
    </figure>
  );
}
