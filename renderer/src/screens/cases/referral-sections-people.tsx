import { HOUSEHOLD_MEMBER_KINDS, REFERRING_AGENCY_KINDS, REFERRING_AGENCY_KIND_LABELS, SEX_OR_GENDER, SEX_OR_GENDER_LABELS } from '../../../../contract/cases';
import type { EligibilityFailure, ReferralOptions } from '../../../../contract/case-views';
import { choicesOf, DateField, Field, SelectField, TextAreaField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { EMPTY_OFFICER, type MemberDraft, type OfficerDraft, type ReferralDraft } from './referral-draft';

export interface SectionProps {
  draft: ReferralDraft;
  update(patch: Partial<ReferralDraft>): void;
  errors: Record<string, string>;
  eligibility: EligibilityFailure[];
  options: ReferralOptions;
}

const MEMBER_KIND_LABELS = { adult: 'Adult', child: 'Child' } as const;

export function ReferralSection({ draft, update, errors }: SectionProps) {
  const setOfficer = (i: number, patch: Partial<OfficerDraft>) => update({ officers: draft.officers.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  return (
    <section className="panel referral-section" aria-labelledby="sec-referral">
      <h2 id="sec-referral">Referral</h2>
      <DateField
        label="Date the referral was received"
        value={draft.receivedOn}
        onChange={(e) => update({ receivedOn: e.target.value })}
        error={errors['receivedOn']}
      />
      <Field
        label="Referring agency"
        value={draft.agencyName}
        onChange={(e) => update({ agencyName: e.target.value })}
        error={errors['referringAgency.name']}
      />
      <SelectField
        label="Type of agency"
        value={draft.agencyKind}
        onChange={(e) => update({ agencyKind: e.target.value })}
        error={errors['referringAgency.kind']}
        placeholder="Choose…"
        options={choicesOf(REFERRING_AGENCY_KINDS, REFERRING_AGENCY_KIND_LABELS)}
      />
      <h3>Nominating Officers</h3>
      <p className="field__hint">The professionals who filled in the request with the applicant. Landlords with a suitable property contact them.</p>
      {errors['nominatingOfficers'] && <p className="field__error">{errors['nominatingOfficers']}</p>}
      {draft.officers.map((o, i) => {
        const e = (f: string) => errors[`nominatingOfficers.${i}.${f}`];
        const n = i + 1;
        return (
          <fieldset key={i} className="subform" data-officer={i}>
            <legend>Nominating Officer {n}</legend>
            <div className="form-grid">
              <Field label={`Name (officer ${n})`} value={o.name} onChange={(ev) => setOfficer(i, { name: ev.target.value })} error={e('name')} />
              <Field
                label={`Organisation (officer ${n})`}
                value={o.organisation}
                onChange={(ev) => setOfficer(i, { organisation: ev.target.value })}
                error={e('organisation')}
              />
              <Field label={`Role (officer ${n})`} value={o.role} onChange={(ev) => setOfficer(i, { role: ev.target.value })} error={e('role')} />
              <Field
                label={`Phone (officer ${n})`}
                inputMode="tel"
                value={o.phone}
                onChange={(ev) => setOfficer(i, { phone: ev.target.value })}
                error={e('phone')}
              />
              <Field
                label={`Email (officer ${n})`}
                inputMode="email"
                value={o.email}
                onChange={(ev) => setOfficer(i, { email: ev.target.value })}
                error={e('email')}
              />
              <Field
                label={`Secure email (officer ${n}, optional)`}
                inputMode="email"
                value={o.secureEmail}
                onChange={(ev) => setOfficer(i, { secureEmail: ev.target.value })}
                error={e('secureEmail')}
              />
            </div>
            {draft.officers.length > 1 && (
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  update({ officers: draft.officers.filter((_, j) => j !== i) });
                  focusSoon('[data-add-officer]');
                }}
              >
                Remove officer {n}
              </button>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button--small"
        data-add-officer
        onClick={() => {
          update({ officers: [...draft.officers, { ...EMPTY_OFFICER }] });
          focusSoon(`[data-officer="${draft.officers.length}"] input`);
        }}
      >
        Add another Nominating Officer
      </button>
    </section>
  );
}

export function ApplicantSection({ draft, update, errors }: SectionProps) {
  return (
    <section className="panel referral-section" aria-labelledby="sec-applicant">
      <h2 id="sec-applicant">Applicant</h2>
      <p className="notice">The applicant&rsquo;s name, date of birth and contact details stay inside this app. They are never circulated.</p>
      <div className="form-grid">
        <Field
          label="Full name"
          autoComplete="off"
          value={draft.fullName}
          onChange={(e) => update({ fullName: e.target.value })}
          error={errors['applicant.fullName']}
        />
        <DateField
          label="Date of birth"
          hint="The applicant must be an adult who can hold a tenancy. For example, 14/07/1991"
          value={draft.dateOfBirth}
          onChange={(e) => update({ dateOfBirth: e.target.value })}
          error={errors['applicant.dateOfBirth']}
        />
        <Field
          label="Phone (optional)"
          inputMode="tel"
          value={draft.phone}
          onChange={(e) => update({ phone: e.target.value })}
          error={errors['applicant.phone']}
        />
        <Field
          label="Email (optional)"
          inputMode="email"
          value={draft.email}
          onChange={(e) => update({ email: e.target.value })}
          error={errors['applicant.email']}
        />
      </div>
      <TextAreaField
        label="Safe ways to get in touch (optional)"
        hint="For example: text first, never leave voicemail."
        rows={2}
        value={draft.safeContactNotes}
        onChange={(e) => update({ safeContactNotes: e.target.value })}
        error={errors['applicant.safeContactNotes']}
      />
      <h3>Current address</h3>
      <div className="form-grid">
        <Field label="Address line 1" value={draft.line1} onChange={(e) => update({ line1: e.target.value })} error={errors['applicant.address.line1']} />
        <Field
          label="Address line 2 (optional)"
          value={draft.line2}
          onChange={(e) => update({ line2: e.target.value })}
          error={errors['applicant.address.line2']}
        />
        <Field label="Town (optional)" value={draft.town} onChange={(e) => update({ town: e.target.value })} error={errors['applicant.address.town']} />
        <Field
          label="Postcode"
          className="input--short"
          value={draft.postcode}
          onChange={(e) => update({ postcode: e.target.value })}
          error={errors['applicant.address.postcode']}
        />
      </div>
    </section>
  );
}

export function HouseholdSection({ draft, update, errors }: SectionProps) {
  const setMember = (i: number, patch: Partial<MemberDraft>) => update({ household: draft.household.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const add = (kind: 'adult' | 'child') => {
    update({ household: [...draft.household, { kind, yearOfBirth: '', sexOrGender: '' }] });
    // Adult or child is known already: the year of birth comes next.
    focusSoon(`[data-member="${draft.household.length}"] input`);
  };
  return (
    <section className="panel referral-section" aria-labelledby="sec-household">
      <h2 id="sec-household">Household</h2>
      <p className="field__hint">
        Everyone moving with the applicant, not counting the applicant. No names are needed. A year of birth, not an age, keeps ages right while the case waits.
      </p>
      {draft.household.length === 0 && <p className="muted">The applicant is moving alone.</p>}
      {draft.household.map((m, i) => {
        const n = i + 1;
        return (
          <fieldset key={i} className="subform subform--row" data-member={i}>
            <legend>Household member {n}</legend>
            <SelectField
              label={`Adult or child (member ${n})`}
              value={m.kind}
              onChange={(e) => setMember(i, { kind: e.target.value })}
              error={errors[`household.${i}.kind`]}
              placeholder="Choose…"
              options={choicesOf(HOUSEHOLD_MEMBER_KINDS, MEMBER_KIND_LABELS)}
            />
            <Field
              label={`Year of birth (member ${n})`}
              hint="4 digits, like 2015"
              inputMode="numeric"
              className="input--short"
              value={m.yearOfBirth}
              onChange={(e) => setMember(i, { yearOfBirth: e.target.value })}
              error={errors[`household.${i}.yearOfBirth`]}
            />
            <SelectField
              label={`Sex or gender (member ${n})`}
              value={m.sexOrGender}
              onChange={(e) => setMember(i, { sexOrGender: e.target.value })}
              error={errors[`household.${i}.sexOrGender`]}
              placeholder="Choose…"
              options={choicesOf(SEX_OR_GENDER, SEX_OR_GENDER_LABELS)}
            />
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                update({ household: draft.household.filter((_, j) => j !== i) });
                focusSoon('[data-add-member]');
              }}
            >
              Remove member {n}
            </button>
          </fieldset>
        );
      })}
      <div className="button-row">
        <button type="button" className="button button--small" data-add-member onClick={() => add('adult')}>
          Add an adult
        </button>
        <button type="button" className="button button--small" onClick={() => add('child')}>
          Add a child
        </button>
      </div>
    </section>
  );
}
