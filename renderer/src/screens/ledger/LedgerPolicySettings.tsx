import { useEffect, useState } from 'react';
import { ledgerPolicySchema, type LedgerPolicy } from '../../../../contract/ledger';
import { CheckboxField, Field } from '../../components/Field';
import { SettingsPanel } from '../../components/SettingsPanel';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';

/** The cap and the Housing Moves rule: policy settings, each change audited. */
export function LedgerPolicySettings() {
  const [policy, setPolicy] = useState<LedgerPolicy | null>(null);
  const [cap, setCap] = useState('');
  const [bookHousingMoves, setBook] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useSubmission();
  useEffect(() => {
    unwrap(api().ledger.getPolicy({})).then(
      (p) => {
        setPolicy(p);
        setCap(String(p.cap));
        setBook(p.bookHousingMoves);
      },
      () => setPolicy(null),
    );
  }, []);
  if (!policy) return null;
  const submit = async () => {
    setSaved(null);
    const values = { cap: cap.trim() === '' ? undefined : Number(cap), bookHousingMoves };
    const next = await form.run(ledgerPolicySchema, values, (req) => unwrap(api().ledger.updatePolicy(req)));
    if (next) {
      setPolicy(next);
      setSaved('Ledger policy saved. The change is in the audit log.');
    }
  };
  return (
    <SettingsPanel
      id="ledger-policy"
      title="Ledger policy"
      ready
      onSubmit={submit}
      error={form.error}
      busy={form.busy}
      submitLabel="Save ledger policy"
      saved={saved}
    >
      <Field
        label="Cap: unreciprocated moves a partner may have"
        hint="The scheme publishes 3. At the cap, a new referral from that partner is blocked unless overridden for the case."
        inputMode="numeric"
        className="input--short"
        value={cap}
        onChange={(e) => setCap(e.target.value)}
        error={form.fields['cap']}
      />
      <CheckboxField
        label="Book Housing Moves moves in the ledger"
        hint="Off by default: such moves book nothing and are reported separately. Applies to moves recorded from now on."
        checked={bookHousingMoves}
        onChange={(e) => setBook(e.target.checked)}
        error={form.fields['bookHousingMoves']}
      />
    </SettingsPanel>
  );
}
