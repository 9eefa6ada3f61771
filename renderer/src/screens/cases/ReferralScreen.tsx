import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { referralSchema } from '../../../../contract/cases';
import type { EligibilityFailure, ReferralOptions } from '../../../../contract/case-views';
import { Form, FormAlert, TextAreaField } from '../../components/Field';
import { Screen } from '../../components/Screen';
import { useSubmission } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';
import { useCases } from '../../stores/cases-store';
import { draftFromReferral, eligibilityQuery, emptyDraft, placeOverrideErrors, toReferralValues, type ReferralDraft } from './referral-draft';
import { ApplicantSection, HouseholdSection, ReferralSection, type SectionProps } from './referral-sections-people';
import { HomeSection, NeedsSection, RiskSection } from './referral-sections-home';
import { BoroughsSection, ConsentSection, EqualitySection } from './referral-sections-request';
import { CoverageWarning, DuplicateWarning, useCoverage, useDuplicates } from './referral-warnings';
import { draftKey } from '../../../../contract/drafts';
import { LeaveGuard } from '../../components/drafts/LeaveGuard';
import { useKeptDraft } from '../../components/drafts/useKeptDraft';
import { RegisteredCheck } from '../partners/RegisteredCheck';
import './cases.css';

/** Eligibility is asked of main as the form fills, a moment after the coordinator stops changing the relevant parts. */
function useEligibility(draft: ReferralDraft | null): EligibilityFailure[] {
  const [failures, setFailures] = useState<EligibilityFailure[]>([]);
  const key = draft ? JSON.stringify(eligibilityQuery(draft)) : null;
  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      void unwrap(api().cases.checkEligibility(JSON.parse(key) as ReturnType<typeof eligibilityQuery>)).then(
        (result) => current && setFailures(result),
        () => undefined,
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return failures;
}

export function ReferralScreen() {
  const { id } = useParams();
  const caseId = id === undefined ? null : Number(id);
  const navigate = useNavigate();
  const loadOptions = useCases((s) => s.loadOptions);
  const invalidate = useCases((s) => s.invalidate);
  const [options, setOptions] = useState<ReferralOptions | null>(null);
  const [draft, setDraft] = useState<ReferralDraft | null>(null);
  const [reference, setReference] = useState<string | null>(null);
  const [originalLandlord, setOriginalLandlord] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();
  // No lost typing: what is typed is kept in main as a draft, and put back when the form opens again.
  const kept = useKeptDraft(draftKey(caseId === null ? 'referral' : 'case_edit', caseId), draft, setDraft);
  const checked = useEligibility(draft);
  const duplicates = useDuplicates(draft, caseId);
  const coverage = useCoverage(draft?.requestedBoroughs ?? []);
  // The landlord's suspension and ledger cap were weighed at intake; an edit re-weighs them only for a new landlord.
  const eligibility =
    draft !== null && originalLandlord === draft.landlordId ? checked.filter((f) => f.rule !== 'landlord_suspended' && f.rule !== 'ledger_cap') : checked;

  useEffect(() => {
    let current = true;
    Promise.all([loadOptions(), caseId === null ? Promise.resolve(null) : unwrap(api().cases.get({ id: caseId }))]).then(
      ([opts, detail]) => {
        if (!current) return;
        setOptions(opts);
        // The app's today (main's clock), as every date rule uses.
        setDraft(detail ? draftFromReferral(detail.referral) : emptyDraft(opts.today));
        setReference(detail?.reference ?? null);
        setOriginalLandlord(detail ? String(detail.referral.currentHome.homeLandlordPartnerId) : null);
      },
      (err: unknown) => current && setLoadError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [caseId, loadOptions]);

  const update = useCallback((patch: Partial<ReferralDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d)), []);
  // After a refused submit, errors the coordinator puts right go as they do.
  const { recheck } = form;
  useEffect(() => {
    if (draft) recheck(referralSchema, toReferralValues(draft));
  }, [draft, recheck]);

  const submit = async () => {
    if (!draft) return;
    const saved = await form.run(referralSchema, toReferralValues(draft), async (referral) =>
      caseId === null ? (await unwrap(api().cases.create(referral))).id : (await unwrap(api().cases.update({ id: caseId, referral, reason }))).id,
    );
    if (saved !== undefined) {
      await kept.saved();
      invalidate();
      void navigate(`/cases/${saved}`, { state: { saved: caseId === null ? 'created' : 'updated' } });
    }
  };

  const title = caseId === null ? 'New referral' : `Edit ${reference ?? 'case'}`;
  const errors = draft ? placeOverrideErrors(form.fields, eligibility, draft) : form.fields;
  const props: SectionProps | null = draft && options ? { draft, update, errors, eligibility, options } : null;

  return (
    <Screen name={caseId === null ? 'referral' : 'referral-edit'} title={title} ready={props !== null || loadError !== null}>
      <FormAlert message={loadError} />
      <LeaveGuard when={kept.isDirty} onDiscard={kept.discard} what={caseId === null ? 'This referral' : 'This change'} />
      {/* Asked first, before a long intake is typed for a landlord that is not in the scheme. */}
      {caseId === null && props && (
        <RegisteredCheck
          landlord={{
            chosenId: props.draft.landlordId === '' ? null : Number(props.draft.landlordId),
            use: (partner) => update({ landlordId: String(partner.id) }),
          }}
        />
      )}
      {props && (
        <Form className="referral-form" onSubmit={submit} error={form.error} summary={errors}>
          {caseId === null && (
            <p className="referral-enquiry-link">
              Not a referral the scheme can take, such as a move out of London or a landlord that is not a partner?{' '}
              <Link to="/enquiries/new">Record it as an enquiry</Link> instead: no applicant details are kept.
            </p>
          )}
          <ReferralSection {...props} />
          <ApplicantSection {...props} />
          <DuplicateWarning matches={duplicates} confirmed={props.draft.notDuplicateOf} onConfirm={(notDuplicateOf) => update({ notDuplicateOf })} />
          <HouseholdSection {...props} />
          <RiskSection {...props} />
          <HomeSection {...props} />
          <NeedsSection {...props} />
          <BoroughsSection {...props} />
          <CoverageWarning report={coverage} />
          <ConsentSection {...props} />
          <EqualitySection {...props} />
          <section className="panel referral-section" aria-labelledby="sec-save">
            <h2 id="sec-save">{caseId === null ? 'Record the referral' : 'Save the changes'}</h2>
            {caseId !== null && (
              <TextAreaField
                label="Why the details changed (optional)"
                hint="For example: update from the Nominating Officer by phone. Kept in the audit log."
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            <div className="button-row">
              <button type="submit" className="button button--primary" disabled={form.busy}>
                {caseId === null ? 'Record referral' : 'Save changes'}
              </button>
              <Link className="button" to={caseId === null ? '/cases' : `/cases/${caseId}`}>
                Cancel
              </Link>
            </div>
          </section>
        </Form>
      )}
    </Screen>
  );
}
