import { create } from 'zustand';
import type { SessionStatus } from '../../../contract/session';
import { api, unwrap } from '../services/api';
import { resetAllStores } from './reset';

interface SessionStore {
  status: SessionStatus | null;
  loadError: string | null;
  lockedBecause: string | null;
  refresh(): Promise<void>;
  setStatus(status: SessionStatus): void;
  /** Main locked (idle, suspend, the button): drop every screen's state. */
  locked(reason: string): void;
  lockNow(): Promise<void>;
}

export const useSession = create<SessionStore>((set, get) => ({
  status: null,
  loadError: null,
  lockedBecause: null,
  async refresh() {
    try {
      set({ status: await unwrap(api().session.status({})), loadError: null });
    } catch (err) {
      set({ loadError: err instanceof Error ? err.message : 'The app could not start.' });
    }
  },
  setStatus(status) {
    set({ status, lockedBecause: null });
  },
  locked(reason) {
    resetAllStores();
    const previous = get().status;
    set({
      lockedBecause: reason,
      status: previous ? { ...previous, state: 'locked', mustChangePassphrase: false, coordinatorName: null, recoveryKeyUnconfirmed: false } : previous,
    });
    void get().refresh();
  },
  async lockNow() {
    await unwrap(api().session.lock({}));
  },
}));
