import { useEffect, useState } from 'react';
import { retentionPolicySchema, type AnonymiseResult, type RetentionPreview } from '../../../../contract/rights';
import { formatUkDate } from '../../../../contract/dates';
import { Dialog } from '../../components/Dialog';
import { Field, Form, FormAlert } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';
import { useCases } from '../../stores/cases-store';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Anonymise 3 cases", or, when only enquiries are due, "Erase the notes of 2 enquiries". */
const runLabel = (p: RetentionPreview) =>
  p.count > 0 ? `Anonymise ${plural(p.count, 'case', 'cases')}` : `Erase the notes of ${plural(p.enquiries, 'enquiry', 'enquiries')}`;

/**
 * Settings → Data retention: the policy (audited), a preview of the cases it covers today, and the run, confirmed in a
 * dialog that repeats the count. Main refuses a run whose cases differ from the preview the coordinator confirmed.
 */
export function RetentionSettings() {
  const [years, setYears] = useState('');
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<AnonymiseResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useSubmission();
  const invalidate = useCases((s) => s.invalidate);

  const load = () =>
    unwrap(api().rights.retentionPreview({})).then(
      (p) => {
        setPreview(p);
        setYears(String(p.policy.closedMoreThanYears));
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  useEffect(() => {
    void load();
  }, []);

  const save = async () => {
    setSaved(null);
    setResult(null);
    const next = await form.run(retentionPolicySchema, { closedMoreThanYears: years.trim() === '' ? undefined : Number(years) }, (req) =>
      unwrap(api().rights.updateRetention(req)),
    );
    if (next) {
      setSaved('Retention policy saved. The change is in the audit log.');
      await load();
    }
  };

  const run = async () => {
    if (!preview) return;
    setError(null);
    try {
      const done = await unwrap(
        api().rights.retentionRun({ closedBefore: preview.closedBefore, expectedCount: preview.count, expectedEnquiries: preview.enquiries }),
      );
      setResult(done);
      invalidate();
    } catch (err) {
      setError(errorMessage(err));
    }
    setConfirming(false);
    await load();
  };

  return (
    <section className="panel" aria-labelledby="retention-heading" data-section="retention">
      <h2 id="retention-heading">Data retention</h2>
      <p className="field__hint">
        Closed cases are kept, then anonymised: the applicant’s name, date of birth, contact details, addresses, risk narrative, MARAC reference and every note
        are erased, and so are the notes of enquiries received before the same day. The reference, states, dates, ledger entries and enquiry counts stay, so
        reports and balances are unchanged.
      </p>
      <Form onSubmit={save} error={form.error}>
        <Field
          label="Anonymise cases closed more than this many years ago"
          hint="6 by default: the six-year limitation period for claims."
          inputMode="numeric"
          className="input--short"
          value={years}
          onChange={(e) => setYears(e.target.value)}
          error={form.fields['closedMoreThanYears']}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={form.busy}>
            Save retention policy
          </button>
        </div>
        {saved && (
          <p role="status" className="alert alert--ok">
            {saved}
          </p>
        )}
      </Form>
      <FormAlert message={error} />
      {preview && (
        <div className="retention-preview">
          <p data-testid="retention-preview">
            <strong>
              {preview.count === 0
                ? `No cases closed before ${formatUkDate(preview.closedBefore)} are waiting to be anonymised.`
                : `${plural(preview.count, 'case', 'cases')} closed before ${formatUkDate(preview.closedBefore)} will be anonymised.`}
            </strong>{' '}
            {preview.alreadyAnonymised > 0 && <>{plural(preview.alreadyAnonymised, 'case has', 'cases have')} been anonymised already.</>}
          </p>
          {preview.enquiries > 0 && (
            <p data-testid="retention-enquiries">
              The notes of {plural(preview.enquiries, 'enquiry', 'enquiries')} received before {formatUkDate(preview.closedBefore)} will be erased too; the
              enquiries are still counted in reports.
            </p>
          )}
          {preview.sample.length > 0 && (
            <p className="field__hint">
              Oldest first: {preview.sample.join(', ')}
              {preview.count > preview.sample.length ? ', …' : ''}
            </p>
          )}
          {preview.count + preview.enquiries > 0 && (
            <div className="button-row">
              <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
                {runLabel(preview)}…
              </button>
            </div>
          )}
        </div>
      )}
      <div role="status">
        {result && (
          <p className="alert alert--ok">
            {plural(result.anonymised, 'case was', 'cases were')} anonymised
            {result.enquiriesAnonymised > 0 && <> and {plural(result.enquiriesAnonymised, 'enquiry had its', 'enquiries had their')} notes erased</>};{' '}
            {plural(result.auditEntriesRedacted, 'audit entry', 'audit entries')} had their personal details erased. The run is in the audit log.
          </p>
        )}
      </div>
      {confirming && preview && (
        <Dialog title="Anonymise closed cases" name="retention-confirm" closeLabel="Cancel" onClose={() => setConfirming(false)}>
          <p>
            The personal details of {plural(preview.count, 'case', 'cases')} closed before {formatUkDate(preview.closedBefore)}
            {preview.enquiries > 0 && <>, and the notes of {plural(preview.enquiries, 'enquiry', 'enquiries')} received before then,</>} will be erased for
            good. This cannot be undone, and backups made before today still hold them until they are replaced.
          </p>
          <div className="button-row">
            <button type="button" className="button button--danger" onClick={() => void run()}>
              {runLabel(preview)}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
