import type { CaseDetail } from '../../../../contract/case-views';

/**
 * Who approves for the home landlord, with how to reach them: what the coordinator needs to send the request for
 * approval, and to chase it. Shown from the moment the case can be sent until the landlord has decided.
 */
export function NamedLeads({ detail }: { detail: CaseDetail }) {
  const relevant = detail.state === 'referral_received' || detail.state === 'awaiting_landlord_approval' || detail.dates.sentForApprovalOn !== null;
  if (!relevant) return null;
  return (
    <section className="panel" aria-labelledby="named-lead-heading">
      <h2 id="named-lead-heading">Named Lead at {detail.homeLandlord.name}</h2>
      {detail.namedLeads.length === 0 ? (
        <p className="alert alert--warn">
          {detail.homeLandlord.name} has no Named Lead recorded. Add one on the partner&rsquo;s page before sending the request for approval.
        </p>
      ) : (
        <ul className="case-leads">
          {detail.namedLeads.map((l) => (
            <li key={`${l.name}|${l.email}`}>
              <strong>{l.name}</strong>
              {l.role && <>, {l.role}</>}
              <dl className="details">
                {l.phone && (
                  <div className="details__row">
                    <dt>Phone</dt>
                    <dd>{l.phone}</dd>
                  </div>
                )}
                {l.email && (
                  <div className="details__row">
                    <dt>Email</dt>
                    <dd>{l.email}</dd>
                  </div>
                )}
                {l.secureEmail && (
                  <div className="details__row">
                    <dt>Secure email</dt>
                    <dd>{l.secureEmail}</dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
