import { useEffect, useState } from 'react';
import { offerPolicySchema, type OfferPolicy } from '../../../../contract/offers';
import { NumberSettings, SettingsPanel, typedNumber } from '../../components/SettingsPanel';
import { useSubmission } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';

const NUMBERS = [
  {
    key: 'bedroomsFewerAllowed',
    label: 'Bedrooms fewer than needed that still match',
    hint: 'The scheme offers like for like: 0. Enter 1 to allow one fewer.',
  },
  { key: 'bedroomsMoreAllowed', label: 'Bedrooms more than needed that still match', hint: '0 or 1.' },
  { key: 'staleAfterDays', label: 'Remind on Home when an offer stays in one stage longer than this many days', hint: 'Calendar days.' },
] as const;

type Key = (typeof NUMBERS)[number]['key'];

/** Offer policy in Settings: how strictly bedrooms match, and when an offer needs chasing. The offer cap is in the case policy. */
export function OfferPolicySettings() {
  const [values, setValues] = useState<Record<Key, string> | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();
  const show = (p: OfferPolicy) => setValues(Object.fromEntries(NUMBERS.map((n) => [n.key, String(p[n.key])])) as Record<Key, string>);
  useEffect(() => {
    unwrap(api().offers.getPolicy({})).then(show, (err: unknown) => setLoadError(errorMessage(err)));
  }, []);
  const submit = async () => {
    if (!values) return;
    setSaved(null);
    const policy = Object.fromEntries(NUMBERS.map((n) => [n.key, typedNumber(values[n.key])]));
    const result = await form.run(offerPolicySchema, policy, (req) => unwrap(api().offers.updatePolicy(req)));
    if (result) {
      show(result);
      setSaved('Offer policy saved.');
    }
  };
  return (
    <SettingsPanel
      id="offer-policy"
      title="Offer policy"
      loadError={loadError}
      ready={values !== null}
      onSubmit={submit}
      error={form.error}
      busy={form.busy}
      submitLabel="Save offer policy"
      saved={saved}
    >
      {values && <NumberSettings settings={NUMBERS} values={values} onChange={setValues} errors={form.fields} />}
    </SettingsPanel>
  );
}
