import { useId, useState } from 'react';
import { Link } from 'react-router';
import { PARTNER_TYPE_LABELS, registeredCheckQuerySchema } from '../../../../contract/partners';
import type { RegisteredCheckResult, RegisteredPartnerRef } from '../../../../contract/partners';
import { Field, Form } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';
import { StatusBadge } from './StatusBadge';

const ALERT_CLASS: Record<RegisteredCheckResult['state'], string> = {
  registered: 'alert alert--ok',
  suspended: 'alert alert--warn',
  left: 'alert alert--error',
  not_registered: 'alert alert--error',
};

interface RegisteredCheckProps {
  headingLevel?: 2 | 3;
  /**
   * On the referral form: a partner the check found (registered, or suspended with an override to come) is offered
   * as the home landlord, so the coordinator does not look it up again further down (issue 7).
   */
  landlord?: { chosenId: number | null; use(partner: RegisteredPartnerRef): void };
}

/**
 * "Is this landlord registered with us?" Answers for active, suspended and departed partners alike, and says which.
 * Self-contained so that the referral form can use it too.
 */
export function RegisteredCheck({ headingLevel = 2, landlord }: RegisteredCheckProps) {
  const [name, setName] = useState('');
  const [result, setResult] = useState<RegisteredCheckResult | null>(null);
  const form = useSubmission();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const check = async () => {
    setResult(null);
    const answer = await form.run(registeredCheckQuerySchema, { name }, (req) => unwrap(api().partners.registeredCheck(req)));
    if (answer) setResult(answer);
  };

  return (
    <section className="panel registered-check" aria-labelledby={headingId} data-testid="registered-check">
      <Heading id={headingId}>Is this landlord registered?</Heading>
      {/* A missing name is said at the field; the alert is for anything else. */}
      <Form className="registered-check__form" onSubmit={check} error={form.fields['name'] ? null : form.error}>
        <Field
          label="Landlord's name"
          hint="The council or housing association that holds the applicant's tenancy."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={form.fields['name']}
          autoComplete="off"
        />
        <button type="submit" className="button button--primary" disabled={form.busy}>
          Check
        </button>
      </Form>
      <div role="status" aria-live="polite">
        {result && (
          <div className={ALERT_CLASS[result.state]} data-registration={result.state}>
            <p className="registered-check__answer">{result.message}</p>
            {result.partner && (
              <p className="registered-check__partner">
                <Link to={`/partners/${result.partner.id}`}>{result.partner.name}</Link> · {PARTNER_TYPE_LABELS[result.partner.type]} ·{' '}
                <StatusBadge status={result.partner.status} />
              </p>
            )}
            {landlord && result.partner && result.state !== 'left' && <UseAsLandlord partner={result.partner} landlord={landlord} />}
            {result.similar.length > 0 && (
              <ul className="registered-check__similar">
                {result.similar.map((p) => (
                  <li key={p.id}>
                    <Link to={`/partners/${p.id}`}>{p.name}</Link> <StatusBadge status={p.status} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function UseAsLandlord({ partner, landlord }: { partner: RegisteredPartnerRef; landlord: NonNullable<RegisteredCheckProps['landlord']> }) {
  if (landlord.chosenId === partner.id) return <p className="registered-check__used">{partner.name} is the home landlord below.</p>;
  return (
    <p>
      <button type="button" className="button button--small" onClick={() => landlord.use(partner)}>
        Use {partner.name} as the home landlord
      </button>
    </p>
  );
}
