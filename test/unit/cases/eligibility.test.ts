import { describe, expect, it } from 'vitest';
import type { BoroughCode } from '../../../contract/boroughs';
import {
  blockingFailures,
  canProceed,
  checkEligibility,
  DEFAULT_ELIGIBILITY_POLICY,
  type EligibilityContext,
  type EligibilityFacts,
} from '../../../main/cases/eligibility';

const HACKNEY: BoroughCode = 'E09000012';
const FIVE_SAFE: BoroughCode[] = ['E09000003', 'E09000005', 'E09000007', 'E09000008', 'E09000009'];

const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  tenancyType: 'secure',
  homeLandlordPartnerId: 7,
  currentBorough: HACKNEY,
  unsafeBoroughs: ['E09000014'],
  requestedBoroughs: FIVE_SAFE,
  requestedBoroughsReason: '',
  overrides: [],
  ...over,
});

const ctx = (over: Partial<EligibilityContext> = {}): EligibilityContext => ({
  policy: DEFAULT_ELIGIBILITY_POLICY,
  homeLandlord: { name: 'Hackney Council', status: 'active' },
  ...over,
});

describe('eligibility', () => {
  it('passes a complete, eligible referral', () => {
    expect(checkEligibility(facts(), ctx())).toEqual([]);
  });

  it('is not eligible with no social tenancy', () => {
    const failures = checkEligibility(facts({ tenancyType: 'none' }), ctx());
    expect(failures).toEqual([expect.objectContaining({ rule: 'no_social_tenancy', field: 'currentHome.tenancyType', severity: 'error' })]);
    expect(canProceed(failures)).toBe(false);
  });

  it.each(['secure', 'assured', 'fixed_term', 'other_social'] as const)('a %s tenancy is eligible', (tenancyType) => {
    expect(checkEligibility(facts({ tenancyType }), ctx())).toEqual([]);
  });

  it('is not eligible when the landlord is not a partner', () => {
    const failures = checkEligibility(facts(), ctx({ homeLandlord: undefined }));
    expect(failures).toEqual([
      {
        rule: 'landlord_not_partner',
        field: 'currentHome.homeLandlordPartnerId',
        severity: 'error',
        message: "Not eligible: the applicant's landlord must be a partner of the scheme.",
      },
    ]);
  });

  it('is not eligible when the landlord has left the scheme', () => {
    const [failure] = checkEligibility(facts(), ctx({ homeLandlord: { name: 'Old Homes HA', status: 'left' } }));
    expect(failure).toMatchObject({ rule: 'landlord_not_partner', severity: 'error' });
    expect(failure?.message).toContain('Old Homes HA has left the scheme');
  });

  it('says nothing about the landlord before one is chosen', () => {
    expect(checkEligibility(facts({ homeLandlordPartnerId: undefined }), ctx({ homeLandlord: undefined }))).toEqual([]);
  });

  it('needs an override for a suspended landlord', () => {
    const suspended = ctx({ homeLandlord: { name: 'Suspended HA', status: 'suspended' } });
    const failures = checkEligibility(facts(), suspended);
    expect(failures).toEqual([expect.objectContaining({ rule: 'landlord_suspended', severity: 'override' })]);
    expect(canProceed(failures)).toBe(false);

    const blank = checkEligibility(facts({ overrides: [{ rule: 'landlord_suspended', reason: '   ' }] }), suspended);
    expect(canProceed(blank)).toBe(false);

    const overridden = checkEligibility(facts({ overrides: [{ rule: 'landlord_suspended', reason: 'Agreed with the steering group' }] }), suspended);
    expect(overridden[0]?.resolvedBy).toBe('Agreed with the steering group');
    expect(canProceed(overridden)).toBe(true);
  });

  it('an override for one rule does not resolve another', () => {
    const failures = checkEligibility(
      facts({ overrides: [{ rule: 'ledger_cap', reason: 'Agreed' }] }),
      ctx({ homeLandlord: { name: 'Suspended HA', status: 'suspended' } }),
    );
    expect(canProceed(failures)).toBe(false);
  });

  describe('ledger cap hook', () => {
    it('is never at the cap until the ledger passes a count', () => {
      expect(checkEligibility(facts(), ctx({ unreciprocatedMoves: undefined }))).toEqual([]);
    });

    it('allows a partner below the cap', () => {
      expect(checkEligibility(facts(), ctx({ unreciprocatedMoves: 2 }))).toEqual([]);
    });

    it('blocks a partner at the cap unless overridden', () => {
      const failures = checkEligibility(facts(), ctx({ unreciprocatedMoves: 3 }));
      expect(failures).toEqual([expect.objectContaining({ rule: 'ledger_cap', severity: 'override' })]);
      expect(failures[0]?.message).toContain('Hackney Council has 3 moves it has not yet reciprocated');
      expect(canProceed(failures)).toBe(false);
      const overridden = checkEligibility(facts({ overrides: [{ rule: 'ledger_cap', reason: 'Reciprocation agreed' }] }), ctx({ unreciprocatedMoves: 4 }));
      expect(canProceed(overridden)).toBe(true);
    });

    it('follows the policy cap', () => {
      const policy = { ...DEFAULT_ELIGIBILITY_POLICY, ledgerCap: 5 };
      expect(checkEligibility(facts(), ctx({ policy, unreciprocatedMoves: 4 }))).toEqual([]);
    });
  });

  it('refuses the current borough as a requested borough', () => {
    const failures = checkEligibility(facts({ requestedBoroughs: [...FIVE_SAFE, HACKNEY] }), ctx());
    expect(failures).toEqual([
      {
        rule: 'requested_current_borough',
        field: 'requestedBoroughs',
        severity: 'error',
        message: "Hackney is the applicant's current borough; the move must be to a different borough.",
      },
    ]);
  });

  it('refuses unsafe boroughs, naming them', () => {
    const failures = checkEligibility(facts({ unsafeBoroughs: ['E09000014', 'E09000003'], requestedBoroughs: [...FIVE_SAFE, 'E09000014'] }), ctx());
    expect(failures).toEqual([
      expect.objectContaining({
        rule: 'requested_unsafe_borough',
        severity: 'error',
        message: 'The applicant is unsafe in Barnet, Haringey; remove them from the requested boroughs.',
      }),
    ]);
  });

  describe('minimum number of boroughs', () => {
    it('warns below the minimum and needs a reason to go on', () => {
      const failures = checkEligibility(facts({ requestedBoroughs: FIVE_SAFE.slice(0, 3) }), ctx());
      expect(failures).toEqual([expect.objectContaining({ rule: 'below_minimum_boroughs', field: 'requestedBoroughs', severity: 'warning' })]);
      expect(failures[0]?.message).toContain('Only 3 boroughs are requested; the scheme asks for at least 5');
      expect(blockingFailures(failures)).toHaveLength(1);
    });

    it('goes on once a reason is recorded, still showing the warning', () => {
      const failures = checkEligibility(
        facts({ requestedBoroughs: FIVE_SAFE.slice(0, 1), requestedBoroughsReason: 'Needs to stay near a specialist school' }),
        ctx(),
      );
      expect(failures[0]?.message).toContain('Only 1 borough is requested');
      expect(failures[0]?.resolvedBy).toBe('Needs to stay near a specialist school');
      expect(canProceed(failures)).toBe(true);
    });

    it('is quiet at exactly the minimum', () => {
      expect(checkEligibility(facts({ requestedBoroughs: FIVE_SAFE }), ctx())).toEqual([]);
    });

    it('follows the policy minimum', () => {
      const policy = { ...DEFAULT_ELIGIBILITY_POLICY, minRequestedBoroughs: 8 };
      expect(checkEligibility(facts(), ctx({ policy }))[0]?.rule).toBe('below_minimum_boroughs');
    });

    it('warns on an empty choice while the form is being filled in', () => {
      expect(checkEligibility(facts({ requestedBoroughs: undefined }), ctx())[0]?.message).toContain('Only 0 boroughs are requested');
    });
  });

  it('reports every failure at once, and errors cannot be overridden', () => {
    const failures = checkEligibility(
      facts({ tenancyType: 'none', requestedBoroughs: [HACKNEY], requestedBoroughsReason: 'Because' }),
      ctx({ homeLandlord: { name: 'Suspended HA', status: 'suspended' }, unreciprocatedMoves: 3 }),
    );
    expect(failures.map((f) => f.rule)).toEqual([
      'landlord_suspended',
      'ledger_cap',
      'no_social_tenancy',
      'requested_current_borough',
      'below_minimum_boroughs',
    ]);
    expect(blockingFailures(failures).map((f) => f.rule)).toEqual(['landlord_suspended', 'ledger_cap', 'no_social_tenancy', 'requested_current_borough']);
  });
});
