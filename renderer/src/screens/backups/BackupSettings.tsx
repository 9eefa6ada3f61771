import { useCallback, useEffect, useState } from 'react';
import { backupPassphraseSchema, type BackupRecordView, type ScheduleView } from '../../../../contract/backup-types';
import { backupChannels } from '../../../../contract/backup-channels';
import { formatUkDateTime } from '../../../../contract/dates';
import { Field, Form, FormAlert, SelectField } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { NewPassphraseFields } from '../../components/PassphraseMeter';
import { Table } from '../../components/Table';
import { useJobProgress } from '../../components/job-progress';
import { api, unwrap } from '../../services/api';
import { useBackups } from '../../stores/backups-store';
import './backups.css';

const scheduleSchema = backupChannels['backups.updateSchedule'].request;

function BackupProgress({ progress }: { progress: ReturnType<typeof useJobProgress> }) {
  if (!progress) return null;
  return (
    <div className="backup-progress" data-testid="backup-progress">
      <span id="backup-progress-label">{progress.label}…</span>{' '}
      <progress aria-labelledby="backup-progress-label" max={progress.total || 100} value={progress.done} />
    </div>
  );
}

/** Settings → Backups: the schedule, the folder, the passphrase, "Back up now" and the backups written so far. */
export function BackupSettings() {
  const [view, setView] = useState<ScheduleView | null>(null);
  const [records, setRecords] = useState<BackupRecordView[]>([]);
  const [cadence, setCadence] = useState('daily');
  const [keep, setKeep] = useState('14');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { status, loadStatus, startRestore } = useBackups();
  const schedule = useSubmission();
  const pass = useSubmission();
  const folder = useTask();
  const now = useTask();
  // A scheduled backup shows here too: it may start by itself the moment the schedule is complete.
  const progress = useJobProgress('backup.write');
  const running = now.busy || progress !== null;

  const show = useCallback((v: ScheduleView, list: BackupRecordView[]) => {
    setView(v);
    setCadence(v.cadence);
    setKeep(String(v.keep));
    setRecords(list);
  }, []);
  const fetchAll = useCallback(() => Promise.all([unwrap(api().backups.getSchedule({})), unwrap(api().backups.list({}))]), []);
  const load = useCallback(async () => {
    const [v, list] = await fetchAll();
    show(v, list);
    await loadStatus();
  }, [fetchAll, show, loadStatus]);

  useEffect(() => {
    fetchAll().then(
      ([v, list]) => show(v, list),
      () => undefined,
    );
    void loadStatus();
    // When any backup finishes (scheduled or not), the list and the last-backup line catch up.
    return api().onEvent((event) => {
      if (event.type === 'backups.changed') void load().catch(() => undefined);
    });
  }, [fetchAll, show, loadStatus, load]);

  const saveSchedule = async () => {
    setSaved(null);
    const result = await schedule.run(scheduleSchema, { cadence, keep: keep.trim() === '' ? undefined : Number(keep) }, (req) =>
      unwrap(api().backups.updateSchedule(req)),
    );
    if (result) {
      setView(result);
      setSaved('Schedule saved.');
      await loadStatus();
    }
  };
  const chooseFolder = async () => {
    setSaved(null);
    const result = await folder.run(() => unwrap(api().backups.chooseFolder({})));
    if (result && !('cancelled' in result)) {
      setView(result);
      setSaved('Backup folder saved.');
      await loadStatus();
    }
  };
  const savePassphrase = async () => {
    setSaved(null);
    const result = await pass.run(backupPassphraseSchema, { passphrase, confirmPassphrase }, (req) => unwrap(api().backups.setPassphrase(req)));
    if (result) {
      setView(result);
      setPassphrase('');
      setConfirm('');
      setSaved('Backup passphrase saved. Keep a copy of it with the recovery key: a backup cannot be opened without it.');
      await loadStatus();
    }
  };
  const backUpNow = async () => {
    setSaved(null);
    const record = await now.run(() => unwrap(api().backups.runNow({})));
    if (record) {
      setSaved(record.verified ? `Backed up and verified: ${record.fileName}.` : `The backup ${record.fileName} failed verification: ${record.problem}`);
      await load();
    }
  };

  return (
    <section className="panel" aria-labelledby="backups-heading" data-testid="backup-settings">
      <h2 id="backups-heading">Backups</h2>
      {view?.dataFolderWarning && <p className="alert alert--warn">{view.dataFolderWarning}</p>}
      <p role="status" className="status-line" data-testid="backup-last">
        {status?.lastBackup ? `Last backup: ${formatUkDateTime(status.lastBackup.createdAt)}, verified.` : 'No backup yet.'}
      </p>
      {status?.overdue && <p className="alert alert--warn">{status.overdue}</p>}

      <h3>Back up now</h3>
      <div className="button-row">
        <button className="button button--primary" type="button" onClick={() => void backUpNow()} disabled={running || !status?.ready}>
          {running ? 'Backing up…' : 'Back up now'}
        </button>
        <button className="button" type="button" onClick={startRestore}>
          Restore from a backup…
        </button>
      </div>
      <BackupProgress progress={progress} />
      <FormAlert message={now.error} />
      {saved && (
        <p className="saved" role="status">
          {saved}
        </p>
      )}

      <h3>Schedule</h3>
      <p>
        Backups run while Reciprocal is unlocked; one missed while it was locked or switched off runs at the next unlock. Each backup is checked after it is
        written.
      </p>
      <p>
        Folder: <span className="mono">{view?.folder ?? 'none chosen yet'}</span>{' '}
        <button className="button button--small" type="button" onClick={() => void chooseFolder()} disabled={folder.busy}>
          Choose folder…
        </button>
      </p>
      <FormAlert message={folder.error} />
      <Form onSubmit={saveSchedule} error={schedule.error}>
        <SelectField
          label="How often"
          value={cadence}
          onChange={(e) => setCadence(e.target.value)}
          options={[
            { value: 'daily', label: 'Daily' },
            { value: 'weekly', label: 'Weekly' },
          ]}
          error={schedule.fields['cadence']}
        />
        <Field
          label="Backups to keep"
          hint="Older verified backups in the folder are removed. A backup that failed its check is never counted."
          inputMode="numeric"
          value={keep}
          onChange={(e) => setKeep(e.target.value)}
          error={schedule.fields['keep']}
        />
        <button className="button" type="submit" disabled={schedule.busy}>
          Save schedule
        </button>
      </Form>

      <h3>Backup passphrase</h3>
      <p>{view?.hasPassphrase ? 'A backup passphrase is set. Setting a new one applies to backups made from now on.' : 'No backup passphrase is set yet.'}</p>
      <Form onSubmit={savePassphrase} error={pass.error}>
        <NewPassphraseFields
          label="Backup passphrase"
          passphrase={passphrase}
          confirm={confirmPassphrase}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={pass.fields}
        />
        <button className="button" type="submit" disabled={pass.busy}>
          Save backup passphrase
        </button>
      </Form>

      {records.length > 0 && (
        <>
          <h3>Backups and shares written</h3>
          <Table
            caption="Backups and shares written, newest first"
            rows={records.slice(0, 20)}
            rowKey={(r) => r.id}
            columns={[
              { header: 'Made', cell: (r) => formatUkDateTime(r.createdAt) },
              {
                header: 'Kind',
                cell: (r) => (r.kind === 'share' ? `Share for ${r.recipients.join(', ')}` : r.trigger === 'schedule' ? 'Scheduled' : 'Backed up now'),
              },
              {
                header: 'Check',
                cell: (r) =>
                  r.verified ? <span className="badge badge--ok">Verified</span> : <span className="badge badge--danger">Failed: {r.problem}</span>,
              },
              { header: 'File', cell: (r) => <span className="mono">{r.fileName}</span> },
            ]}
          />
        </>
      )}
    </section>
  );
}
