import { useState } from 'react';
import { Link } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import { PARTNER_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../../contract/partners';
import type { ImportOutcome, ImportPreview } from '../../../../contract/partners';
import { Screen } from '../../components/Screen';
import { api, errorMessage, unwrap } from '../../services/api';
import './partners.css';

type Ready = Extract<ImportPreview, { status: 'ready' }>;

const lineList = (lines: readonly number[]) => (lines.length === 1 ? `Line ${lines[0]}` : `Lines ${lines.join(', ')}`);

/** Import a partners and contacts CSV: a dry run first, then nothing is written until the coordinator confirms. */
export function ImportScreen() {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async () => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const next = await unwrap(api().partners.importPreview({}));
      if (!next.cancelled) setPreview(next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (ready: Ready) => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await unwrap(api().partners.importConfirm({ token: ready.token })));
      setPreview(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const ready = preview !== null && !preview.cancelled && preview.status === 'ready' ? preview : null;
  const fileError = preview !== null && !preview.cancelled && preview.status === 'file_error' ? preview : null;
  const writable = ready !== null && ready.toAdd.length + ready.toUpdate.length > 0;

  return (
    <Screen
      name="partners-import"
      title="Import partners and contacts"
      actions={
        <Link className="button" to="/partners">
          All partners
        </Link>
      }
    >
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      {outcome && (
        <div className="alert alert--ok" role="status" data-testid="import-outcome">
          Import complete: {outcome.added} partner{outcome.added === 1 ? '' : 's'} added, {outcome.updated} updated
          {outcome.skippedPartners > 0 ? `, ${outcome.skippedPartners} skipped because of errors` : ''}. <Link to="/partners">See the partners list</Link>.
        </div>
      )}

      {preview === null && (
        <section className="panel" aria-labelledby="how-heading">
          <h2 id="how-heading">Choose a CSV file</h2>
          <p>
            Use a CSV file saved as <strong>UTF-8</strong> with a header row, one row per contact, in the same format as <strong>Export CSV</strong> on the
            partners list. Dates are dd/mm/yyyy and stock boroughs are separated by semicolons.
          </p>
          <p>
            You will see a preview first. Nothing changes until you confirm. Partners already in the directory are matched by name; partners not in the file are
            left as they are.
          </p>
          <button type="button" className="button button--primary" onClick={() => void choose()} disabled={busy}>
            Choose CSV file…
          </button>
        </section>
      )}

      {fileError && (
        <section className="panel" aria-labelledby="file-error-heading">
          <h2 id="file-error-heading">{fileError.fileName} cannot be imported</h2>
          <p className="alert alert--error" role="alert">
            {fileError.message}
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => void choose()} disabled={busy}>
              Choose another file…
            </button>
            <button type="button" className="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}

      {ready && (
        <section aria-labelledby="preview-heading" data-testid="import-preview">
          <h2 id="preview-heading">Preview of {ready.fileName}</h2>
          <p>Nothing has been changed yet. Check the preview, then confirm or cancel.</p>
          <div className="import-summary" role="status">
            <div className="import-summary__item">
              <strong>{ready.toAdd.length}</strong> to add
            </div>
            <div className="import-summary__item">
              <strong>{ready.toUpdate.length}</strong> to update
            </div>
            <div className="import-summary__item">
              <strong>{ready.unchanged}</strong> unchanged
            </div>
            <div className="import-summary__item">
              <strong>{ready.errors.length}</strong> row{ready.errors.length === 1 ? '' : 's'} in error
            </div>
          </div>

          {ready.errors.length > 0 && (
            <div className="panel">
              <h3>Rows in error: these will not be imported</h3>
              <table className="table" data-testid="import-errors">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Partner</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.line ?? '–'}</td>
                      <td>{e.partnerName ?? '–'}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {ready.toAdd.length > 0 && (
            <div className="panel">
              <h3>Partners to add</h3>
              <table className="table" data-testid="import-adds">
                <thead>
                  <tr>
                    <th scope="col">Lines</th>
                    <th scope="col">Partner</th>
                    <th scope="col">Type and status</th>
                    <th scope="col">Holds stock in</th>
                    <th scope="col">Contacts</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.toAdd.map((a) => (
                    <tr key={a.name}>
                      <td>{lineList(a.lines)}</td>
                      <td>{a.name}</td>
                      <td>
                        {PARTNER_TYPE_LABELS[a.type]}, {PARTNER_STATUS_LABELS[a.status].toLowerCase()}
                      </td>
                      <td>{a.stockBoroughs.map(boroughName).join(', ') || 'None'}</td>
                      <td>{a.contacts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {ready.toUpdate.length > 0 && (
            <div className="panel">
              <h3>Partners to update</h3>
              <table className="table" data-testid="import-updates">
                <thead>
                  <tr>
                    <th scope="col">Lines</th>
                    <th scope="col">Partner</th>
                    <th scope="col">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  {ready.toUpdate.map((u) => (
                    <tr key={u.id}>
                      <td>{lineList(u.lines)}</td>
                      <td>{u.name}</td>
                      <td>
                        <ul className="import-changes">
                          {u.changes.map((c, i) => (
                            <li key={i}>{c}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {ready.warnings.length > 0 && (
            <div className="alert alert--warn">
              <h3>Warnings</h3>
              <ul>
                {ready.warnings.map((w, i) => (
                  <li key={i}>
                    {w.line !== null ? `Line ${w.line}: ` : ''}
                    {w.message}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div className="button-row">
            {writable ? (
              <button type="button" className="button button--primary" onClick={() => void confirm(ready)} disabled={busy}>
                Confirm: add {ready.toAdd.length} and update {ready.toUpdate.length}
              </button>
            ) : (
              <p>There is nothing in this file to add or update.</p>
            )}
            <button type="button" className="button" onClick={() => setPreview(null)} disabled={busy}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </Screen>
  );
}
