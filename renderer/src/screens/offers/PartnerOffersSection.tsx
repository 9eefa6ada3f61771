import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatUkDate } from '../../../../contract/dates';
import { DECLINE_REASON_LABELS, type PartnerOfferSummary } from '../../../../contract/offers';
import { api, unwrap } from '../../services/api';
import './offers.css';

/** On the partner page: the properties it has offered and let, and the offers applicants declined. */
export function PartnerOffersSection({ partnerId }: { partnerId: number }) {
  const [data, setData] = useState<PartnerOfferSummary | null>(null);
  useEffect(() => {
    unwrap(api().offers.partnerSummary({ partnerId })).then(setData, () => setData(null));
  }, [partnerId]);
  if (!data) return null;
  const list = (items: { id: number; summary: string }[], empty: string) =>
    items.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul className="divided-list">
        {items.map((p) => (
          <li key={p.id}>
            <Link to={`/properties/${p.id}`}>{p.summary}</Link>
          </li>
        ))}
      </ul>
    );
  return (
    <section className="panel" aria-labelledby="partner-offers-heading">
      <h2 id="partner-offers-heading">Properties and offers</h2>
      <h3>Under offer ({data.offered.length})</h3>
      {list(data.offered, 'No property under offer.')}
      <h3>Let through the scheme ({data.let.length})</h3>
      {list(data.let, 'None let yet.')}
      <h3>Declined by applicants ({data.declinedByApplicants.length})</h3>
      {data.declinedByApplicants.length === 0 ? (
        <p className="muted">No applicant has declined an offer from this partner.</p>
      ) : (
        <ul className="divided-list">
          {data.declinedByApplicants.map((d) => (
            <li key={d.offerId}>
              {d.property?.summary ?? 'Property not recorded'}, declined by <span className="mono-link">{d.reference}</span> on {formatUkDate(d.decidedOn)}
              {d.reason && <span className="muted"> ({DECLINE_REASON_LABELS[d.reason]})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
