import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { REFERRING_AGENCY_KINDS, REFERRING_AGENCY_KIND_LABELS } from '../../../../contract/cases';
import { formatUkDate, parseUkDate } from '../../../../contract/dates';
import {
  ENQUIRY_REASONS,
  ENQUIRY_REASON_LABELS,
  enquirySchema,
  OUT_OF_LONDON_SIGNPOSTS,
  SIGNPOSTS,
  SIGNPOST_LABELS,
  type Enquiry,
  type EnquiryReason,
  type Signpost,
} from '../../../../contract/enquiries';
import { Checkboxes, RadioGroup } from '../../components/choices';
import { choicesOf, DateField, Form, FormAlert, SelectField, TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { Screen } from '../../components/Screen';
import { Table } from '../../components/Table';
import { api, errorMessage, unwrap } from '../../services/api';
import './enquiries.css';

/*
 * An enquiry that does not become a case: a move out of London, a landlord that is not a partner. Recorded so the
 * year-end reports can count enquiries, with no applicant identity at all.
 */

interface Draft {
  receivedOn: string;
  agencyKind: string;
  reason: EnquiryReason | '';
  signposting: Signpost[];
  notes: string;
}

const blank = (today: string): Draft => ({ receivedOn: formatUkDate(today), agencyKind: '', reason: '', signposting: [], notes: '' });

export function EnquiryScreen() {
  const [today, setToday] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [recent, setRecent] = useState<Enquiry[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();

  const loadRecent = useCallback(() => unwrap(api().enquiries.list({ limit: 20 })).then(setRecent), []);
  useEffect(() => {
    // The app's today, from main: the same clock as every date rule.
    Promise.all([unwrap(api().cases.referralOptions({})), loadRecent()]).then(
      ([options]) => {
        setToday(options.today);
        setDraft(blank(options.today));
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [loadRecent]);

  const update = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const submit = async () => {
    if (!draft || today === null) return;
    setSaved(null);
    const values = {
      receivedOn: draft.receivedOn.trim() === '' ? '' : (parseUkDate(draft.receivedOn) ?? `invalid:${draft.receivedOn}`),
      agencyKind: draft.agencyKind === '' ? undefined : draft.agencyKind,
      reason: draft.reason === '' ? undefined : draft.reason,
      signposting: draft.signposting,
      notes: draft.notes,
    };
    const recorded = await form.run(enquirySchema, values, (req) => unwrap(api().enquiries.create(req)));
    if (recorded) {
      setSaved(`Enquiry recorded (${ENQUIRY_REASON_LABELS[recorded.reason]}), received ${formatUkDate(recorded.receivedOn)}.`);
      setDraft(blank(today));
      void loadRecent();
    }
  };

  const outOfLondon = draft?.reason === 'out_of_london';
  return (
    <Screen name="enquiry" title="Record an enquiry" ready={draft !== null || loadError !== null}>
      <FormAlert message={loadError} />
      <p className="enquiry-intro">
        For an enquiry that cannot become a referral. No name or contact details are kept: only the date, who asked, why, and where you signposted them.
        Enquiries are counted in the scheme&rsquo;s reports. <Link to="/cases/new">Record a referral instead</Link>.
      </p>
      <div role="status">{saved && <div className="alert alert--ok">{saved}</div>}</div>
      {draft && (
        <Form className="panel enquiry-form" onSubmit={submit} error={form.error} summary={form.fields}>
          <DateField
            label="Date of the enquiry"
            value={draft.receivedOn}
            onChange={(e) => update({ receivedOn: e.target.value })}
            error={form.fields['receivedOn']}
          />
          <SelectField
            label="Type of agency that asked"
            value={draft.agencyKind}
            onChange={(e) => update({ agencyKind: e.target.value })}
            error={form.fields['agencyKind']}
            placeholder="Choose…"
            options={choicesOf(REFERRING_AGENCY_KINDS, REFERRING_AGENCY_KIND_LABELS)}
          />
          <RadioGroup
            legend="Why it did not become a referral"
            inline={false}
            options={ENQUIRY_REASONS.map((value) => ({ value, label: ENQUIRY_REASON_LABELS[value] }))}
            value={draft.reason}
            onChange={(reason) => update({ reason })}
            error={form.fields['reason']}
          />
          <Checkboxes
            legend="Where you signposted them"
            hint={
              outOfLondon
                ? `The scheme cannot circulate requests outside London. Signpost to ${OUT_OF_LONDON_SIGNPOSTS.map((s) => SIGNPOST_LABELS[s]).join(' and ')}.`
                : 'Tick each place you mentioned.'
            }
            options={SIGNPOSTS.map((s) => ({ value: s, label: SIGNPOST_LABELS[s] }))}
            selected={draft.signposting}
            onChange={(signposting) => update({ signposting })}
            error={form.fields['signposting']}
          />
          <TextAreaField
            label="Notes (optional)"
            hint="What was asked and said. No names, addresses or phone numbers."
            rows={3}
            value={draft.notes}
            onChange={(e) => update({ notes: e.target.value })}
            error={form.fields['notes']}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={form.busy}>
              Record enquiry
            </button>
          </div>
        </Form>
      )}
      <section className="panel" aria-labelledby="enquiries-recent">
        <h2 id="enquiries-recent">Recent enquiries</h2>
        {recent.length === 0 ? (
          <p className="muted">No enquiries recorded yet.</p>
        ) : (
          <Table
            caption="Recent enquiries, newest first"
            rowKey={(e) => e.id}
            rows={recent}
            columns={[
              { header: 'Date', cell: (e) => formatUkDate(e.receivedOn) },
              { header: 'Agency', cell: (e) => REFERRING_AGENCY_KIND_LABELS[e.agencyKind] },
              { header: 'Reason', cell: (e) => ENQUIRY_REASON_LABELS[e.reason] },
              { header: 'Signposted to', cell: (e) => (e.signposting.length === 0 ? 'Nowhere' : e.signposting.map((s) => SIGNPOST_LABELS[s]).join('; ')) },
            ]}
          />
        )}
      </section>
    </Screen>
  );
}
