import { useState } from 'react';
import { z } from 'zod';
import { sessionChannels } from '../../../../contract/session';
import { enteredPassphraseSchema } from '../../../../contract/passphrase';
import { Field, Form } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { NewPassphraseFields } from '../../components/PassphraseMeter';
import { api, unwrap } from '../../services/api';
import { RecoveryKeyPanel } from '../setup/RecoveryKeyPanel';

const changeSchema = sessionChannels['vault.changePassphrase'].request;
const newKeySchema = z.object({ current: enteredPassphraseSchema });

export function ChangePassphrase() {
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmission();

  const submit = async () => {
    setDone(false);
    const result = await form.run(changeSchema, { current, passphrase, confirmPassphrase }, (req) => unwrap(api().vault.changePassphrase(req)));
    if (result !== undefined) {
      setDone(true);
      setCurrent('');
      setPassphrase('');
      setConfirm('');
    }
  };

  return (
    <section className="panel" aria-labelledby="passphrase-heading">
      <h2 id="passphrase-heading">Change passphrase</h2>
      <Form onSubmit={submit} error={form.error}>
        <Field
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={form.fields['current']}
        />
        <NewPassphraseFields
          label="New passphrase"
          passphrase={passphrase}
          confirm={confirmPassphrase}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={form.fields}
        />
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={form.busy}>
            {form.busy ? 'Changing…' : 'Change passphrase'}
          </button>
          {done && (
            <span className="saved" role="status">
              Passphrase changed. Use the new one next time you unlock.
            </span>
          )}
        </div>
      </Form>
    </section>
  );
}

export function NewRecoveryKey() {
  const [current, setCurrent] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const form = useSubmission();

  const submit = async () => {
    const result = await form.run(newKeySchema, { current }, (req) => unwrap(api().vault.newRecoveryKey(req)));
    setCurrent('');
    if (result) setRecoveryKey(result.recoveryKey);
  };

  return (
    <section className="panel" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">Recovery key</h2>
      {recoveryKey ? (
        <RecoveryKeyPanel
          recoveryKey={recoveryKey}
          onDone={async () => {
            await api().vault.confirmRecoveryKey({});
            setRecoveryKey(null);
          }}
          doneLabel="Done"
        />
      ) : (
        <>
          <p>If the recovery key may have been lost or seen by someone else, replace it. The old key stops working at once.</p>
          <Form onSubmit={submit} error={form.error}>
            <Field
              label="Current passphrase"
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              error={form.fields['current']}
            />
            <button className="button" type="submit" disabled={form.busy}>
              {form.busy ? 'Creating…' : 'Create a new recovery key'}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
