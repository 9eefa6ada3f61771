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
  /**
   * The coordinator ticked "I have stored the recovery key" for a key shown while the app was locked (after a
   * restore): main can record it only once unlocked, so the unlock records it then instead of asking again.
   */
  recoveryKeyStoredWhileLocked: boolean;
  storedRecoveryKeyWhileLocked(): void;
  recordStoredRecoveryKey(): Promise<void>;
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
  recoveryKeyStoredWhileLocked: false,
  storedRecoveryKeyWhileLocked() {
    set({ recoveryKeyStoredWhileLocked: true });
  },
  async recordStoredRecoveryKey() {
    set({ recoveryKeyStoredWhileLocked: false });
    // If it cannot be recorded, the reminder asks again: nothing is lost.
    try {
      set({ status: await unwrap(api().vault.confirmRecoveryKey({})) });
    } catch {
      await get().refresh();
    }
  },
}));
