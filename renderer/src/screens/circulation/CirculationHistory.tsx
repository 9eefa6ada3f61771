import { useEffect, useState } from 'react';
import { boroughName } from '../../../../contract/boroughs';
import type { CaseCirculations, CirculationRecord } from '../../../../contract/circulation';
import { formatUkDate, formatUkDateTime } from '../../../../contract/dates';
import { FormAlert } from '../../components/Field';
import { api, errorMessage, unwrap } from '../../services/api';

/**
 * Every circulation of the case: when, which boroughs, to whom (partners and the contacts, as they were then), the
 * pack's SHA-256, and for an encrypted pack its passphrase on request. "Did Peabody get this?" is answered by the
 * partner search above the list.
 */
export function CirculationHistory({ caseId, version }: { caseId: number; version: number }) {
  const [history, setHistory] = useState<CaseCirculations | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [find, setFind] = useState('');

  useEffect(() => {
    unwrap(api().circulation.history({ caseId })).then(setHistory, (err: unknown) => setError(errorMessage(err)));
  }, [caseId, version]);

  if (!history) return <FormAlert message={error} />;
  if (history.circulations.length === 0 && history.unrecorded === null) return null;
  const partners = [...new Set(history.circulations.flatMap((c) => c.recipients.map((r) => r.partnerName)))].sort((a, b) => a.localeCompare(b, 'en-GB'));
  const query = find.trim().toLowerCase();
  const answer = query === '' ? null : history.circulations.filter((c) => c.recipients.some((r) => r.partnerName.toLowerCase().includes(query)));

  return (
    <section className="panel circulation-history" aria-labelledby="circulations-heading">
      <h2 id="circulations-heading">Circulations ({history.circulations.length})</h2>
      {history.unrecorded && (
        <p className="alert alert--warn">
          Circulated on {formatUkDate(history.unrecorded.lastCirculatedOn ?? history.unrecorded.circulatedOn)} without a recorded pack (before Reciprocal kept
          circulation records, or by a plain change of state): who received it was not recorded.
        </p>
      )}
      {partners.length > 0 && (
        <div className="field">
          <label htmlFor="circulation-find">Did a partner receive it?</label>
          <input id="circulation-find" list="circulation-partners" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Partner name" />
          <datalist id="circulation-partners">
            {partners.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <p role="status" className="field__hint" data-testid="circulation-answer">
            {answer === null
              ? 'Type or choose a partner.'
              : answer.length === 0
                ? `No: no recorded circulation went to a partner called “${find.trim()}”.`
                : `Yes: on ${answer.map((c) => formatUkDate(c.circulatedOn)).join(', ')}.`}
          </p>
        </div>
      )}
      <ol className="plain-list circulation-history__list">
        {history.circulations.map((c) => (
          <CirculationEntry key={c.id} c={c} />
        ))}
      </ol>
    </section>
  );
}

function CirculationEntry({ c }: { c: CirculationRecord }) {
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byPartner = new Map<string, string[]>();
  for (const r of c.recipients) byPartner.set(r.partnerName, [...(byPartner.get(r.partnerName) ?? []), `${r.contactName} (${r.secureEmail || r.email})`]);
  return (
    <li className="circulation-history__entry" data-circulation={c.sequence}>
      <h3>
        {formatUkDate(c.circulatedOn)}: {c.kind === 'first' ? 'first circulation' : `re-circulation ${c.sequence}`}
        {c.encrypted ? ', encrypted' : ''}
      </h3>
      <p className="small muted">
        Recorded {formatUkDateTime(c.at)} by {c.actor}. Saved as {c.fileName}.
      </p>
      <p>
        <strong>Boroughs:</strong> {c.boroughs.map((b) => `${boroughName(b.code)}${b.isNew ? ' (new)' : ''}`).join(', ')}
      </p>
      {c.changes.length > 0 && (
        <p>
          <strong>What changed:</strong> {c.changes.join(' ')}
        </p>
      )}
      <table className="table table--compact" aria-label={`Recipients on ${formatUkDate(c.circulatedOn)}`}>
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Sent to</th>
          </tr>
        </thead>
        <tbody>
          {[...byPartner.entries()].map(([partner, people]) => (
            <tr key={partner}>
              <th scope="row">{partner}</th>
              <td>{people.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">
        SHA-256 of the pack: <code className="mono circulation-history__hash">{c.packSha256}</code>
      </p>
      {c.encrypted && (
        <div className="button-row">
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              unwrap(api().circulation.revealPassphrase({ circulationId: c.id })).then(
                (r) => setPassphrase(r.passphrase),
                (err: unknown) => setError(errorMessage(err)),
              )
            }
          >
            Show the passphrase
          </button>
          <span role="status">{passphrase && <code className="mono circulation-passphrase">{passphrase}</code>}</span>
        </div>
      )}
      <FormAlert message={error} />
    </li>
  );
}
