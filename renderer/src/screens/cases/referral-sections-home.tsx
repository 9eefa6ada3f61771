import type { BoroughCode } from '../../../../contract/boroughs';
import {
  ACCESS_NEEDS,
  ACCESS_NEED_LABELS,
  PROPERTY_TYPES,
  PROPERTY_TYPE_LABELS,
  RISK_CATEGORIES,
  RISK_CATEGORY_LABELS,
  TENANCY_TYPES,
  TENANCY_TYPE_LABELS,
  type OverridableRule,
} from '../../../../contract/cases';
import { PARTNER_STATUS_LABELS } from '../../../../contract/partners';
import { BOROUGH_CHOICES } from '../../components/boroughs/borough-choices';
import { Checkboxes, YesNo } from '../../components/choices';
import { choicesOf, Field, SelectField, TextAreaField } from '../../components/Field';
import { EligibilityNotes } from './eligibility-notes';
import type { SectionProps } from './referral-sections-people';
import { PartnerCapNotice } from '../ledger/CapNotices';

export function RiskSection({ draft, update, errors }: SectionProps) {
  return (
    <section className="panel referral-section" aria-labelledby="sec-risk">
      <h2 id="sec-risk">Risk</h2>
      <Checkboxes
        legend="Risk categories"
        hint="Choose every category that applies."
        options={RISK_CATEGORIES.map((r) => ({ value: r, label: RISK_CATEGORY_LABELS[r] }))}
        selected={draft.riskCategories}
        onChange={(riskCategories) => update({ riskCategories })}
        error={errors['risk.categories']}
      />
      <TextAreaField
        label="Summary of the risk"
        rows={4}
        value={draft.riskSummary}
        onChange={(e) => update({ riskSummary: e.target.value })}
        error={errors['risk.summary']}
      />
      <Checkboxes<BoroughCode>
        legend="Boroughs where the applicant is unsafe"
        hint="These can never be requested. Leave all unticked if there are none besides the current borough."
        columns
        options={BOROUGH_CHOICES}
        selected={draft.unsafeBoroughs}
        // An unsafe borough can no longer be requested: take it out of the request at once.
        onChange={(unsafeBoroughs) => update({ unsafeBoroughs, requestedBoroughs: draft.requestedBoroughs.filter((b) => !unsafeBoroughs.includes(b)) })}
        error={errors['risk.unsafeBoroughs']}
      />
      <Field
        label="MARAC or risk assessment reference (optional)"
        value={draft.maracReference}
        onChange={(e) => update({ maracReference: e.target.value })}
        error={errors['risk.maracReference']}
      />
    </section>
  );
}

function OverrideReason({
  rule,
  draft,
  update,
  error,
}: {
  rule: OverridableRule;
  draft: SectionProps['draft'];
  update: SectionProps['update'];
  error: string | undefined;
}) {
  return (
    <TextAreaField
      label={
        rule === 'ledger_cap'
          ? 'Why go ahead despite the ledger cap'
          : rule === 'landlord_left'
            ? 'Why go ahead although the landlord has left the scheme'
            : 'Why go ahead although the landlord is suspended'
      }
      hint="Recorded with the case and in the audit log."
      rows={2}
      value={draft.overrides[rule] ?? ''}
      onChange={(e) => update({ overrides: { ...draft.overrides, [rule]: e.target.value } })}
      error={error}
    />
  );
}

export function HomeSection({ draft, update, errors, eligibility, options }: SectionProps) {
  const landlordNotes = eligibility.filter((f) => f.field === 'currentHome.homeLandlordPartnerId');
  const tenancyNotes = eligibility.filter((f) => f.field === 'currentHome.tenancyType');
  const overrides = landlordNotes.filter((f) => f.severity === 'override');
  const landlordError = errors['currentHome.homeLandlordPartnerId'] ?? landlordNotes.find((f) => f.severity === 'error')?.message;
  // In temporary accommodation every question about "the home" is about the social tenancy held before, whose
  // landlord approves the move; the placement itself is asked about separately.
  const ta = draft.temporaryAccommodation === 'yes';
  return (
    <section className="panel referral-section" aria-labelledby="sec-home">
      <h2 id="sec-home">Current home</h2>
      <YesNo
        legend="Is the household in temporary accommodation?"
        hint="If so, the questions below are about the social tenancy they held before, whose landlord approves the move."
        value={draft.temporaryAccommodation}
        onChange={(temporaryAccommodation) => update({ temporaryAccommodation })}
        error={errors['currentHome.inTemporaryAccommodation']}
      />
      {ta && (
        <fieldset className="subform">
          <legend>The temporary accommodation</legend>
          <div className="form-grid">
            <Field
              label="Council that placed the household"
              hint="For example, London Borough of Newham. It does not approve the move."
              value={draft.placingCouncil}
              onChange={(e) => update({ placingCouncil: e.target.value })}
              error={errors['currentHome.placingCouncil']}
            />
            <SelectField
              label="Borough the temporary accommodation is in"
              value={draft.temporaryBorough}
              onChange={(e) => update({ temporaryBorough: e.target.value })}
              error={errors['currentHome.temporaryBorough']}
              placeholder="Choose the borough…"
              options={BOROUGH_CHOICES}
            />
          </div>
        </fieldset>
      )}
      {ta && <h3>The social tenancy held before</h3>}
      <SelectField
        label={ta ? 'Landlord of the tenancy held before' : 'Home landlord'}
        hint={
          ta
            ? 'It approves the move, not the council that placed the household. Only partners of the scheme can approve.'
            : 'Only partners of the scheme can approve a reciprocal move.'
        }
        value={draft.landlordId}
        onChange={(e) => update({ landlordId: e.target.value })}
        error={landlordError}
        placeholder="Choose the landlord…"
        options={options.partners.map((p) => ({
          value: String(p.id),
          label: p.status === 'active' ? p.name : `${p.name} (${PARTNER_STATUS_LABELS[p.status].toLowerCase()})`,
        }))}
      />
      <PartnerCapNotice partnerId={draft.landlordId === '' ? undefined : Number(draft.landlordId)} context="referral" />
      <EligibilityNotes failures={landlordNotes.filter((f) => f.severity !== 'error')}>
        {overrides.map((f) => (
          <OverrideReason key={f.rule} rule={f.rule as OverridableRule} draft={draft} update={update} error={errors[`overrides.${f.rule}`]} />
        ))}
      </EligibilityNotes>
      <div className="form-grid">
        <SelectField
          label={ta ? 'Borough of the tenancy held before' : 'Borough of the current home'}
          value={draft.borough}
          onChange={(e) => update({ borough: e.target.value, requestedBoroughs: draft.requestedBoroughs.filter((b) => b !== e.target.value) })}
          error={errors['currentHome.borough']}
          placeholder="Choose the borough…"
          options={BOROUGH_CHOICES}
        />
        <Field
          label={ta ? 'Bedrooms in the tenancy held before' : 'Bedrooms'}
          hint={ta ? 'Offers match this, not the temporary accommodation. 0 for a studio' : '0 for a studio or bedsit'}
          inputMode="numeric"
          className="input--short"
          value={draft.bedrooms}
          onChange={(e) => update({ bedrooms: e.target.value })}
          error={errors['currentHome.bedrooms']}
        />
        <SelectField
          label="Type of property"
          value={draft.propertyType}
          onChange={(e) => update({ propertyType: e.target.value })}
          error={errors['currentHome.propertyType']}
          placeholder="Choose…"
          options={choicesOf(PROPERTY_TYPES, PROPERTY_TYPE_LABELS)}
        />
        <Field
          label="Floor"
          hint="0 for the ground floor, -1 for a basement"
          inputMode="numeric"
          className="input--short"
          value={draft.floor}
          onChange={(e) => update({ floor: e.target.value })}
          error={errors['currentHome.floor']}
        />
      </div>
      <SelectField
        label={ta ? 'Type of the tenancy held before' : 'Type of tenancy'}
        value={draft.tenancyType}
        onChange={(e) => update({ tenancyType: e.target.value })}
        error={errors['currentHome.tenancyType'] ?? tenancyNotes.find((f) => f.severity === 'error')?.message}
        placeholder="Choose…"
        options={choicesOf(TENANCY_TYPES, TENANCY_TYPE_LABELS)}
      />
      <YesNo
        legend="Is the home overcrowded?"
        value={draft.overcrowded}
        onChange={(overcrowded) => update({ overcrowded })}
        error={errors['currentHome.overcrowded']}
      />
    </section>
  );
}

export function NeedsSection({ draft, update, errors }: SectionProps) {
  return (
    <section className="panel referral-section" aria-labelledby="sec-needs">
      <h2 id="sec-needs">Needs</h2>
      <SelectField
        label="Access"
        value={draft.access}
        onChange={(e) => update({ access: e.target.value })}
        error={errors['needs.access']}
        options={choicesOf(ACCESS_NEEDS, ACCESS_NEED_LABELS)}
      />
      <TextAreaField
        label="Medical needs (optional)"
        rows={2}
        value={draft.medicalNeeds}
        onChange={(e) => update({ medicalNeeds: e.target.value })}
        error={errors['needs.medicalNeeds']}
      />
      <YesNo legend="Does the household have pets?" value={draft.hasPets} onChange={(hasPets) => update({ hasPets })} error={errors['needs.hasPets']} />
      {draft.hasPets === 'yes' && (
        <YesNo
          legend="Would they consider rehoming their pet if the new home does not allow pets?"
          value={draft.wouldConsiderRehoming}
          onChange={(wouldConsiderRehoming) => update({ wouldConsiderRehoming })}
          error={errors['needs.wouldConsiderRehoming']}
        />
      )}
    </section>
  );
}
