import type { CasePolicy } from '../../contract/case-policy';
import { offerPolicySchema, type OfferPolicy } from '../../contract/offers';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';
import type { MatchPolicy } from './match-rules';

const KEY = 'offers.policy';

/** Like for like, as the scheme says; an offer left two weeks in one stage needs chasing. */
export const DEFAULT_OFFER_POLICY: OfferPolicy = { bedroomsFewerAllowed: 0, bedroomsMoreAllowed: 0, staleAfterDays: 14 };

export function readOfferPolicy(db: Db): OfferPolicy {
  return readSetting(db, KEY, offerPolicySchema, DEFAULT_OFFER_POLICY);
}

export function writeOfferPolicy(db: Db, policy: OfferPolicy): void {
  writeSetting(db, KEY, policy);
}

/** The offer cap stays in the case policy (the lifecycle reads it too); bedrooms come from the offer policy. */
export function matchPolicy(cases: CasePolicy, offers: OfferPolicy): MatchPolicy {
  return { offerCap: cases.offerCap, bedroomsFewerAllowed: offers.bedroomsFewerAllowed, bedroomsMoreAllowed: offers.bedroomsMoreAllowed };
}
