import { useEffect, useState } from 'react';
import { setScreenTitle } from '../../services/title';
import { sessionChannels } from '../../../../contract/session';
import { Field, Form } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { NewPassphraseFields } from '../../components/PassphraseMeter';
import { api, errorMessage, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';
import { useBackups } from '../../stores/backups-store';
import { useDemo } from '../../stores/demo-store';
import { AuthLayout } from './AuthLayout';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';

const schema = sessionChannels['vault.create'].request;

export function SetupScreen() {
  const [coordinatorName, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const form = useSubmission();
  const refresh = useSession((s) => s.refresh);
  const startRestore = useBackups((s) => s.startRestore);
  const demo = useDemo();
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoProblem, setDemoProblem] = useState<string | null>(null);

  useEffect(() => {
    setScreenTitle('Set up · Reciprocal');
  }, []);

  if (recoveryKey) {
    return (
      <AuthLayout name="recovery-key" title="Your recovery key">
        <RecoveryKeyPanel
          recoveryKey={recoveryKey}
          onDone={async () => {
            // Recorded, so that a restart before this point brings a reminder. Refused only if the app locked meanwhile:
            // the next unlock then reminds them.
            await api()
              .vault.confirmRecoveryKey({})
              .catch(() => undefined);
            await refresh();
          }}
          doneLabel="Continue to Reciprocal"
        />
      </AuthLayout>
    );
  }

  const submit = async () => {
    const result = await form.run(schema, { coordinatorName, passphrase, confirmPassphrase }, (req) => unwrap(api().vault.create(req)));
    if (result) setRecoveryKey(result.recoveryKey);
  };

  return (
    <AuthLayout name="setup" title="Set up Reciprocal">
      <p>
        Everything you record is kept encrypted on this computer. Choose a passphrase of at least 12 characters: four or more unrelated words work well. You
        will type it each time you unlock the app.
      </p>
      <Form onSubmit={submit} error={form.error} summary={form.fields}>
        <Field
          label="Your name"
          hint="Shown in the audit log next to what you change."
          autoComplete="name"
          value={coordinatorName}
          onChange={(e) => setName(e.target.value)}
          error={form.fields['coordinatorName']}
        />
        <NewPassphraseFields
          label="Passphrase"
          passphrase={passphrase}
          confirm={confirmPassphrase}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={form.fields}
          userInputs={[coordinatorName]}
        />
        <button className="button button--primary" type="submit" disabled={form.busy}>
          {form.busy ? 'Creating the encrypted database…' : 'Create encrypted database'}
        </button>
      </Form>
      <p className="auth__alt">
        Moving to a new computer, or replacing a lost one?{' '}
        <button className="link-button" type="button" onClick={startRestore}>
          Restore from a backup
        </button>
      </p>
      {demo.status?.canSwitch && !demo.status.demo && (
        <div className="auth__alt setup-demo">
          <p>
            Want to look around first? The demonstration store is separate from yours, with its own key and made-up cases only. Nothing you do there reaches
            your own data, and you can leave it at any time.
          </p>
          <button
            className="button"
            type="button"
            disabled={demoBusy}
            onClick={() => {
              setDemoBusy(true);
              setDemoProblem(null);
              void demo
                .enter()
                .catch((err: unknown) => setDemoProblem(errorMessage(err)))
                .finally(() => setDemoBusy(false));
            }}
          >
            {demoBusy ? 'Opening the demonstration store…' : 'Try it with demo data'}
          </button>
          {demoProblem && <p role="alert">{demoProblem}</p>}
        </div>
      )}
    </AuthLayout>
  );
}
