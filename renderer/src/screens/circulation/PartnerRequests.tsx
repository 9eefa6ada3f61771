import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import type { PartnerRequestReceived } from '../../../../contract/circulation';
import { formatUkDate } from '../../../../contract/dates';
import { FormAlert } from '../../components/Field';
import { api, errorMessage, unwrap } from '../../services/api';

/** The partner page's "Requests received": every circulation that went to one of its contacts, newest first. */
export function PartnerRequests({ partnerId }: { partnerId: number }) {
  const [rows, setRows] = useState<PartnerRequestReceived[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(api().circulation.partnerRequests({ partnerId })).then(setRows, (err: unknown) => setError(errorMessage(err)));
  }, [partnerId]);
  return (
    <section className="panel" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests received{rows ? ` (${rows.length})` : ''}</h2>
      <FormAlert message={error} />
      {rows?.length === 0 && <p className="muted">No property request has been sent to this partner yet.</p>}
      {rows && rows.length > 0 && (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Case</th>
              <th scope="col">Its boroughs</th>
              <th scope="col">Sent to</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.circulationId}>
                <td>
                  {formatUkDate(r.circulatedOn)}
                  {r.kind === 'recirculation' ? ' (re-circulation)' : ''}
                </td>
                <th scope="row">
                  <Link to={`/cases/${r.caseId}`}>{r.reference}</Link>
                </th>
                <td>{r.boroughs.map(boroughName).join(', ')}</td>
                <td>{r.contacts.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
