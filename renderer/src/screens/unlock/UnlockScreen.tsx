import { useEffect, useState } from 'react';
import { setScreenTitle } from '../../services/title';
import { enteredPassphraseSchema } from '../../../../contract/passphrase';
import { z } from 'zod';
import { Field, Form } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';
import { useBackups } from '../../stores/backups-store';
import { AuthLayout } from '../setup/AuthLayout';
import { RecoveryUnlock } from './RecoveryUnlock';
import { useCountdown } from './useCountdown';

const schema = z.object({ passphrase: enteredPassphraseSchema });

const LOCK_REASONS: Record<string, string> = {
  idle: 'Reciprocal locked itself after a period with no activity.',
  suspend: 'Reciprocal locked when the computer went to sleep.',
  'screen-lock': 'Reciprocal locked when the screen was locked.',
  manual: 'Reciprocal is locked.',
  shutdown: 'Reciprocal is locked.',
};

export function UnlockScreen() {
  const [passphrase, setPassphrase] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useSubmission();
  const { setStatus, lockedBecause, status } = useSession();
  const [retryUntil, setRetryUntil] = useState(() => Date.now() + (status?.retryAfterMs ?? 0));
  const secondsLeft = useCountdown(retryUntil);
  const startRestore = useBackups((s) => s.startRestore);

  useEffect(() => {
    setScreenTitle('Unlock · Reciprocal');
  }, []);

  if (useRecovery) return <RecoveryUnlock onBack={() => setUseRecovery(false)} />;

  const submit = async () => {
    const next = await form.run(schema, { passphrase }, (req) =>
      unwrap(api().vault.unlock(req)).catch((err: unknown) => {
        const retry = (err as { retryAfterMs?: number }).retryAfterMs;
        if (retry) setRetryUntil(Date.now() + retry);
        throw err;
      }),
    );
    setPassphrase('');
    if (next) setStatus(next);
  };

  return (
    <AuthLayout name="unlock" title="Unlock Reciprocal">
      {lockedBecause && <p className="notice">{LOCK_REASONS[lockedBecause] ?? 'Reciprocal is locked.'}</p>}
      <Form onSubmit={submit} error={form.error}>
        <Field
          label="Passphrase"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          error={form.fields['passphrase']}
        />
        <button className="button button--primary" type="submit" disabled={form.busy || secondsLeft > 0}>
          {form.busy ? 'Unlocking…' : secondsLeft > 0 ? `Try again in ${secondsLeft} s` : 'Unlock'}
        </button>
      </Form>
      <p className="auth__alt">
        Forgotten the passphrase?{' '}
        <button type="button" className="link-button" onClick={() => setUseRecovery(true)}>
          Unlock with the recovery key
        </button>
      </p>
      <p className="auth__alt">
        Database missing or damaged?{' '}
        <button type="button" className="link-button" onClick={startRestore}>
          Restore from a backup
        </button>
      </p>
    </AuthLayout>
  );
}
