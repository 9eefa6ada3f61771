import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/*
 * A list's filters, sort and search live in the address (`?state=approved&sort=…`), so Back returns to the same list
 * and other screens can link to a filtered one. Used by the case list and the partners list.
 */

export type ParamPatch = Record<string, string | undefined>;

/** The value if it is one of `values`, else undefined: the address can hold anything. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** The address's parameters, and a stable way to change some of them (blank or undefined removes one). */
export function useListParams(): [URLSearchParams, (patch: ParamPatch) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: ParamPatch) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        // Filtering is not navigating: Back leaves the list rather than stepping through each filter. A filter is
        // shown at once (flushSync): a data router otherwise defers the render, and a checkbox seems not to take.
        // Nor does a filter scroll the list back to the top.
        { replace: true, flushSync: true, preventScrollReset: true },
      ),
    [setParams],
  );
  return [params, update];
}

/**
 * The search box's text, applied a moment after the coordinator stops typing rather than on every keystroke.
 * Returns the text as typed and its setter (set it to '' when the filters are cleared).
 */
export function useDebouncedSearch(applied: string, apply: (search: string) => void, delayMs = 250): [string, (text: string) => void] {
  const [search, setSearch] = useState(applied);
  useEffect(() => {
    if (search === applied) return;
    const timer = setTimeout(() => apply(search), delayMs);
    return () => clearTimeout(timer);
  }, [search, applied, apply, delayMs]);
  return [search, setSearch];
}
