import { z } from 'zod';
import { channel } from './channel';
import { isoDateSchema, optionalText, REFERRING_AGENCY_KINDS, type ReferringAgencyKind } from './cases';
import type { IsoDate } from './calendar-date';

/*
 * Enquiries that do not become cases: a move out of London, a landlord that is not a partner, someone without a
 * social tenancy. The scheme's reports count enquiries as well as referrals, so each is recorded, with no applicant
 * identity at all: only the date, who asked, why it could not go ahead and where they were signposted.
 */

export const ENQUIRY_REASONS = ['out_of_london', 'landlord_not_partner', 'no_social_tenancy', 'not_at_risk', 'information_only', 'other'] as const;
export type EnquiryReason = (typeof ENQUIRY_REASONS)[number];
export const ENQUIRY_REASON_LABELS: Readonly<Record<EnquiryReason, string>> = {
  out_of_london: 'Wants to move out of London',
  landlord_not_partner: 'Landlord is not a partner of the scheme',
  no_social_tenancy: 'No social tenancy (and none before temporary accommodation)',
  not_at_risk: 'Not at risk from a form of violence the scheme covers',
  information_only: 'Asked for information only',
  other: 'Other (explain in the notes)',
};

export const SIGNPOSTS = ['homefinder', 'seaside_and_country_homes', 'housing_options', 'emergency_accommodation', 'landlord_transfer', 'other'] as const;
export type Signpost = (typeof SIGNPOSTS)[number];
export const SIGNPOST_LABELS: Readonly<Record<Signpost, string>> = {
  homefinder: 'Homefinder UK',
  seaside_and_country_homes: 'Housing Moves Seaside and Country Homes',
  housing_options: "The local council's housing options service",
  emergency_accommodation: 'Emergency or temporary accommodation (immediate risk)',
  landlord_transfer: "The landlord's own management transfer",
  other: 'Somewhere else (say where in the notes)',
};

/** Where the scheme's own page sends someone who wants to leave London. */
export const OUT_OF_LONDON_SIGNPOSTS: readonly Signpost[] = ['homefinder', 'seaside_and_country_homes'];

export const enquirySchema = z
  .object({
    receivedOn: isoDateSchema('Enter the date of the enquiry'),
    agencyKind: z.enum(REFERRING_AGENCY_KINDS, { error: () => 'Choose the type of agency that asked' }),
    reason: z.enum(ENQUIRY_REASONS, { error: () => 'Choose why the enquiry did not become a referral' }),
    signposting: z
      .array(z.enum(SIGNPOSTS))
      .max(SIGNPOSTS.length, { message: 'Choose each place once', abort: true })
      .refine((c) => new Set(c).size === c.length, 'Choose each place once'),
    /** No names or contact details: the enquiry holds no identity. */
    notes: optionalText(1000),
  })
  .strict();
export type EnquiryInput = z.input<typeof enquirySchema>;

export interface Enquiry {
  id: number;
  receivedOn: IsoDate;
  agencyKind: ReferringAgencyKind;
  reason: EnquiryReason;
  signposting: Signpost[];
  notes: string;
  recordedAt: string;
  recordedBy: string;
}

export interface EnquiryCounts {
  from: IsoDate;
  to: IsoDate;
  total: number;
  byReason: { reason: EnquiryReason; count: number }[];
  bySignpost: { signpost: Signpost; count: number }[];
}

const range = z.strictObject({
  from: isoDateSchema('Enter the start date'),
  to: isoDateSchema('Enter the end date'),
});

export const enquiryChannels = {
  'enquiries.create': channel<Enquiry>()(enquirySchema),
  'enquiries.list': channel<Enquiry[]>()(z.strictObject({ limit: z.number().int().min(1).max(200).default(50) })),
  'enquiries.count': channel<EnquiryCounts>()(range),
};
