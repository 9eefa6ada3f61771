import { useState } from 'react';
import { z } from 'zod';
import { sessionChannels } from '../../../../contract/session';
import { enteredPassphraseSchema } from '../../../../contract/passphrase';
import { Field, FormAlert } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { PassphraseMeter } from '../../components/PassphraseMeter';
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
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormAlert message={form.error} />
        <Field
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={form.fields['current']}
        />
        <Field
          label="New passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={form.fields['passphrase']}
          after={<PassphraseMeter value={passphrase} />}
        />
        <Field
          label="New passphrase again"
          type="password"
          autoComplete="new-password"
          value={confirmPassphrase}
          onChange={(e) => setConfirm(e.target.value)}
          error={form.fields['confirmPassphrase']}
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
      </form>
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
        <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} doneLabel="Done" />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p>If the recovery key may have been lost or seen by someone else, replace it. The old key stops working at once.</p>
          <FormAlert message={form.error} />
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
        </form>
      )}
    </section>
  );
}
