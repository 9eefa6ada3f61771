/**
 * Statistical disclosure control for publishable reports.
 *
 * The scheme's published numbers must not let anyone work out who a survivor is. The rules, after NHS Digital's
 * practice for Hospital Episode Statistics:
 * - a count from 1 to the threshold (7 by default) is shown as `*`; 0 is shown as 0, since "nobody" identifies nobody;
 * - every other count is rounded to the nearest rounding base (5 by default);
 * - rates are computed from the rounded numbers, never from the exact ones, so that a rate cannot be turned back
 *   into an exact count;
 * - in a cross-tabulation whose row and column totals are published, a line (row or column) with exactly one hidden
 *   cell would give that cell away by subtraction, so a second cell in that line is hidden too (secondary
 *   suppression), until no line has exactly one hidden cell;
 * - percentiles of a group whose size would itself be hidden are hidden.
 * Both numbers are policy settings; this module takes them as arguments and holds no policy of its own.
 */

export interface DisclosurePolicy {
  /** Counts from 1 to this value are suppressed. */
  threshold: number;
  /** Other counts are rounded to the nearest multiple of this. */
  roundingBase: number;
}

export const DEFAULT_DISCLOSURE: DisclosurePolicy = { threshold: 7, roundingBase: 5 };

/** A published figure: a number, or hidden. `why` says which rule hid it, for the report's notes. */
export type Published = { hidden: false; value: number } | { hidden: true; why: 'small' | 'secondary' };

export const SUPPRESSED_MARK = '*';

export function isSmall(count: number, policy: DisclosurePolicy): boolean {
  return count >= 1 && count <= policy.threshold;
}

export function roundCount(count: number, policy: DisclosurePolicy): number {
  const base = policy.roundingBase;
  if (base <= 1) return count;
  return Math.round(count / base) * base;
}

/** One count, primary suppression and rounding. */
export function publishCount(count: number, policy: DisclosurePolicy): Published {
  if (!Number.isInteger(count) || count < 0) throw new Error(`A count must be a whole number of 0 or more, not ${count}`);
  if (isSmall(count, policy)) return { hidden: true, why: 'small' };
  return { hidden: false, value: roundCount(count, policy) };
}

/**
 * A rate (e.g. a conversion from one funnel step to the next) from published numbers: hidden when either side is
 * hidden, null when the denominator is 0 (no rate to give).
 */
export function publishRate(numerator: Published, denominator: Published): Published | null {
  if (numerator.hidden || denominator.hidden)
    return { hidden: true, why: numerator.hidden ? numerator.why : (denominator as { why: 'small' | 'secondary' }).why };
  if (denominator.value === 0) return null;
  return { hidden: false, value: numerator.value / denominator.value };
}

/** Exact figures for internal reports: nothing hidden, nothing rounded. */
export function exactCount(count: number): Published {
  return { hidden: false, value: count };
}

export function exactRate(numerator: number, denominator: number): Published | null {
  if (denominator === 0) return null;
  return { hidden: false, value: numerator / denominator };
}

export interface ProtectedTable {
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  grandTotal: Published;
  /** Cells hidden only so that a small cell could not be recovered by subtraction: [row, column]. */
  secondary: [number, number][];
}

/**
 * A cross-tabulation with its row, column and grand totals, protected as a whole.
 *
 * The totals are treated as members of their lines: a row is its cells plus its total, so a hidden total counts as a
 * hidden member, and the grand total belongs to both the totals row and the totals column. Secondary suppression
 * repeats until no line has exactly one hidden member. Each time it hides the smallest non-zero visible cell of the
 * offending line (the least information lost); a line with nothing left to hide has its total hidden instead.
 */
export function protectTable(counts: readonly (readonly number[])[], policy: DisclosurePolicy): ProtectedTable {
  const rows = counts.length;
  const cols = rows ? counts[0]!.length : 0;
  for (const row of counts) if (row.length !== cols) throw new Error('Every row of a cross-tabulation needs the same number of columns');

  const rowTotal = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotal = Array.from({ length: cols }, (_, c) => counts.reduce((a, row) => a + row[c]!, 0));
  const grand = rowTotal.reduce((a, b) => a + b, 0);

  // An (rows+1) × (cols+1) grid: the last row holds the column totals, the last column the row totals.
  const value = (r: number, c: number) => (r === rows ? (c === cols ? grand : colTotal[c]!) : c === cols ? rowTotal[r]! : counts[r]![c]!);
  const hidden: ('small' | 'secondary' | null)[][] = Array.from({ length: rows + 1 }, (_, r) =>
    Array.from({ length: cols + 1 }, (_, c) => (isSmall(value(r, c), policy) ? 'small' : null)),
  );
  const secondary: [number, number][] = [];

  const lines = (): { cells: [number, number][] }[] => [
    ...Array.from({ length: rows + 1 }, (_, r) => ({ cells: Array.from({ length: cols + 1 }, (_, c) => [r, c] as [number, number]) })),
    ...Array.from({ length: cols + 1 }, (_, c) => ({ cells: Array.from({ length: rows + 1 }, (_, r) => [r, c] as [number, number]) })),
  ];

  // Each pass hides at least one more member or stops, and the grid is finite, so this ends.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines()) {
      const hiddenHere = line.cells.filter(([r, c]) => hidden[r]![c]);
      if (hiddenHere.length !== 1) continue;
      const candidates = line.cells
        .filter(([r, c]) => !hidden[r]![c] && value(r, c) > 0)
        // Prefer an inner cell to a total, then the smallest.
        .sort((a, b) => Number(a[0] === rows || a[1] === cols) - Number(b[0] === rows || b[1] === cols) || value(a[0], a[1]) - value(b[0], b[1]));
      const pick = candidates[0];
      if (!pick) continue; // every other member is 0: a hidden member among zeros equals the total, which is hidden or 0.
      hidden[pick[0]]![pick[1]] = 'secondary';
      if (pick[0] < rows && pick[1] < cols) secondary.push(pick);
      changed = true;
    }
  }

  const publish = (r: number, c: number): Published => {
    const why = hidden[r]![c];
    return why ? { hidden: true, why } : { hidden: false, value: roundCount(value(r, c), policy) };
  };
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => publish(r, c))),
    rowTotals: Array.from({ length: rows }, (_, r) => publish(r, cols)),
    columnTotals: Array.from({ length: cols }, (_, c) => publish(rows, c)),
    grandTotal: publish(rows, cols),
    secondary,
  };
}

/** A cross-tabulation for internal reports: exact, nothing hidden. Same shape, so the screens need one path. */
export function exactTable(counts: readonly (readonly number[])[]): ProtectedTable {
  const cols = counts.length ? counts[0]!.length : 0;
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: cols }, (_, c) => counts.reduce((a, row) => a + row[c]!, 0));
  return {
    cells: counts.map((row) => row.map(exactCount)),
    rowTotals: rowTotals.map(exactCount),
    columnTotals: columnTotals.map(exactCount),
    grandTotal: exactCount(rowTotals.reduce((a, b) => a + b, 0)),
    secondary: [],
  };
}

/** Percentiles are shown only for a group whose own count would be shown. */
export function percentilesVisible(groupSize: number, policy: DisclosurePolicy): boolean {
  return !isSmall(groupSize, policy) && groupSize > 0;
}

export function formatPublished(p: Published | null, format: (n: number) => string = String): string {
  if (p === null) return '–';
  return p.hidden ? SUPPRESSED_MARK : format(p.value);
}

/**
 * Disclosure control over any set of figures tied by sums: `lines` lists the figures (by index) that add up, with
 * signs, to one another (a row's total, or "start + change = end"), so that knowing all but one of a line gives the
 * last. Figures are judged by their size: a signed balance of −3 is as small as a count of 3. As in `protectTable`,
 * small figures are hidden, then any line with exactly one hidden figure has its smallest non-zero visible figure
 * hidden too (a figure in `preferLast` only when nothing else is left), until no line has exactly one.
 */
export function protectLines(
  values: readonly number[],
  lines: readonly (readonly number[])[],
  policy: DisclosurePolicy,
  preferLast: ReadonlySet<number> = new Set(),
): Published[] {
  const size = values.map((v) => Math.abs(v));
  const hidden: ('small' | 'secondary' | null)[] = size.map((n) => (isSmall(n, policy) ? 'small' : null));
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((i) => hidden[i]).length !== 1) continue;
      const pick = line
        .filter((i) => !hidden[i] && size[i]! > 0)
        .sort((a, b) => Number(preferLast.has(a)) - Number(preferLast.has(b)) || size[a]! - size[b]!)[0];
      if (pick === undefined) continue;
      hidden[pick] = 'secondary';
      changed = true;
    }
  }
  return values.map((v, i) => {
    const why = hidden[i];
    return why ? { hidden: true, why } : { hidden: false, value: Math.sign(v) * roundCount(size[i]!, policy) };
  });
}
