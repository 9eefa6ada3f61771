import { useEffect, useId, useRef, useState } from 'react';
import { boroughName } from '../../../../contract/boroughs';
import {
  RECIRCULATION_AUDIENCE_LABELS,
  RECIRCULATION_AUDIENCES,
  type CirculationPlan,
  type PackPreview as Preview,
  type RecirculationAudience,
  type SentCirculation,
} from '../../../../contract/circulation';
import { FormAlert } from '../../components/Field';
import { api, errorMessage, unwrap } from '../../services/api';
import { copyText } from './copy-text';
import { PackPreview } from './PackPreview';
import './circulation.css';

/**
 * The case page's circulation: who the request would go to now (and who not, and why), a preview of the pack, the
 * address list and CSV, and "Save the pack and mark it sent". Main decides everything; this only shows its plan.
 */
export function CirculationPanel({ caseId, onSent }: { caseId: number; onSent(sent: SentCirculation): void }) {
  const [audience, setAudience] = useState<RecirculationAudience | undefined>(undefined);
  const [plan, setPlan] = useState<CirculationPlan | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [encrypt, setEncrypt] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [showAddresses, setShowAddresses] = useState<string | null>(null);
  const addressesRef = useRef<HTMLTextAreaElement>(null);
  const encryptId = useId();
  const overrideId = useId();
  const [overrideReason, setOverrideReason] = useState('');

  useEffect(() => {
    let current = true;
    unwrap(api().circulation.plan({ caseId, audience })).then(
      (next) => {
        if (!current) return;
        setPlan(next);
        setError(null);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [caseId, audience]);

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    setNote(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  if (!plan) return error ? <FormAlert message={error} /> : <p className="muted">Working out the distribution list…</p>;

  const contacts = plan.recipients.reduce((n, r) => n + r.contacts.length, 0);
  const canSend = plan.blockedBecause === null;
  return (
    <section className="panel circulation-panel" aria-labelledby="circulation-heading" data-plan-kind={plan.kind}>
      <h2 id="circulation-heading">{plan.kind === 'first' ? 'Circulate the request' : 'Re-circulate the request'}</h2>
      {plan.kind === 'recirculation' && (
        <>
          {plan.changes.length > 0 && (
            <>
              <h3>What changed since the last circulation</h3>
              <ul>
                {plan.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
          <fieldset className="group group--inline">
            <legend>Send the re-circulation to</legend>
            {RECIRCULATION_AUDIENCES.map((a) => (
              <label key={a} className="choice">
                <input type="radio" name="audience" value={a} checked={(audience ?? plan.audience) === a} onChange={() => setAudience(a)} />{' '}
                {RECIRCULATION_AUDIENCE_LABELS[a]}
              </label>
            ))}
          </fieldset>
        </>
      )}
      {plan.notes.map((n) => (
        <p key={n} className="alert alert--warn">
          {n}
        </p>
      ))}

      <h3>Distribution list</h3>
      {plan.recipients.length === 0 ? (
        <p className="alert alert--warn" data-testid="circulation-empty">
          The distribution list is empty: nobody would receive this request.
        </p>
      ) : (
        <>
          <p>
            {plan.recipients.length} {plan.recipients.length === 1 ? 'partner' : 'partners'}, {contacts} {contacts === 1 ? 'contact' : 'contacts'}, from the
            directory as it is now.
          </p>
          <div className="table-wrap">
            <table className="table table--compact" aria-label="Partners who will receive the request">
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">Stock in requested boroughs</th>
                  <th scope="col">Contacts</th>
                  {plan.kind === 'recirculation' && <th scope="col">New</th>}
                </tr>
              </thead>
              <tbody>
                {plan.recipients.map((r) => (
                  <tr key={r.partnerId}>
                    <th scope="row">{r.partnerName}</th>
                    <td>{r.boroughs.map(boroughName).join(', ')}</td>
                    <td>
                      {r.contacts.map((c) => (
                        <div key={c.contactId}>
                          {c.name} <span className="muted">{c.secureEmail || c.email}</span>
                        </div>
                      ))}
                    </td>
                    {plan.kind === 'recirculation' && <td>{r.isNew ? <span className="badge badge--ok">New partner</span> : 'Received before'}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {plan.excluded.length > 0 && (
        <details className="circulation-panel__excluded">
          <summary>
            Not receiving it: {plan.excluded.length} {plan.excluded.length === 1 ? 'partner' : 'partners'}, and why
          </summary>
          <ul className="plain-list">
            {plan.excluded.map((e) => (
              <li key={e.partnerId}>
                <strong>{e.partnerName}</strong>: {e.message}
              </li>
            ))}
          </ul>
        </details>
      )}

      {plan.blockedBecause !== null && (
        <div className="alert alert--warn" role="note" data-testid="circulation-blocked">
          <strong>This request cannot be sent.</strong> {plan.blockedBecause}
        </div>
      )}

      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void run('preview', async () => setPreview(await unwrap(api().circulation.preview({ caseId, audience }))))}
        >
          {preview ? 'Preview again' : 'Preview the pack'}
        </button>
        {plan.recipients.length > 0 && (
          <>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() =>
                void run('copy', async () => {
                  const list = await unwrap(api().circulation.addressList({ caseId, audience }));
                  const copied = await copyText(list.text);
                  setShowAddresses(list.text);
                  setNote(copied ? `Copied ${list.count} addresses. Paste them into a secure email.` : 'Select the addresses below and copy them.');
                  if (!copied) setTimeout(() => addressesRef.current?.select(), 0);
                })
              }
            >
              Copy the address list
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() =>
                void run('csv', async () => {
                  const out = await unwrap(api().circulation.exportList({ caseId, audience }));
                  if (!out.cancelled) setNote(`Saved ${out.fileName} (${out.rows} contacts).`);
                })
              }
            >
              Export the list (CSV)
            </button>
          </>
        )}
      </div>
      <div role="status">{note && <p className="alert alert--ok">{note}</p>}</div>
      {showAddresses !== null && (
        <div className="field">
          <label htmlFor="circulation-addresses">Address list</label>
          <textarea id="circulation-addresses" ref={addressesRef} readOnly rows={3} value={showAddresses} />
        </div>
      )}
      {preview && <PackPreview pdfBase64={preview.pdfBase64} pages={preview.pages} reference={plan.reference} />}

      {canSend && (
        <div className="circulation-panel__send">
          <div className="checkbox-field">
            <label className="checkbox" htmlFor={encryptId}>
              <input id={encryptId} type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} /> Encrypt the pack (AES-256) with a new
              passphrase
            </label>
            <p className="field__hint">The passphrase is shown once it is saved. Send it separately, by phone or SMS, never in the same email.</p>
          </div>
          {plan.needsOverride !== null && (
            <div className="field">
              <label htmlFor={overrideId}>Why go ahead</label>
              <p className="field__hint" id={`${overrideId}-hint`}>
                {plan.needsOverride.message} The reason is shown on the case and in the audit.
              </p>
              <textarea
                id={overrideId}
                rows={2}
                maxLength={1000}
                aria-describedby={`${overrideId}-hint`}
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
              />
            </div>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={busy !== null}
            onClick={() =>
              void run('send', async () => {
                const out = await unwrap(api().circulation.send({ caseId, audience, encrypt, planKey: plan.planKey, overrideReason }));
                if (!out.cancelled) onSent(out);
              })
            }
          >
            Save the pack and mark it sent
          </button>
          <p className="field__hint">
            Saving records today&rsquo;s circulation (the pack&rsquo;s fingerprint, the boroughs and every contact above) and moves the case to
            &lsquo;Circulated&rsquo;.
          </p>
        </div>
      )}
      <FormAlert message={error} />
    </section>
  );
}
