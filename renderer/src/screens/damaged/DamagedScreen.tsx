import './damaged.css';
import { setScreenTitle } from '../../services/title';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { START_AGAIN_CONFIRMATION, type IntegrityReport, type StartAgainResult } from '../../../../contract/session';
import { Field, Form, FormAlert } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { JobProgress, useJobProgress } from '../../components/job-progress';
import { api, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';
import { AuthLayout } from '../setup/AuthLayout';
import { sessionChannels } from '../../../../contract/session';

const startAgainSchema = sessionChannels['database.startAgain'].request;

/**
 * Shown when the database file is missing, empty, cut short or damaged: the app never opens or creates anything in its
 * place. `restoreAction` is where "Restore from a backup" goes (the backups feature passes it in from App.tsx); until
 * then the screen offers the check and starting again.
 */
export function DamagedScreen({ restoreAction }: { restoreAction?: ReactNode }) {
  const status = useSession((s) => s.status);
  const refresh = useSession((s) => s.refresh);
  const damage = status?.damage ?? null;
  const [moved, setMoved] = useState<StartAgainResult | null>(null);

  useEffect(() => {
    setScreenTitle('Database missing or damaged · Reciprocal');
  }, []);

  if (moved) {
    return (
      <AuthLayout name="started-again" title="Ready to set up again">
        <p role="status">
          {moved.movedTo
            ? `The damaged files were moved to ${moved.movedTo}. Nothing was deleted: keep them until your data is back.`
            : 'There were no files to move.'}
        </p>
        <button className="button button--primary" type="button" onClick={() => void refresh()}>
          Continue to set up
        </button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout name="damaged" title="The database file is missing or damaged">
      <div className="alert alert--error" role="alert">
        <p>{damage?.message ?? 'The database file could not be read.'}</p>
      </div>
      <p>
        Nothing has been changed. Your data is not replaced by an empty database: choose what to do. If you have a backup, restoring it brings back everything
        up to that backup.
      </p>
      <IntegrityCheck />
      {restoreAction && (
        <section className="panel damaged-section" aria-labelledby="damaged-restore-heading">
          <h2 id="damaged-restore-heading">Restore from a backup</h2>
          {restoreAction}
        </section>
      )}
      <StartAgain onDone={setMoved} />
    </AuthLayout>
  );
}

function IntegrityCheck() {
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const { busy, error, run } = useTask();
  const progress = useJobProgress('database.integrity');
  const check = async () => {
    const next = await run(() => unwrap(api().database.integrityCheck({})));
    if (next) setReport(next);
  };
  return (
    <section className="panel damaged-section" aria-labelledby="damaged-check-heading">
      <h2 id="damaged-check-heading">Check the database file</h2>
      <p>Reads every page of the file on a fresh connection and lists what is wrong. It changes nothing.</p>
      <button className="button" type="button" onClick={() => void check()} disabled={busy}>
        {busy ? 'Checking…' : 'Check the database file'}
      </button>
      {busy && progress && <JobProgress progress={progress} />}
      <FormAlert message={error} />
      {report && (
        <div role="status" className="status-line" data-testid="damaged-report">
          {report.ok ? (
            'The check found no damage in the file. Lock and unlock Reciprocal to open it again.'
          ) : (
            <>
              <p>The check found {report.problems.length === 1 ? 'this problem' : `${report.problems.length} problems`}:</p>
              <ul className="damaged-problems">
                {report.problems.slice(0, 20).map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
              {report.problems.length > 20 && <p>…and {report.problems.length - 20} more.</p>}
            </>
          )}
        </div>
      )}
    </section>
  );
}

function StartAgain({ onDone }: { onDone(result: StartAgainResult): void }) {
  const [confirmation, setConfirmation] = useState('');
  const form = useSubmission();
  const hintId = useId();
  const submit = async () => {
    const result = await form.run(startAgainSchema, { confirmation }, (req) => unwrap(api().database.startAgain(req)));
    if (result) onDone(result);
  };
  return (
    <section className="panel damaged-section" aria-labelledby="damaged-start-heading">
      <h2 id="damaged-start-heading">Start again</h2>
      <p id={hintId}>
        Sets Reciprocal up again with an empty database and a new passphrase. The damaged files are moved aside into the data folder, not deleted. Do this only
        if there is no backup to restore.
      </p>
      <Form onSubmit={submit} error={form.error} aria-describedby={hintId}>
        <Field
          label={`Type “${START_AGAIN_CONFIRMATION}” to confirm`}
          autoComplete="off"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          error={form.fields['confirmation']}
        />
        <button className="button button--danger" type="submit" disabled={form.busy}>
          Start again with an empty database
        </button>
      </Form>
    </section>
  );
}
