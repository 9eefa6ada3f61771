import { create } from 'zustand';
import type { BoroughCoverage, PartnerListQueryInput, PartnerSummary } from '../../../contract/partners';
import { api, errorMessage, unwrap } from '../services/api';
import { registerReset } from './reset';

interface PartnersState {
  items: PartnerSummary[] | null;
  listError: string | null;
  coverage: BoroughCoverage[] | null;
  coverageError: string | null;
}

interface PartnersStore extends PartnersState {
  load(query: PartnerListQueryInput): Promise<void>;
  loadCoverage(): Promise<void>;
}

const initial: PartnersState = { items: null, listError: null, coverage: null, coverageError: null };

// Typing in the search box sends a request per keystroke; only the latest answer may land.
let latestList = 0;

export const usePartners = create<PartnersStore>((set) => ({
  ...initial,
  async load(query) {
    const ticket = ++latestList;
    try {
      const items = await unwrap(api().partners.list(query));
      if (ticket === latestList) set({ items, listError: null });
    } catch (err) {
      if (ticket === latestList) set({ items: [], listError: errorMessage(err) });
    }
  },
  async loadCoverage() {
    try {
      set({ coverage: await unwrap(api().partners.coverage({})), coverageError: null });
    } catch (err) {
      set({ coverage: [], coverageError: errorMessage(err) });
    }
  },
}));

registerReset(() => usePartners.setState(initial));
