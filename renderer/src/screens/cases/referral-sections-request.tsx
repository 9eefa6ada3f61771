import { isBoroughCode, type BoroughCode } from '../../../../contract/boroughs';
import {
  AGE_BANDS,
  CONSENT_SCOPES,
  CONSENT_SCOPE_LABELS,
  EQUALITY_LABELS,
  ETHNICITIES,
  GENDERS,
  HOUSING_MOVES_LABELS,
  HOUSING_MOVES_STATUSES,
  SEXUAL_ORIENTATIONS,
  YES_NO_PREFER,
} from '../../../../contract/cases';
import { BoroughPicker } from '../../components/boroughs/BoroughPicker';
import { Checkboxes, YesNo } from '../../components/choices';
import { CheckboxField, choicesOf, DateField, SelectField, TextAreaField } from '../../components/Field';
import { EligibilityNotes } from './eligibility-notes';
import type { SectionProps } from './referral-sections-people';

export function BoroughsSection({ draft, update, errors, eligibility, options }: SectionProps) {
  const unavailable: Partial<Record<BoroughCode, string>> = {};
  for (const code of draft.unsafeBoroughs) unavailable[code] = 'Unsafe for the applicant';
  if (isBoroughCode(draft.borough)) unavailable[draft.borough] = 'Current borough';
  // Nothing chosen yet is a missing answer, not a short list: the warning waits for the first borough.
  const notes = eligibility.filter((f) => f.field === 'requestedBoroughs' && (f.rule !== 'below_minimum_boroughs' || draft.requestedBoroughs.length > 0));
  const belowMinimum = notes.some((f) => f.rule === 'below_minimum_boroughs');
  const min = options.policy.minRequestedBoroughs;
  return (
    <section className="panel referral-section" aria-labelledby="sec-boroughs">
      <h2 id="sec-boroughs">Requested boroughs</h2>
      <BoroughPicker
        label="Boroughs the applicant would move to"
        hint={`The more boroughs, the better the chance of an offer. The scheme asks for at least ${min}. The current borough and unsafe boroughs cannot be chosen.`}
        selected={draft.requestedBoroughs}
        onChange={(requestedBoroughs) => update({ requestedBoroughs })}
        unavailable={unavailable}
        error={errors['requestedBoroughs'] ?? notes.find((f) => f.severity === 'error')?.message}
      />
      <EligibilityNotes failures={notes.filter((f) => f.severity !== 'error')}>
        {belowMinimum && (
          <TextAreaField
            label={`Why fewer than ${min} boroughs`}
            hint="Recorded with the case, so partners and colleagues understand the choice."
            rows={2}
            value={draft.requestedBoroughsReason}
            onChange={(e) => update({ requestedBoroughsReason: e.target.value })}
            error={errors['requestedBoroughsReason']}
          />
        )}
      </EligibilityNotes>
    </section>
  );
}

export function ConsentSection({ draft, update, errors }: SectionProps) {
  return (
    <section className="panel referral-section" aria-labelledby="sec-consent">
      <h2 id="sec-consent">Consent and Housing Moves</h2>
      <CheckboxField
        label="The applicant has given consent"
        checked={draft.consentGiven}
        onChange={(e) => update({ consentGiven: e.target.checked })}
        error={errors['consent.given']}
      />
      <DateField
        label="Date consent was given"
        value={draft.consentDate}
        onChange={(e) => update({ consentDate: e.target.value })}
        error={errors['consent.date']}
      />
      <Checkboxes
        legend="What the consent covers"
        options={CONSENT_SCOPES.map((c) => ({ value: c, label: CONSENT_SCOPE_LABELS[c] }))}
        selected={draft.consentCovers}
        onChange={(consentCovers) => update({ consentCovers })}
        error={errors['consent.covers']}
      />
      <TextAreaField
        label="Notes on consent (optional)"
        rows={2}
        value={draft.consentNotes}
        onChange={(e) => update({ consentNotes: e.target.value })}
        error={errors['consent.notes']}
      />
      <SelectField
        label="Is the applicant also registered with Housing Moves?"
        value={draft.housingMoves}
        onChange={(e) => update({ housingMoves: e.target.value })}
        error={errors['housingMoves']}
        placeholder="Choose…"
        options={choicesOf(HOUSING_MOVES_STATUSES, HOUSING_MOVES_LABELS)}
      />
    </section>
  );
}

const QUESTIONS = [
  { key: 'ageBand', label: 'Age band', values: AGE_BANDS, labels: EQUALITY_LABELS.ageBand },
  { key: 'gender', label: 'Gender', values: GENDERS, labels: EQUALITY_LABELS.gender },
  { key: 'ethnicity', label: 'Ethnic group', values: ETHNICITIES, labels: EQUALITY_LABELS.ethnicity },
  { key: 'sexualOrientation', label: 'Sexual orientation', values: SEXUAL_ORIENTATIONS, labels: EQUALITY_LABELS.sexualOrientation },
  {
    key: 'transStatus',
    label: 'Is their gender identity different from the sex registered at birth?',
    values: YES_NO_PREFER,
    labels: EQUALITY_LABELS.yesNoPrefer,
  },
  { key: 'disability', label: 'Do they consider themselves disabled?', values: YES_NO_PREFER, labels: EQUALITY_LABELS.yesNoPrefer },
  { key: 'careLeaver', label: 'Are they a care leaver?', values: YES_NO_PREFER, labels: EQUALITY_LABELS.yesNoPrefer },
  {
    key: 'criminalJusticeContact',
    label: 'Have they been in contact with the criminal justice system?',
    values: YES_NO_PREFER,
    labels: EQUALITY_LABELS.yesNoPrefer,
  },
] as const;

export function EqualitySection({ draft, update, errors }: SectionProps) {
  return (
    <section className="panel referral-section" aria-labelledby="sec-equality">
      <h2 id="sec-equality">Equality monitoring</h2>
      <p className="field__hint">
        Optional for the applicant. Answers are used only in anonymised reports, and every question can be answered &ldquo;Prefer not to say&rdquo;.
      </p>
      <YesNo
        legend="Does the applicant want to answer the equality monitoring questions?"
        value={draft.equalityOptedIn}
        onChange={(equalityOptedIn) => update({ equalityOptedIn })}
        error={errors['equality'] ?? errors['equality.optedIn']}
      />
      {draft.equalityOptedIn === 'yes' && (
        <div className="form-grid">
          {QUESTIONS.map((q) => (
            <SelectField
              key={q.key}
              label={q.label}
              value={draft.equality[q.key] ?? ''}
              onChange={(e) => update({ equality: { ...draft.equality, [q.key]: e.target.value } })}
              error={errors[`equality.${q.key}`]}
              placeholder="Choose…"
              options={q.values.map((v) => ({ value: v, label: (q.labels as Record<string, string>)[v] ?? v }))}
            />
          ))}
        </div>
      )}
    </section>
  );
}
