import { create } from 'zustand';
import type { CaseListQuery } from '../../../contract/case-channels';
import type { CaseListRow, Dashboard, ReferralOptions } from '../../../contract/case-views';
import { api, errorMessage, unwrap } from '../services/api';
import { registerReset } from './reset';

/** Rows are fetched in pages of this size as the list scrolls; the list never holds more than it has shown. */
export const PAGE_SIZE = 100;

interface CasesState {
  /** The query the loaded rows belong to, as a key: a new query starts a new list. */
  queryKey: string | null;
  total: number | null;
  /** Sparse: rows by their position in the whole list. */
  rows: Map<number, CaseListRow>;
  loadingPages: Set<number>;
  listError: string | null;
  dashboard: Dashboard | null;
  dashboardError: string | null;
  options: ReferralOptions | null;
}

interface CasesStore extends CasesState {
  /** Makes sure the rows in [from, to) are loaded for `query`. */
  ensureRows(query: CaseListQuery, from: number, to: number): Promise<void>;
  loadDashboard(): Promise<void>;
  loadOptions(): Promise<ReferralOptions>;
  /** After a change: lists and Home must be read again. */
  invalidate(): void;
}

const initial: CasesState = {
  queryKey: null,
  total: null,
  rows: new Map(),
  loadingPages: new Set(),
  listError: null,
  dashboard: null,
  dashboardError: null,
  options: null,
};

/**
 * Bumped whenever the rows held are thrown away (another query, or a write that makes them stale). An answer asked
 * for before that lands with an older number and is dropped: the same query asked again after a write must not take
 * a page read before it, nor clear the new request's loading mark, nor give its last row as the next page's keyset.
 */
let generation = 0;

export const useCases = create<CasesStore>((set, get) => ({
  ...initial,
  async ensureRows(query, from, to) {
    const key = JSON.stringify(query);
    if (get().queryKey !== key) {
      generation++;
      set({ queryKey: key, total: null, rows: new Map(), loadingPages: new Set(), listError: null });
    }
    const asked = generation;
    const first = Math.floor(from / PAGE_SIZE);
    const last = Math.max(first, Math.floor(Math.max(from, to - 1) / PAGE_SIZE));
    const pending: Promise<void>[] = [];
    for (let page = first; page <= last; page++) {
      const state = get();
      const total = state.total;
      if (total !== null && page * PAGE_SIZE >= total && page > 0) continue;
      if (state.loadingPages.has(page) || state.rows.has(page * PAGE_SIZE)) continue;
      state.loadingPages.add(page);
      // Scrolling on from a loaded page: the rows after its last row (keyset), so main reads one page of its index
      // however deep in the list; a page jumped to (the scroll bar dragged) is asked for by its position.
      const previous = page > 0 ? state.rows.get(page * PAGE_SIZE - 1) : undefined;
      pending.push(
        unwrap(api().cases.list({ ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE, ...(previous ? { after: previous.id } : {}) })).then(
          (result) => {
            // A page for an older query, or from before a write, lands late: drop it.
            if (asked !== generation) return;
            const rows = new Map(get().rows);
            result.rows.forEach((row, i) => rows.set(result.offset + i, row));
            get().loadingPages.delete(page);
            set({ rows, total: result.total, listError: null });
          },
          (err: unknown) => {
            if (asked !== generation) return;
            get().loadingPages.delete(page);
            set({ listError: errorMessage(err), total: get().total ?? 0 });
          },
        ),
      );
    }
    await Promise.all(pending);
  },
  async loadDashboard() {
    try {
      set({ dashboard: await unwrap(api().cases.dashboard({})), dashboardError: null });
    } catch (err) {
      set({ dashboardError: errorMessage(err) });
    }
  },
  async loadOptions() {
    const options = await unwrap(api().cases.referralOptions({}));
    set({ options });
    return options;
  },
  invalidate() {
    generation++;
    set({ queryKey: null, total: null, rows: new Map(), loadingPages: new Set(), dashboard: null });
  },
}));

registerReset(() => {
  generation++;
  useCases.setState({ ...initial, rows: new Map(), loadingPages: new Set() });
});
