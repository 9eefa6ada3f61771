import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { StaleOffer } from '../../../../contract/offers';
import { api, unwrap } from '../../services/api';
import './offers.css';

/** Home's reminders for offers left too long in one stage (the Offers policy says how long). */
export function StaleOffersPanel() {
  const [stale, setStale] = useState<StaleOffer[] | null>(null);
  useEffect(() => {
    unwrap(api().offers.stale({})).then(setStale, () => setStale([]));
  }, []);
  if (stale === null || stale.length === 0) return null;
  return (
    <section className="panel home-grid__wide" aria-labelledby="stale-offers-heading">
      <h2 id="stale-offers-heading">
        Offers to chase <span className="home-count home-count--danger">{stale.length}</span>
      </h2>
      <ul className="divided-list">
        {stale.map((s) => (
          <li key={s.offerId}>
            <Link to={`/cases/${s.caseId}`} className="mono-link">
              {s.reference}
            </Link>{' '}
            {s.text.slice(s.reference.length + 2)}
          </li>
        ))}
      </ul>
      <p className="table-foot">
        <Link to="/offers">Open the Offers board</Link>
      </p>
    </section>
  );
}
