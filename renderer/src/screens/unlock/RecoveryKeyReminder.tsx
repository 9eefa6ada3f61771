import { useEffect, useState } from 'react';
import { setScreenTitle } from '../../services/title';
import { z } from 'zod';
import { enteredPassphraseSchema } from '../../../../contract/passphrase';
import { Field, Form } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';
import { AuthLayout } from '../setup/AuthLayout';
import { RecoveryKeyPanel } from '../setup/RecoveryKeyPanel';

const schema = z.object({ current: enteredPassphraseSchema });

/**
 * After an unlock, when the coordinator never confirmed storing the current recovery key (the app closed while it was
 * on show): if they did not store it, they make a new one here; the old one stops working.
 */
export function RecoveryKeyReminder() {
  const [current, setCurrent] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const form = useSubmission();
  const confirm = useTask();
  const setStatus = useSession((s) => s.setStatus);

  useEffect(() => {
    setScreenTitle('Recovery key · Reciprocal');
  }, []);

  const confirmed = async () => {
    const status = await confirm.run(() => unwrap(api().vault.confirmRecoveryKey({})));
    if (status) setStatus(status);
  };

  if (recoveryKey) {
    return (
      <AuthLayout name="recovery-key" title="Your new recovery key">
        <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={confirmed} doneLabel="Continue to Reciprocal" />
      </AuthLayout>
    );
  }

  const submit = async () => {
    const result = await form.run(schema, { current }, (req) => unwrap(api().vault.newRecoveryKey(req)));
    setCurrent('');
    if (result) setRecoveryKey(result.recoveryKey);
  };

  return (
    <AuthLayout name="recovery-key-reminder" title="Did you store your recovery key?">
      <p>Reciprocal closed before you confirmed that you had stored the recovery key. Without it, a forgotten passphrase means the data cannot be opened.</p>
      <Form onSubmit={submit} error={form.error}>
        <h2 className="auth__subheading">If you did not store it, make a new one now</h2>
        <p>The key you may have seen stops working.</p>
        <Field
          label="Your passphrase"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={form.fields['current']}
        />
        <button className="button button--primary" type="submit" disabled={form.busy}>
          {form.busy ? 'Making a new key…' : 'Make a new recovery key'}
        </button>
      </Form>
      <h2 className="auth__subheading">If you stored it</h2>
      {confirm.error && (
        <div className="alert alert--error" role="alert">
          {confirm.error}
        </div>
      )}
      <button className="button" type="button" onClick={() => void confirmed()} disabled={confirm.busy}>
        I have stored it safely
      </button>
    </AuthLayout>
  );
}
