import { useEffect, useState } from 'react';
import { offerPolicySchema, type OfferPolicy } from '../../../../contract/offers';
import { Field, Form, FormAlert } from '../../components/Field';
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
  const [saved, setSaved] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();
  const show = (p: OfferPolicy) => setValues(Object.fromEntries(NUMBERS.map((n) => [n.key, String(p[n.key])])) as Record<Key, string>);
  useEffect(() => {
    unwrap(api().offers.getPolicy({})).then(show, (err: unknown) => setLoadError(errorMessage(err)));
  }, []);
  const submit = async () => {
    if (!values) return;
    setSaved(false);
    const policy = Object.fromEntries(NUMBERS.map((n) => [n.key, values[n.key].trim() === '' ? Number.NaN : Number(values[n.key])]));
    const result = await form.run(offerPolicySchema, policy, (req) => unwrap(api().offers.updatePolicy(req)));
    if (result) {
      show(result);
      setSaved(true);
    }
  };
  return (
    <section className="panel" aria-labelledby="offer-policy-heading">
      <h2 id="offer-policy-heading">Offer policy</h2>
      <FormAlert message={loadError} />
      {values && (
        <Form onSubmit={submit} error={form.error}>
          {NUMBERS.map((n) => (
            <Field
              key={n.key}
              label={n.label}
              hint={n.hint}
              inputMode="numeric"
              className="input--short"
              value={values[n.key]}
              onChange={(e) => setValues({ ...values, [n.key]: e.target.value })}
              error={form.fields[n.key]}
            />
          ))}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={form.busy}>
              Save offer policy
            </button>
            <span role="status">{saved && 'Saved.'}</span>
          </div>
        </Form>
      )}
    </section>
  );
}
