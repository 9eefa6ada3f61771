import { useState } from 'react';
import { z } from 'zod';
import { Field, Form } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';
import { AuthLayout } from '../setup/AuthLayout';

const schema = z.object({ recoveryKey: z.string().trim().min(1, 'Enter the recovery key') });

export function RecoveryUnlock({ onBack }: { onBack(): void }) {
  const [recoveryKey, setKey] = useState('');
  const form = useSubmission();
  const setStatus = useSession((s) => s.setStatus);

  const submit = async () => {
    const next = await form.run(schema, { recoveryKey }, (req) => unwrap(api().vault.unlockWithRecoveryKey(req)));
    if (next) setStatus(next);
  };

  return (
    <AuthLayout name="recovery-unlock" title="Unlock with the recovery key">
      <p>Type the recovery key you stored when Reciprocal was set up. You will then choose a new passphrase.</p>
      <Form onSubmit={submit} error={form.error}>
        <Field
          label="Recovery key"
          hint="32 letters and digits, for example ABCD-EFGH-…; spaces and dashes do not matter."
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={recoveryKey}
          onChange={(e) => setKey(e.target.value)}
          error={form.fields['recoveryKey']}
        />
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={form.busy}>
            {form.busy ? 'Checking…' : 'Unlock'}
          </button>
          <button className="button" type="button" onClick={onBack}>
            Back to passphrase
          </button>
        </div>
      </Form>
    </AuthLayout>
  );
}
