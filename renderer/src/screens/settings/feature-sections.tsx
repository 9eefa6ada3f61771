import type { ComponentType } from 'react';
import { AuditVerifySettings, CasePolicySettings } from '../cases/PolicySettings';
import { OfferPolicySettings } from '../offers/OfferPolicySettings';
import { LedgerPolicySettings } from '../ledger/LedgerPolicySettings';

/**
 * Settings sections contributed by features (case policy, audit verification…). Each feature appends
 * its own component here so the settings screen does not need to know them.
 */
export const featureSettingsSections: ComponentType[] = [CasePolicySettings, OfferPolicySettings, LedgerPolicySettings, AuditVerifySettings];
