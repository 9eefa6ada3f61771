import { create } from 'zustand';
import type { BackupStatus } from '../../../contract/backup-types';
import { api, unwrap } from '../services/api';
import { registerReset } from './reset';

interface BackupsStore {
  status: BackupStatus | null;
  /** The restore flow is open: it sits above the lock gate, since a restore locks the app and works before setup. */
  restoring: boolean;
  loadStatus(): Promise<void>;
  startRestore(): void;
  endRestore(): void;
}

export const useBackups = create<BackupsStore>((set) => ({
  status: null,
  restoring: false,
  async loadStatus() {
    try {
      set({ status: await unwrap(api().backups.status({})) });
    } catch {
      set({ status: null });
    }
  },
  startRestore: () => set({ restoring: true }),
  endRestore: () => set({ restoring: false }),
}));

// Locking clears the status (it comes from the store); a restore in progress keeps its screen.
registerReset(() => useBackups.setState({ status: null }));
