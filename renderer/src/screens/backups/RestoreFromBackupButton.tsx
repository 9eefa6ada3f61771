import { useBackups } from '../../stores/backups-store';

/** The "database missing or damaged" screen's way out: the same restore flow as first run and Settings. */
export function RestoreFromBackupButton() {
  const startRestore = useBackups((s) => s.startRestore);
  return (
    <>
      <p>Choose a backup file (.plhr.age). You will see what it holds before anything is replaced.</p>
      <button type="button" className="button button--primary" onClick={startRestore}>
        Restore from a backup…
      </button>
    </>
  );
}
