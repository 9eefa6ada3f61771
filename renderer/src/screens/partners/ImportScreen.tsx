import { useRef, useState, type RefObject } from 'react';
import { Link } from 'react-router';
import { boroughName } from '../../../../contract/boroughs';
import { PARTNER_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../../contract/partners';
import type { ImportOutcome, ImportPreview } from '../../../../contract/partners';
import { FormAlert } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { useTask } from '../../components/form';
import { api, unwrap } from '../../services/api';
import './partners.css';

type Ready = Extract<ImportPreview, { status: 'ready' }>;
type Preview = Exclude<ImportPreview, { cancelled: true }>;

const lineList = (lines: readonly number[]) => (lines.length === 1 ? `Line ${lines[0]}` : `Lines ${lines.join(', ')}`);

/** Import a partners and contacts CSV: a dry run first, then nothing is written until the coordinator confirms. */
export function ImportScreen() {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const { busy, error, run } = useTask();
  // The buttons pressed go away with what they belong to: focus moves to what replaced them, once it is shown.
  const outcomeRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const focusSoon = (ref: RefObject<HTMLElement | null>) => requestAnimationFrame(() => ref.current?.focus());

  const cancel = () => {
    setPreview(null);
    focusSoon(startRef);
  };

  const choose = async () => {
    setOutcome(null);
    const next = await run(() => unwrap(api().partners.importPreview({})));
    if (next && !next.cancelled) {
      setPreview(next);
      focusSoon(previewRef);
    }
  };

  const confirm = async (ready: Ready) => {
    const done = await run(() => unwrap(api().partners.importConfirm({ token: ready.token })));
    if (done) {
      setOutcome(done);
      setPreview(null);
      focusSoon(outcomeRef);
    }
  };

  const ready = preview?.status === 'ready' ? preview : null;
  const fileError = preview?.status === 'file_error' ? preview : null;
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
      <FormAlert message={error} />
      {outcome && (
        <div ref={outcomeRef} tabIndex={-1} className="alert alert--ok" role="status" data-testid="import-outcome">
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
          <button ref={startRef} type="button" className="button button--primary" onClick={() => void choose()} disabled={busy}>
            Choose CSV file…
          </button>
        </section>
      )}

      {fileError && (
        <section className="panel" aria-labelledby="file-error-heading">
          <h2 id="file-error-heading" ref={previewRef} tabIndex={-1}>
            {fileError.fileName} cannot be imported
          </h2>
          <p className="alert alert--error" role="alert">
            {fileError.message}
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => void choose()} disabled={busy}>
              Choose another file…
            </button>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </section>
      )}

      {ready && (
        <section aria-labelledby="preview-heading" data-testid="import-preview">
          <h2 id="preview-heading" ref={previewRef} tabIndex={-1}>
            Preview of {ready.fileName}
          </h2>
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
              <strong>{ready.errorCount}</strong> row{ready.errorCount === 1 ? '' : 's'} in error
            </div>
          </div>

          {ready.errors.length > 0 && (
            <div className="panel">
              <h3>Rows in error: these will not be imported</h3>
              <Table
                caption="Rows in error"
                testId="import-errors"
                rows={ready.errors}
                rowKey={(_, i) => i}
                columns={[
                  { header: 'Line', cell: (e) => e.line ?? '–' },
                  { header: 'Partner', cell: (e) => e.partnerName ?? '–' },
                  { header: 'Problem', cell: (e) => e.message },
                ]}
              />
              {ready.errorsNotShown > 0 && <p>…and {ready.errorsNotShown.toLocaleString('en-GB')} more rows in error, not listed here.</p>}
            </div>
          )}

          {ready.toAdd.length > 0 && (
            <div className="panel">
              <h3>Partners to add</h3>
              <Table
                caption="Partners to add"
                testId="import-adds"
                rows={ready.toAdd}
                rowKey={(a) => a.name}
                columns={[
                  { header: 'Lines', cell: (a) => lineList(a.lines) },
                  { header: 'Partner', cell: (a) => a.name },
                  { header: 'Type and status', cell: (a) => `${PARTNER_TYPE_LABELS[a.type]}, ${PARTNER_STATUS_LABELS[a.status].toLowerCase()}` },
                  { header: 'Holds stock in', cell: (a) => a.stockBoroughs.map(boroughName).join(', ') || 'None' },
                  { header: 'Contacts', cell: (a) => a.contacts },
                ]}
              />
            </div>
          )}

          {ready.toUpdate.length > 0 && (
            <div className="panel">
              <h3>Partners to update</h3>
              <Table
                caption="Partners to update"
                testId="import-updates"
                rows={ready.toUpdate}
                rowKey={(u) => u.id}
                columns={[
                  { header: 'Lines', cell: (u) => lineList(u.lines) },
                  { header: 'Partner', cell: (u) => u.name },
                  {
                    header: 'Changes',
                    cell: (u) => (
                      <ul className="import-changes">
                        {u.changes.map((c, i) => (
                          <li key={i}>{c}</li>
                        ))}
                      </ul>
                    ),
                  },
                ]}
              />
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
              {ready.warningsNotShown > 0 && <p>…and {ready.warningsNotShown.toLocaleString('en-GB')} more warnings, not listed here.</p>}
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
            <button type="button" className="button" onClick={cancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </Screen>
  );
}
