import type { ReferralInput } from '../../../contract/cases';
import type { PropertyInput, PropertyView } from '../../../contract/properties';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';
import { circulate } from '../helpers/circulate';
import { registryCalls } from '../helpers/registry-calls';
import type { TestCore } from '../helpers/test-core';

export const BARNET = 'E09000003';

/** A two-bedroom flat in Barnet from `partnerId`, the property the offers tests offer unless they say otherwise. */
export function aBarnetFlat(partnerId: number, over: Partial<PropertyInput> = {}): PropertyInput {
  return {
    partnerId,
    borough: BARNET,
    bedrooms: 2,
    propertyType: 'flat',
    floor: 3,
    hasLift: true,
    access: 'none',
    petsAllowed: false,
    weeklyRentPence: 13575,
    tenancyType: 'secure',
    availableFrom: '2026-03-09',
    notes: '',
    ...over,
  };
}

/**
 * The offers suites' world: Hackney's tenants referred and circulated the only way the app allows (with the pack
 * recorded), and Barnet's homes to offer them. `world()` gives the current test's core and partners, which each test
 * makes afresh; `reset()` numbers the applicants afresh with them.
 */
export function offersWorld(world: () => { t: TestCore; partners: { hackney: number; barnet: number } }) {
  const { ok } = registryCalls(() => world().t);
  let applicants = 0;
  const aProperty = (over: Partial<PropertyInput> = {}): PropertyInput => aBarnetFlat(world().partners.barnet, over);
  return {
    reset: () => void (applicants = 0),
    aProperty,
    property: (over: Partial<PropertyInput> = {}) => ok<PropertyView>('properties.create', aProperty(over)),
    async circulatedCase(over: Partial<ReferralInput> = {}, circulatedOn = '2026-03-03'): Promise<{ id: number; reference: string }> {
      const base = aReferral();
      const created = await ok<{ id: number; reference: string }>('cases.create', {
        ...base,
        applicant: aDistinctApplicant(applicants++),
        ...over,
        currentHome: { ...base.currentHome, ...over.currentHome, homeLandlordPartnerId: world().partners.hackney },
      });
      for (const to of ['awaiting_landlord_approval', 'approved']) await ok('cases.transition', { id: created.id, to, effectiveOn: '2026-03-02' });
      await circulate(world().t, created.id, { on: circulatedOn });
      return created;
    },
  };
}
