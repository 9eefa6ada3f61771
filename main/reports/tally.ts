/**
 * The internal form of every number in a report: the count and the cases behind it. A count is not always the
 * number of cases (people rehoused sums household sizes), so both are kept.
 */
export interface Tally {
  count: number;
  refs: string[];
}

export const EMPTY_TALLY: Tally = { count: 0, refs: [] };

/** One per distinct reference. */
export function tallyOf(refs: Iterable<string>): Tally {
  const unique = [...new Set(refs)].sort();
  return { count: unique.length, refs: unique };
}

/** Groups `(key, reference)` rows into one tally per key, each case once per key. */
export function tallyBy(rows: readonly { key: string; reference: string }[]): Map<string, Tally> {
  const sets = new Map<string, Set<string>>();
  for (const r of rows) {
    let s = sets.get(r.key);
    if (!s) sets.set(r.key, (s = new Set()));
    s.add(r.reference);
  }
  return new Map([...sets].map(([k, s]) => [k, tallyOf(s)]));
}
