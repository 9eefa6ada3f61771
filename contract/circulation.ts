import { z } from 'zod';
import type { BoroughCode } from './boroughs';
import type { IsoDate } from './calendar-date';
import type { AccessNeed, CaseState, RiskCategory, TenancyType, YesNo } from './cases';
import type { PartnerStatus, PartnerType } from './partners';

/*
 * Circulation: the anonymised property request (the pack), its distribution list and the record of who received
 * what. Types and schemas shared by main and the renderer.
 */

// --- The circulation view: the only input the pack is made from ----------------------------------------------

/**
 * Age bands rather than ages: enough for a landlord to judge bedrooms and suitability, not enough to pick a
 * family out. Children's bands follow the bedroom standard's breakpoints (under 10, 10 to 15, 16 and 17).
 */
export const HOUSEHOLD_AGE_BANDS = ['0_4', '5_9', '10_15', '16_17', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
export type AgeBand = (typeof HOUSEHOLD_AGE_BANDS)[number];
export const HOUSEHOLD_AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  '0_4': 'under 5',
  '5_9': '5 to 9',
  '10_15': '10 to 15',
  '16_17': '16 or 17',
  '18_24': '18 to 24',
  '25_34': '25 to 34',
  '35_44': '35 to 44',
  '45_54': '45 to 54',
  '55_64': '55 to 64',
  '65_plus': '65 or over',
};

export function ageBandOf(age: number): AgeBand {
  if (age < 5) return '0_4';
  if (age < 10) return '5_9';
  if (age < 16) return '10_15';
  if (age < 18) return '16_17';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  if (age < 65) return '55_64';
  return '65_plus';
}

export interface CirculationOfficer {
  name: string;
  organisation: string;
  role: string;
  phone: string;
  email: string;
  secureEmail: string;
}

/**
 * A case as a landlord may see it. It has no field for anyone's identity except the Nominating Officers', who are
 * the landlords' contact: no applicant name, date of birth, address, phone or email, no risk narrative, no unsafe
 * boroughs, no MARAC reference, no equality answers, no home landlord. Built by its own query that never selects
 * those columns (main/circulation/circulation-view.ts).
 */
export interface CirculationView {
  caseId: number;
  reference: string;
  state: CaseState;
  nominatingOfficers: CirculationOfficer[];
  bedrooms: number;
  /** The applicant first, then the other members of the household; age bands only. */
  household: { kind: 'adult' | 'child'; band: AgeBand; isApplicant: boolean }[];
  requestedBoroughs: { code: BoroughCode; addedOn: IsoDate }[];
  accessNeed: AccessNeed;
  /** In outline only: whether there are medical needs. The details stay with the Nominating Officer. */
  hasMedicalNeeds: boolean;
  hasPets: boolean;
  wouldConsiderRehoming: YesNo | null;
  tenancyType: TenancyType;
  /** Present only when the policy says to show the risk category; otherwise empty. */
  riskCategories: RiskCategory[];
  circulatedOn: IsoDate | null;
  lastCirculatedOn: IsoDate | null;
  needsRecirculation: boolean;
}

// --- Policy ---------------------------------------------------------------------------------------------------

export const RECIRCULATION_AUDIENCES = ['new_partners', 'everyone'] as const;
export type RecirculationAudience = (typeof RECIRCULATION_AUDIENCES)[number];
export const RECIRCULATION_AUDIENCE_LABELS: Readonly<Record<RecirculationAudience, string>> = {
  new_partners: 'Only partners who have not received it yet (new for the added boroughs)',
  everyone: 'Every partner on the distribution list',
};

export const circulationPolicySchema = z
  .object({
    showRiskCategory: z.boolean({ error: 'Say whether packs show the risk category' }),
    recirculationAudience: z.enum(RECIRCULATION_AUDIENCES, { error: () => 'Choose who receives a re-circulation' }),
  })
  .strict();
export type CirculationPolicy = z.infer<typeof circulationPolicySchema>;

export const DEFAULT_CIRCULATION_POLICY: CirculationPolicy = { showRiskCategory: false, recirculationAudience: 'new_partners' };

// --- The distribution list ------------------------------------------------------------------------------------

export interface CirculationContact {
  contactId: number;
  name: string;
  role: string;
  phone: string;
  email: string;
  secureEmail: string;
}

export interface DistributionRecipient {
  partnerId: number;
  partnerName: string;
  partnerType: PartnerType;
  /** Its stock boroughs among those requested. */
  boroughs: BoroughCode[];
  contacts: CirculationContact[];
  /** For a re-circulation: this partner has not received the request before. */
  isNew: boolean;
}

export type ExclusionReason = 'suspended' | 'left' | 'no_stock' | 'no_contact' | 'already_received';

export interface DistributionExclusion {
  partnerId: number;
  partnerName: string;
  status: PartnerStatus;
  reason: ExclusionReason;
  /** In plain words: "Suspended since 03/03/2026", "No stock in the requested boroughs". */
  message: string;
}

export type CirculationKind = 'first' | 'recirculation';

export interface CirculationPlan {
  caseId: number;
  reference: string;
  kind: CirculationKind;
  audience: RecirculationAudience;
  boroughs: BoroughCode[];
  /** Boroughs not in the last circulation. */
  newBoroughs: BoroughCode[];
  /** For a re-circulation, what changed since the last one, in plain words. */
  changes: string[];
  recipients: DistributionRecipient[];
  excluded: DistributionExclusion[];
  /** Things the coordinator should know before sending, in plain words. */
  notes: string[];
  /** Null when it can be sent; otherwise why not, for the coordinator. */
  blockedBecause: string | null;
  /**
   * Set when the home landlord has left or is suspended: the request can go out only with a recorded reason
   * (`overrideReason` on `circulation.send`), shown on the case and in the audit.
   */
  needsOverride: { rule: string; message: string } | null;
  /** A short fingerprint of the recipients and the content, so that sending refuses a plan that went stale. */
  planKey: string;
}

// --- The record -----------------------------------------------------------------------------------------------

export interface CirculationRecipientRecord {
  partnerId: number;
  partnerName: string;
  boroughs: BoroughCode[];
  contactName: string;
  contactRole: string;
  email: string;
  secureEmail: string;
  phone: string;
}

export interface CirculationRecord {
  id: number;
  sequence: number;
  kind: CirculationKind;
  audience: RecirculationAudience;
  circulatedOn: IsoDate;
  at: string;
  actor: string;
  boroughs: { code: BoroughCode; isNew: boolean }[];
  changes: string[];
  packSha256: string;
  encrypted: boolean;
  fileName: string;
  recipients: CirculationRecipientRecord[];
}

export interface CaseCirculations {
  caseId: number;
  reference: string;
  circulations: CirculationRecord[];
  /**
   * Set when the case was circulated (by date) without a recorded pack: before this record existed, or through a
   * plain state change. Its recipients are not known.
   */
  unrecorded: { circulatedOn: IsoDate; lastCirculatedOn: IsoDate | null } | null;
}

export interface SentCirculation {
  cancelled: false;
  circulation: CirculationRecord;
  /** Only for an encrypted pack: read it out by phone or send it by SMS, never in the same email. */
  passphrase: string | null;
}

export type SendOutcome = { cancelled: true } | SentCirculation;

export interface PackPreview {
  /** The PDF as base64: the renderer draws its first page with pdf.js, with no request made. */
  pdfBase64: string;
  pages: number;
  sha256: string;
}

export interface PartnerRequestReceived {
  circulationId: number;
  caseId: number;
  reference: string;
  circulatedOn: IsoDate;
  kind: CirculationKind;
  boroughs: BoroughCode[];
  contacts: string[];
}

export type ListExportOutcome = { cancelled: true } | { cancelled: false; fileName: string; rows: number };

// --- Batch ----------------------------------------------------------------------------------------------------

export interface BatchCandidate {
  caseId: number;
  reference: string;
  approvedOn: IsoDate | null;
  recipients: number;
  blockedBecause: string | null;
}

export interface BatchItemResult {
  caseId: number;
  reference: string;
  status: 'sent' | 'skipped' | 'failed';
  message: string;
  fileName: string | null;
  recipients: number;
  passphrase: string | null;
}

export type BatchOutcome =
  { cancelled: true } | { cancelled: false; folderName: string; results: BatchItemResult[]; stoppedEarly: boolean; sent: number; skipped: number };
