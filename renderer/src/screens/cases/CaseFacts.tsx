import type { ReactNode } from 'react';
import { boroughName, sortBoroughCodes } from '../../../../contract/boroughs';
import type { CaseDetail } from '../../../../contract/case-views';
import {
  OVERRIDABLE_RULE_LABELS,
  ACCESS_NEED_LABELS,
  CONSENT_SCOPE_LABELS,
  HOUSING_MOVES_LABELS,
  PROPERTY_TYPE_LABELS,
  REFERRING_AGENCY_KIND_LABELS,
  RISK_CATEGORY_LABELS,
  SEX_OR_GENDER_LABELS,
  TENANCY_TYPE_LABELS,
} from '../../../../contract/cases';
import { formatUkDate, formatUkDateTime } from '../../../../contract/dates';
import { IdentityReveal } from '../privacy/IdentityReveal';

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="details">
      {rows.map(([term, value]) => (
        <div key={term} className="details__row">
          <dt>{term}</dt>
          <dd>{value === '' || value === null ? <span className="muted">Not recorded</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

const ERASED = '[erased]';
const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
const floorLabel = (floor: number) => (floor === 0 ? 'Ground floor' : floor === -1 ? 'Basement' : `Floor ${floor}`);

export function CaseFacts({ detail, onAddBoroughs }: { detail: CaseDetail; onAddBoroughs: (() => void) | null }) {
  const r = detail.referral;
  // On an anonymised case the erased fields say so, rather than "Not recorded" or "None besides the current borough",
  // which would read as facts about the applicant (main/rights/anonymise.ts lists what is erased).
  const gone = detail.anonymised !== null;
  const erased = (value: ReactNode): ReactNode => (gone ? ERASED : value);
  const applicant: [string, ReactNode][] = [
    ['Name', erased(r.applicant.fullName)],
    // An anonymised case holds no date of birth (main/rights/anonymise.ts stores the column's "no date").
    ['Date of birth', r.applicant.dateOfBirth === '0001-01-01' ? ERASED : formatUkDate(r.applicant.dateOfBirth)],
    ['Phone', erased(r.applicant.phone)],
    ['Email', erased(r.applicant.email)],
    ['Safe contact', erased(r.applicant.safeContactNotes)],
    [
      'Address',
      erased([r.applicant.address.line1, r.applicant.address.line2, r.applicant.address.town, r.applicant.address.postcode].filter(Boolean).join(', ')),
    ],
  ];
  const adults = r.household.filter((m) => m.kind === 'adult').length + 1;
  const children = r.household.filter((m) => m.kind === 'child').length;
  // From the year of birth, as of the app's today: right however long the case has waited, to within a year.
  const ageNow = (year: number) => {
    const top = Number(detail.today.slice(0, 4)) - year;
    return top <= 0 ? 'under 1 now' : `aged ${top - 1} or ${top} now`;
  };
  return (
    <>
      <section className="panel" aria-labelledby="applicant-heading">
        <h2 id="applicant-heading">Applicant</h2>
        <p className="field__hint">Held only in this app; never circulated.</p>
        {gone ? (
          <Facts rows={applicant} />
        ) : (
          <IdentityReveal>
            <Facts rows={applicant} />
          </IdentityReveal>
        )}
      </section>
      <section className="panel" aria-labelledby="request-heading">
        <h2 id="request-heading">Request</h2>
        <h3>Requested boroughs ({r.requestedBoroughs.length})</h3>
        <p>{sortBoroughCodes(r.requestedBoroughs).map(boroughName).join(', ')}</p>
        {r.requestedBoroughsReason && !gone && <p className="field__hint">Fewer than the minimum because: {r.requestedBoroughsReason}</p>}
        {onAddBoroughs && (
          <button type="button" className="button button--small" onClick={onAddBoroughs}>
            Add boroughs
          </button>
        )}
        <h3>Household</h3>
        <p>
          {adults} {adults === 1 ? 'adult' : 'adults'} and {children} {children === 1 ? 'child' : 'children'}
          {r.household.length > 0 && (
            <span className="muted">
              {' '}
              (with the applicant:{' '}
              {r.household
                .map(
                  (m) =>
                    `${m.kind === 'child' ? 'child' : 'adult'} born ${m.yearOfBirth} (${ageNow(m.yearOfBirth)}), ${SEX_OR_GENDER_LABELS[m.sexOrGender].toLowerCase()}`,
                )
                .join('; ')}
              )
            </span>
          )}
        </p>
        <h3>Current home</h3>
        <Facts
          rows={[
            ['Home landlord', detail.homeLandlord.name],
            ['Borough', boroughName(r.currentHome.borough)],
            ['Bedrooms', String(r.currentHome.bedrooms)],
            ['Property', `${PROPERTY_TYPE_LABELS[r.currentHome.propertyType]}, ${floorLabel(r.currentHome.floor).toLowerCase()}`],
            ['Tenancy', TENANCY_TYPE_LABELS[r.currentHome.tenancyType]],
            ['Overcrowded', yesNo(r.currentHome.overcrowded)],
            [
              'Temporary accommodation',
              r.currentHome.inTemporaryAccommodation
                ? `Yes: placed by ${r.currentHome.placingCouncil}${r.currentHome.temporaryBorough ? ` in ${boroughName(r.currentHome.temporaryBorough)}` : ''}. The landlord, borough and bedrooms above are of the tenancy held before`
                : 'No',
            ],
          ]}
        />
        {/* Decisions taken at intake about the landlord stay beside it. */}
        {detail.overrides.map((o) => (
          <p key={`${o.rule}-${o.at}`} className="alert alert--warn">
            {OVERRIDABLE_RULE_LABELS[o.rule]} by {o.actor} on {formatUkDateTime(o.at)}: {o.reason}
          </p>
        ))}
        <h3>Needs</h3>
        <Facts
          rows={[
            ['Access', ACCESS_NEED_LABELS[r.needs.access]],
            ['Medical needs', erased(r.needs.medicalNeeds)],
            ['Pets', r.needs.hasPets ? `Yes; would ${r.needs.wouldConsiderRehoming === 'yes' ? '' : 'not '}consider rehoming` : 'No'],
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="risk-heading">
        <h2 id="risk-heading">Risk</h2>
        <ul className="plain-list">
          {r.risk.categories.map((c) => (
            <li key={c}>{RISK_CATEGORY_LABELS[c]}</li>
          ))}
        </ul>
        <p className="pre-wrap">{erased(r.risk.summary)}</p>
        <Facts
          rows={[
            [
              'Unsafe boroughs',
              erased(
                r.risk.unsafeBoroughs.length === 0 ? 'None besides the current borough' : sortBoroughCodes(r.risk.unsafeBoroughs).map(boroughName).join(', '),
              ),
            ],
            ['MARAC or risk reference', erased(r.risk.maracReference)],
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="officers-heading">
        <h2 id="officers-heading">Referral and Nominating Officers</h2>
        <p>
          {r.referringAgency.name} <span className="muted">({REFERRING_AGENCY_KIND_LABELS[r.referringAgency.kind]})</span>
        </p>
        {r.nominatingOfficers.map((o, i) => (
          <div key={i} className="case-officer">
            <strong>{o.name}</strong>, {o.role}, {o.organisation}
            <div>
              {o.phone} · {o.email}
              {o.secureEmail && <> · secure: {o.secureEmail}</>}
            </div>
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="consent-heading">
        <h2 id="consent-heading">Consent and monitoring</h2>
        <Facts
          rows={[
            ['Consent given on', formatUkDate(r.consent.date)],
            ['Covers', r.consent.covers.map((c) => CONSENT_SCOPE_LABELS[c]).join('; ')],
            ['Consent notes', erased(r.consent.notes)],
            ['Housing Moves', HOUSING_MOVES_LABELS[r.housingMoves]],
            ['Equality monitoring', r.equality.optedIn ? 'Answered (used only in anonymised reports)' : 'Not answered'],
          ]}
        />
      </section>
    </>
  );
}
