import type { ComponentType } from 'react';
import { AuditVerifySettings, CasePolicySettings } from '../cases/PolicySettings';
import { CirculationPolicySettings } from '../circulation/CirculationPolicySettings';
import { BackupSettings } from '../backups/BackupSettings';
import { KeySettings } from '../backups/KeySettings';
import { OfferPolicySettings } from '../offers/OfferPolicySettings';
import { ListPrivacySettings } from '../privacy/ListPrivacySettings';
import { LedgerPolicySettings } from '../ledger/LedgerPolicySettings';
import { RetentionSettings } from '../rights/RetentionSettings';

/**
 * Settings sections contributed by features (case policy, audit verification…). Each feature appends
 * its own component here so the settings screen does not need to know them.
 */
export const featureSettingsSections: ComponentType[] = [
  CasePolicySettings,
  CirculationPolicySettings,
  OfferPolicySettings,
  LedgerPolicySettings,
  AuditVerifySettings,
  BackupSettings,
  KeySettings,
  ListPrivacySettings,
  RetentionSettings,
];
