import { describe, expect, it } from 'vitest';
import { referralSchema, type ReferralInput } from '../../../contract/cases';
import { aReferral } from './referral-builder';

/** Field path → message, as a form shows them. */
function errors(input: unknown): Record<string, string> {
  const result = referralSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const withApplicant = (over: Partial<ReferralInput['applicant']>) => {
  const r = aReferral();
  return { ...r, applicant: { ...r.applicant, ...over } };
};

describe('the referral schema', () => {
  it('accepts a realistic referral and normalises it', () => {
    const parsed = referralSchema.parse(aReferral());
    expect(parsed.applicant.address.postcode).toBe('E8 1AA');
    expect(parsed.overrides).toEqual([]);
  });

  it('needs at least one Nominating Officer', () => {
    expect(errors(aReferral({ nominatingOfficers: [] }))).toEqual({ nominatingOfficers: 'Add at least one Nominating Officer' });
  });

  it('checks each Nominating Officer at their own field', () => {
    const r = aReferral();
    const officer = r.nominatingOfficers[0];
    if (!officer) throw new Error('builder has an officer');
    const input = { ...r, nominatingOfficers: [officer, { ...officer, name: '  ', email: 'not-an-email', phone: '12345', secureEmail: 'x@' }] };
    expect(errors(input)).toEqual({
      'nominatingOfficers.1.name': "Enter the Nominating Officer's name",
      'nominatingOfficers.1.email': 'Enter an email address, like name@example.org',
      'nominatingOfficers.1.phone': 'Enter a UK phone number, like 020 7946 0000, 07700 900 000 or +44 20 7946 0000',
      'nominatingOfficers.1.secureEmail': 'Enter an email address, like name@example.org',
    });
  });

  it('refuses spreadsheet formulas in names that are circulated', () => {
    const r = aReferral();
    expect(errors({ ...r, referringAgency: { ...r.referringAgency, name: '=HYPERLINK("x")' } })).toEqual({
      'referringAgency.name': "The agency's name must start with a letter or number, not =, +, - or @",
    });
  });

  it('asks for the date of birth in plain words', () => {
    expect(errors(withApplicant({ dateOfBirth: '' }))['applicant.dateOfBirth']).toBe("Enter the applicant's date of birth");
    expect(errors(withApplicant({ dateOfBirth: '1991-02-30' }))['applicant.dateOfBirth']).toBe(
      'That date does not exist; check the day and month (day first, like 27/03/2026)',
    );
    // A two-digit year is not guessed at; the message names the format instead.
    expect(errors(withApplicant({ dateOfBirth: 'invalid:14/07/91' }))['applicant.dateOfBirth']).toBe('Enter the year in full, with 4 digits, like 27/03/2026');
    expect(errors(withApplicant({ dateOfBirth: '1850-01-01' }))['applicant.dateOfBirth']).toBe('Check the year of birth');
  });

  it('checks postcodes and phone numbers', () => {
    const r = aReferral();
    expect(errors({ ...r, applicant: { ...r.applicant, address: { ...r.applicant.address, postcode: 'LONDON' } } })).toEqual({
      'applicant.address.postcode': 'Enter a UK postcode, like SE1 7TP',
    });
    expect(errors(withApplicant({ phone: '+44 7700 900123' }))).toEqual({});
    expect(errors(withApplicant({ phone: '' }))).toEqual({});
    expect(errors(withApplicant({ phone: '07700' }))).toHaveProperty('applicant.phone');
  });

  it('keeps household members nameless, by year of birth rather than age', () => {
    expect(referralSchema.shape.household.element.safeParse({ kind: 'child', yearOfBirth: 2020, sexOrGender: 'female', name: 'Ada' }).success).toBe(false);
    // An age is refused: it goes stale while the case waits. (Adult or child for the year is main's rule: intake-rules.test.ts.)
    expect(referralSchema.shape.household.element.safeParse({ kind: 'child', age: 5, sexOrGender: 'female' }).success).toBe(false);
    expect(errors(aReferral({ household: [{ kind: 'child', yearOfBirth: 20, sexOrGender: 'male' }] }))).toEqual({
      'household.0.yearOfBirth': 'Check the year of birth',
    });
    expect(errors(aReferral({ household: [] }))).toEqual({});
  });

  it('needs at least one risk category and a summary', () => {
    const r = aReferral();
    expect(errors({ ...r, risk: { ...r.risk, categories: [], summary: ' ' } })).toEqual({
      'risk.categories': 'Choose at least one risk category',
      'risk.summary': 'Describe the risk in a few sentences',
    });
  });

  it('keeps current home numbers in range', () => {
    const r = aReferral();
    expect(errors({ ...r, currentHome: { ...r.currentHome, bedrooms: 8 } })).toEqual({
      'currentHome.bedrooms': 'The scheme handles homes of up to 7 bedrooms',
    });
    expect(errors({ ...r, currentHome: { ...r.currentHome, bedrooms: 0, floor: -1 } })).toEqual({});
    expect(errors({ ...r, currentHome: { ...r.currentHome, bedrooms: 1.5 } })).toEqual({ 'currentHome.bedrooms': 'Enter a whole number of bedrooms' });
  });

  it('accepts "no social tenancy" so that eligibility can say why it fails', () => {
    const r = aReferral();
    expect(errors({ ...r, currentHome: { ...r.currentHome, tenancyType: 'none' } })).toEqual({});
  });

  it('asks about rehoming only when there are pets', () => {
    const r = aReferral();
    expect(errors({ ...r, needs: { ...r.needs, hasPets: true, wouldConsiderRehoming: null } })).toEqual({
      'needs.wouldConsiderRehoming': 'Say whether they would consider rehoming their pet if the new home does not allow pets',
    });
    expect(errors({ ...r, needs: { ...r.needs, hasPets: true, wouldConsiderRehoming: 'no' } })).toEqual({});
  });

  it('refuses boroughs outside London and duplicates', () => {
    expect(errors(aReferral({ requestedBoroughs: ['E09000003', 'E07000001' as never] }))).toEqual({
      'requestedBoroughs.1': 'Choose a London borough from the list',
    });
    expect(errors(aReferral({ requestedBoroughs: ['E09000003', 'E09000003'] }))).toEqual({
      requestedBoroughs: 'Each borough can be requested once',
    });
    expect(errors(aReferral({ requestedBoroughs: [] }))).toEqual({
      requestedBoroughs: 'Choose at least one borough the applicant would move to',
    });
  });

  it('needs consent, dated and scoped', () => {
    const r = aReferral();
    expect(errors({ ...r, consent: { ...r.consent, given: false } })).toEqual({
      'consent.given': 'The applicant must consent before the referral can be recorded',
    });
    expect(errors({ ...r, consent: { ...r.consent, covers: [], date: '' } })).toEqual({
      'consent.covers': 'Choose what the consent covers',
      'consent.date': 'Enter the date consent was given',
    });
  });

  describe('equality monitoring', () => {
    const full = {
      optedIn: true,
      ageBand: '25_34',
      gender: 'woman',
      ethnicity: 'black_african',
      sexualOrientation: 'prefer_not_to_say',
      transStatus: 'prefer_not_to_say',
      disability: 'no',
      careLeaver: 'yes',
      criminalJusticeContact: 'prefer_not_to_say',
    } as const;

    it('is opt-in', () => {
      expect(errors(aReferral({ equality: { optedIn: false } }))).toEqual({});
    });

    it('takes no answers when not opted in', () => {
      expect(errors(aReferral({ equality: { optedIn: false, gender: 'woman' } as never }))).not.toEqual({});
    });

    it('accepts "prefer not to say" for every question', () => {
      const all = Object.fromEntries(Object.keys(full).map((k) => [k, k === 'optedIn' ? true : 'prefer_not_to_say']));
      expect(errors(aReferral({ equality: all as never }))).toEqual({});
      expect(errors(aReferral({ equality: full }))).toEqual({});
    });

    it('asks for each unanswered question', () => {
      const { careLeaver: _omit, ...missing } = full;
      expect(errors(aReferral({ equality: missing as never }))).toEqual({
        'equality.careLeaver': 'Choose whether they are a care leaver, or "Prefer not to say"',
      });
    });
  });

  it('requires a reason for each override', () => {
    expect(errors(aReferral({ overrides: [{ rule: 'landlord_suspended', reason: '' }] }))).toEqual({
      'overrides.0.reason': 'Record why you are going ahead',
    });
  });

  it('refuses unknown fields, so nothing unexpected reaches the store', () => {
    expect(errors({ ...aReferral(), extra: 1 })).toHaveProperty('');
  });
});
