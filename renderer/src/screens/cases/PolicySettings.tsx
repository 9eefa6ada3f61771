import { useEffect, useState } from 'react';
import { casePolicySchema, QUIET_STATES, type CasePolicy, type QuietState } from '../../../../contract/case-policy';
import type { AuditVerification } from '../../../../contract/case-views';
import { formatUkDate, formatUkDateTime, parseUkDate } from '../../../../contract/dates';
import { FormAlert, TextAreaField } from '../../components/Field';
import { NumberSettings, SettingsPanel, typedNumber } from '../../components/SettingsPanel';
import { useSubmission, useTask } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';

const NUMBERS = [
  {
    key: 'circulateWithinWorkingDays',
    label: 'Circulate within this many working days of approval',
    hint: 'The scheme promises "within a week": 5 working days. Weekends and the bank holidays below do not count.',
  },
  {
    key: 'chaseApprovalAfterWorkingDays',
    label: "Chase the landlord's approval after this many working days",
    hint: 'Counted from the day the request went to the landlord.',
  },
  { key: 'chaseIntervalWorkingDays', label: 'After a chase, chase again after this many working days', hint: 'Recording a chase moves the deadline on.' },
  {
    key: 'reviewNoOfferAfterWorkingDays',
    label: 'Review a case with no offer after this many working days',
    hint: 'Counted from circulation, the last offer or the last review. 65 working days is about three months.',
  },
  { key: 'dueSoonDays', label: 'Show deadlines as "due soon" this many days ahead', hint: 'Calendar days, on Home.' },
  { key: 'minRequestedBoroughs', label: 'Minimum number of requested boroughs', hint: 'Fewer needs a recorded reason.' },
  { key: 'offerCap', label: 'Offers allowed per case', hint: 'Published guidance: one offer per application.' },
  { key: 'minApplicantAge', label: 'Youngest age of an applicant', hint: 'Old enough to hold a tenancy in their own name: 18 by default.' },
] as const;

/** "No progress for N working days" in each state with no deadline of its own, so no case goes quiet. */
const QUIET_LABELS: Readonly<Record<QuietState, string>> = {
  referral_received: 'Referral received, not yet sent to the landlord',
  landlord_declined: 'Landlord declined, not yet closed or reconsidered',
  offer_made: 'Offer made, no viewing or decision yet',
  viewing: 'Viewing, no decision yet',
  offer_accepted: 'Offer accepted, not yet moved',
  moved: 'Moved, not yet closed',
  on_hold: 'On hold',
  withdrawn: 'Withdrawn, not yet closed',
};

type NumberKey = (typeof NUMBERS)[number]['key'];

/** Case policy in Settings: deadlines, minimum boroughs, offer cap and bank holidays. */
export function CasePolicySettings() {
  const [values, setValues] = useState<Record<NumberKey, string> | null>(null);
  const [quiet, setQuiet] = useState<Record<QuietState, string> | null>(null);
  const [holidays, setHolidays] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();

  const show = (p: CasePolicy) => {
    setValues(Object.fromEntries(NUMBERS.map((n) => [n.key, String(p[n.key])])) as Record<NumberKey, string>);
    setQuiet(Object.fromEntries(QUIET_STATES.map((q) => [q, String(p.noProgressWorkingDays[q])])) as Record<QuietState, string>);
    setHolidays(p.bankHolidays.map(formatUkDate).join('\n'));
  };

  useEffect(() => {
    unwrap(api().cases.getPolicy({})).then(show, (err: unknown) => setLoadError(errorMessage(err)));
  }, []);

  const submit = async () => {
    if (!values || !quiet) return;
    setSaved(null);
    const lines = holidays
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean);
    const bankHolidays = lines.map((l) => parseUkDate(l) ?? `invalid:${l}`);
    const policy = {
      ...Object.fromEntries(NUMBERS.map((n) => [n.key, typedNumber(values[n.key])])),
      noProgressWorkingDays: Object.fromEntries(QUIET_STATES.map((q) => [q, typedNumber(quiet[q])])),
      bankHolidays,
    };
    const result = await form.run(casePolicySchema, policy, (req) => unwrap(api().cases.updatePolicy(req)));
    if (result) {
      show(result);
      setSaved('Case policy saved. Deadlines now follow it.');
    }
  };

  const holidayError = Object.entries(form.fields).find(([k]) => k.startsWith('bankHolidays'))?.[1];

  return (
    <SettingsPanel
      id="policy"
      title="Case policy"
      loadError={loadError}
      ready={values !== null && quiet !== null}
      onSubmit={submit}
      error={form.error}
      busy={form.busy}
      submitLabel="Save case policy"
      saved={saved}
    >
      {values && quiet && (
        <>
          <NumberSettings settings={NUMBERS} values={values} onChange={setValues} errors={form.fields} />
          <fieldset className="group">
            <legend>Remind me when a case has had no progress for this many working days</legend>
            <p className="field__hint">A chase, or an update from the Nominating Officer, starts the count again.</p>
            <NumberSettings
              settings={QUIET_STATES.map((q) => ({ key: q, label: QUIET_LABELS[q] }))}
              values={quiet}
              onChange={setQuiet}
              errors={Object.fromEntries(QUIET_STATES.map((q) => [q, form.fields[`noProgressWorkingDays.${q}`]]))}
            />
          </fieldset>
          <TextAreaField
            label="Bank holidays (England and Wales)"
            hint="One date per line, as dd/mm/yyyy. Check new years against GOV.UK: the government can move or add days."
            rows={8}
            value={holidays}
            onChange={(e) => setHolidays(e.target.value)}
            error={holidayError}
          />
        </>
      )}
    </SettingsPanel>
  );
}

export function AuditVerifySettings() {
  const [report, setReport] = useState<AuditVerification | null>(null);
  const { busy, error, run } = useTask();
  const verify = async () => {
    const next = await run(() => unwrap(api().audit.verify({})));
    if (next) setReport(next);
  };
  return (
    <section className="panel" aria-labelledby="audit-verify-heading">
      <h2 id="audit-verify-heading">Audit log</h2>
      <p>Checks that no entry of the audit log has been changed, removed or reordered since it was written.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void verify()} disabled={busy}>
          Verify the audit log
        </button>
      </div>
      <div role="status" className="status-line">
        {busy && 'Checking…'}
        {report?.ok && (
          <div className="alert alert--ok">
            Audit log verified: all {report.entries.toLocaleString('en-GB')} entries are intact (checked {formatUkDateTime(report.checkedAt)}).
          </div>
        )}
      </div>
      {report?.anchorNotes && report.anchorNotes.length > 0 && (
        <ul className="hint" aria-label="Backups not compared">
          {report.anchorNotes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {report && !report.ok && (
        <div className="alert alert--error" role="alert">
          The audit log failed verification. {report.problem} Tell your administrator, and keep this computer as it is.
        </div>
      )}
      <FormAlert message={error} />
    </section>
  );
}
