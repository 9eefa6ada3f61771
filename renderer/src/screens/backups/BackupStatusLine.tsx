import { useEffect } from 'react';
import { Link } from 'react-router';
import { formatUkDateTime } from '../../../../contract/dates';
import { api } from '../../services/api';
import { useBackups } from '../../stores/backups-store';
import './backups.css';

const REFRESH_MS = 60_000;

/** The status bar's backup line: when the last verified backup ran, or a warning when one is overdue. */
export function BackupStatusLine() {
  const { status, loadStatus } = useBackups();
  useEffect(() => {
    void loadStatus();
    const timer = setInterval(() => void loadStatus(), REFRESH_MS);
    const off = api().onEvent((event) => {
      if (event.type === 'backups.changed') void loadStatus();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [loadStatus]);
  if (!status) return null;
  return (
    <p className="backup-status" data-testid="backup-status">
      {status.overdue ? (
        <Link to="/settings" className="link-button--light">
          <span aria-hidden="true">⚠ </span>
          {status.lastBackup ? 'Backup overdue' : 'No backup yet'}
        </Link>
      ) : (
        `Last backup ${formatUkDateTime(status.lastBackup?.createdAt)}`
      )}
    </p>
  );
}

/** Home lists an overdue backup with the other things that need the coordinator today. */
export function BackupNotice() {
  const status = useBackups((s) => s.status);
  if (!status?.overdue) return null;
  return (
    <p className="alert alert--warn" data-testid="backup-notice">
      {status.overdue} <Link to="/settings">Backups in Settings</Link>
    </p>
  );
}
