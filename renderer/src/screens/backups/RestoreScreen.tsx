import { useEffect, useState } from 'react';
import { setScreenTitle } from '../../services/title';
import { z } from 'zod';
import { restoreConfirmSchema, type RestorePreview } from '../../../../contract/backup-types';
import { CheckboxField, Field, Form, FormAlert } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { useJobProgress, type JobProgressState } from '../../components/job-progress';
import { NewPassphraseFields } from '../../components/PassphraseMeter';
import { api, unwrap } from '../../services/api';
import { useBackups } from '../../stores/backups-store';
import { useSession } from '../../stores/session-store';
import { AuthLayout } from '../setup/AuthLayout';
import { RecoveryKeyPanel } from '../setup/RecoveryKeyPanel';
import { ManifestSummary } from './ManifestSummary';
import './backups.css';

const openSchema = z.object({ passphrase: z.string().min(1, 'Enter the backup passphrase').max(1024) });

/**
 * Restore from a backup file: choose it, open it with its passphrase, read what it holds, then replace the data with
 * a new passphrase (and a new recovery key). Self-contained, so the first-run screen, the unlock screen, the
 * "database missing or damaged" screen and Settings can all open it.
 */
export function RestoreScreen() {
  const end = useBackups((s) => s.endRestore);
  const refresh = useSession((s) => s.refresh);
  const storedRecoveryKey = useSession((s) => s.storedRecoveryKeyWhileLocked);
  const [chosen, setChosen] = useState<{ token: string; fileName: string } | null>(null);
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [replace, setReplace] = useState(false);
  const [acceptDemo, setAcceptDemo] = useState(false);
  const choose = useTask();
  const openProgress = useJobProgress('backup.open');
  const stageProgress = useJobProgress('restore.stage');
  const opening = useSubmission();
  const confirming = useSubmission();

  useEffect(() => {
    setScreenTitle('Restore from a backup · Reciprocal');
  }, []);

  const leave = async () => {
    if (chosen) await api().restore.cancel({ token: chosen.token });
    end();
    await refresh();
  };

  if (recoveryKey) {
    return (
      <AuthLayout name="restore-done" title="Restored: your new recovery key">
        <p role="status">The backup was restored and verified. Unlock with the new passphrase you just chose.</p>
        <RecoveryKeyPanel
          recoveryKey={recoveryKey}
          doneLabel="Continue to unlock"
          onDone={() => {
            storedRecoveryKey();
            end();
            void refresh();
          }}
        />
      </AuthLayout>
    );
  }

  const pick = async () => {
    const result = await choose.run(() => unwrap(api().restore.choose({})));
    if (result && !('cancelled' in result)) {
      setChosen(result);
      setPreview(null);
    }
  };

  const open = async () => {
    if (!chosen) return;
    const result = await opening.run(openSchema, { passphrase: backupPassphrase }, (req) =>
      unwrap(api().restore.open({ token: chosen.token, passphrase: req.passphrase })),
    );
    if (result) setPreview(result);
  };

  const confirm = async () => {
    if (!preview) return;
    const values = { token: preview.token, passphrase, confirmPassphrase, replace: replace || undefined, acceptDemo };
    const result = await confirming.run(restoreConfirmSchema, values, (req) => unwrap(api().restore.confirm(req)));
    if (result) setRecoveryKey(result.recoveryKey);
  };

  return (
    <AuthLayout name="restore" title="Restore from a backup">
      <p>
        A backup is a <span className="mono">.plhr.age</span> file. Restoring replaces the data on this computer with the backup’s, after you confirm. The
        current data is kept as a safety copy until the restored data has been checked.
      </p>
      <div className="button-row">
        <button className="button" type="button" onClick={() => void pick()} disabled={choose.busy || confirming.busy}>
          {chosen ? 'Choose another file…' : 'Choose the backup file…'}
        </button>
        <button className="button" type="button" onClick={() => void leave()} disabled={confirming.busy}>
          Cancel
        </button>
      </div>
      <FormAlert message={choose.error} />

      {chosen && !preview && (
        <Form onSubmit={open} error={opening.error}>
          <p>
            File: <span className="mono">{chosen.fileName}</span>
          </p>
          <Field
            label="Backup passphrase"
            hint="The passphrase set for backups in Settings, not necessarily your unlock passphrase."
            type="password"
            autoComplete="off"
            value={backupPassphrase}
            onChange={(e) => setBackupPassphrase(e.target.value)}
            error={opening.fields['passphrase']}
          />
          <button className="button button--primary" type="submit" disabled={opening.busy}>
            {opening.busy ? 'Opening and checking the backup…' : 'Open the backup'}
          </button>
          {opening.busy && openProgress && <RestoreProgress progress={openProgress} />}
        </Form>
      )}

      {preview && (
        <>
          <h2>What this backup holds</h2>
          <ManifestSummary manifest={preview.manifest} fileName={preview.fileName} />
          {preview.willMigrate && <p className="alert alert--warn">This backup is from an older version; its data will be brought up to this version.</p>}
          <Form onSubmit={confirm} error={confirming.error}>
            <NewPassphraseFields
              label="New passphrase for the restored data"
              passphrase={passphrase}
              confirm={confirmPassphrase}
              onPassphrase={setPassphrase}
              onConfirm={setConfirm}
              errors={confirming.fields}
            />
            {preview.manifest.demo && (
              <CheckboxField
                label="This is demonstration data. Put it in place of my data anyway."
                checked={acceptDemo}
                onChange={(e) => setAcceptDemo(e.target.checked)}
                error={confirming.fields['acceptDemo']}
              />
            )}
            <CheckboxField
              label="Replace the data on this computer with this backup"
              hint="Anything recorded since the backup was made will be gone."
              checked={replace}
              onChange={(e) => setReplace(e.target.checked)}
              error={confirming.fields['replace']}
            />
            <button className="button button--danger" type="submit" disabled={confirming.busy}>
              {confirming.busy ? 'Restoring and checking…' : 'Restore this backup'}
            </button>
            {confirming.busy && stageProgress && <RestoreProgress progress={stageProgress} />}
          </Form>
        </>
      )}
    </AuthLayout>
  );
}

/** The job's own words and a bar: the work runs in main's job runner, so the window stays responsive meanwhile. */
function RestoreProgress({ progress }: { progress: JobProgressState }) {
  const id = `restore-progress-${progress.jobId}`;
  return (
    <div className="job-progress" role="status">
      <span id={id}>{progress.label}…</span>
      {progress.total > 0 && <progress aria-labelledby={id} max={progress.total} value={progress.done} />}
    </div>
  );
}
