import type { ReferralInput } from '../../../contract/cases';

/** A realistic, valid referral in one line; pass the parts a test cares about. */
export function aReferral(over: Partial<ReferralInput> = {}): ReferralInput {
  return {
    receivedOn: '2026-03-02',
    referringAgency: { name: 'Hackney Domestic Abuse Service', kind: 'domestic_abuse_service' },
    nominatingOfficers: [
      {
        name: 'Priya Shah',
        organisation: 'Hackney Domestic Abuse Service',
        role: 'IDVA',
        phone: '020 7946 0123',
        email: 'priya.shah@example.org',
        secureEmail: '',
      },
    ],
    applicant: {
      fullName: 'Amara Okafor',
      dateOfBirth: '1991-07-14',
      phone: '07700 900123',
      email: '',
      safeContactNotes: 'Text first; do not leave voicemails.',
      address: { line1: 'Flat 12, Example House', line2: 'Mare Street', town: 'London', postcode: 'e8 1aa' },
    },
    household: [
      { kind: 'child', yearOfBirth: 2019, sexOrGender: 'female' },
      { kind: 'child', yearOfBirth: 2022, sexOrGender: 'male' },
    ],
    risk: {
      categories: ['domestic_abuse', 'stalking'],
      summary: 'Former partner has found the address and has been seen outside the block.',
      unsafeBoroughs: ['E09000012', 'E09000014'],
      maracReference: 'MARAC-HK-2026-117',
    },
    currentHome: {
      homeLandlordPartnerId: 1,
      borough: 'E09000012',
      bedrooms: 2,
      propertyType: 'flat',
      floor: 3,
      tenancyType: 'secure',
      overcrowded: false,
      inTemporaryAccommodation: false,
    },
    needs: { access: 'none', medicalNeeds: '', hasPets: false, wouldConsiderRehoming: null },
    requestedBoroughs: ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'],
    requestedBoroughsReason: '',
    consent: { given: true, date: '2026-03-01', covers: ['share_with_home_landlord', 'circulate_request'], notes: '' },
    housingMoves: 'no',
    equality: { optedIn: false },
    overrides: [],
    ...over,
  };
}

const GIVEN_NAMES = ['Amara', 'Bethany', 'Chidi', 'Dorota', 'Emeka', 'Fatima', 'Grace', 'Hamza', 'Ioana', 'Jamal', 'Kiran', 'Lena'];
const FAMILY_NAMES = ['Adeyemi', 'Byrne', 'Chowdhury', 'Dlamini', 'Evans', 'Farah', 'Gallagher', 'Hussain', 'Ibrahim', 'Jones', 'Kowalski'];

/**
 * The nth of many different people: a name and a date of birth no other n shares, so a test that creates several
 * cases is not refused as a possible duplicate (same name and date of birth, or same date of birth and landlord).
 * Every applicant is an adult; pass the parts a test cares about (a name to search for, say) as `over`.
 */
export function aDistinctApplicant(n: number, over: Partial<ReferralInput['applicant']> = {}): ReferralInput['applicant'] {
  const dob = new Date(Date.UTC(1970, 0, 1 + n)).toISOString().slice(0, 10);
  const fullName = `${GIVEN_NAMES[n % GIVEN_NAMES.length]!} ${FAMILY_NAMES[Math.floor(n / GIVEN_NAMES.length) % FAMILY_NAMES.length]!}`;
  return { ...aReferral().applicant, fullName, dateOfBirth: dob, ...over };
}
