import { useState } from 'react';
import { sessionChannels } from '../../../../contract/session';
import { Form } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { NewPassphraseFields } from '../../components/PassphraseMeter';
import { api, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';
import { AuthLayout } from '../setup/AuthLayout';

const schema = sessionChannels['vault.setPassphraseAfterRecovery'].request;

/** After a recovery-key unlock nothing else opens until a new passphrase is set. */
export function NewPassphraseScreen() {
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const form = useSubmission();
  const setStatus = useSession((s) => s.setStatus);

  const submit = async () => {
    const next = await form.run(schema, { passphrase, confirmPassphrase }, (req) => unwrap(api().vault.setPassphraseAfterRecovery(req)));
    if (next) setStatus(next);
  };

  return (
    <AuthLayout name="new-passphrase" title="Choose a new passphrase">
      <p>The recovery key worked. Choose a new passphrase of at least 12 characters; the old one will stop working.</p>
      <Form onSubmit={submit} error={form.error}>
        <NewPassphraseFields
          label="New passphrase"
          autoFocus
          passphrase={passphrase}
          confirm={confirmPassphrase}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={form.fields}
        />
        <button className="button button--primary" type="submit" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save new passphrase'}
        </button>
      </Form>
    </AuthLayout>
  );
}
