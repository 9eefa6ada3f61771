import { z } from 'zod';
import { boroughCodeSchema, type BoroughCode } from './boroughs';
import type { IsoDate } from './calendar-date';
import { ACCESS_NEEDS, isoDateSchema, optionalText, type AccessNeed } from './cases';

/*
 * Properties a partner makes available (issue 10). No address: the address is recorded on the accepted offer only,
 * so a list of available properties can never show where a survivor is about to live.
 */

export const OFFERED_PROPERTY_TYPES = ['flat', 'maisonette', 'house', 'bungalow'] as const;
export type OfferedPropertyType = (typeof OFFERED_PROPERTY_TYPES)[number];
export const OFFERED_PROPERTY_TYPE_LABELS: Readonly<Record<OfferedPropertyType, string>> = {
  flat: 'Flat',
  maisonette: 'Maisonette',
  house: 'House',
  bungalow: 'Bungalow',
};

export const PROPERTY_STATES = ['available', 'offered', 'let', 'withdrawn'] as const;
export type PropertyState = (typeof PROPERTY_STATES)[number];
export const PROPERTY_STATE_LABELS: Readonly<Record<PropertyState, string>> = {
  available: 'Available',
  offered: 'Offered',
  let: 'Let',
  withdrawn: 'Withdrawn',
};

/** A social tenancy the receiving landlord grants; "no tenancy" is not a property the scheme can offer. */
export const PROPERTY_TENANCY_TYPES = ['secure', 'assured', 'fixed_term', 'other_social'] as const;
export type PropertyTenancyType = (typeof PROPERTY_TENANCY_TYPES)[number];
export const PROPERTY_TENANCY_LABELS: Readonly<Record<PropertyTenancyType, string>> = {
  secure: 'Secure',
  assured: 'Assured',
  fixed_term: 'Fixed-term',
  other_social: 'Other social tenancy',
};

/** The property's accessibility, on the same scale as the applicant's access need. */
export const PROPERTY_ACCESS_LABELS: Readonly<Record<AccessNeed, string>> = {
  none: 'Not step-free',
  step_free: 'Step-free',
  wheelchair: 'Wheelchair accessible',
};

export const propertyIdSchema = z.number({ error: 'Choose a property' }).int().positive();

export const propertyInputSchema = z.strictObject({
  partnerId: z.number({ error: 'Choose the partner offering the property' }).int().positive('Choose the partner offering the property'),
  borough: boroughCodeSchema,
  bedrooms: z
    .number({ error: 'Enter the number of bedrooms' })
    .int('Enter a whole number of bedrooms')
    .min(0, 'Enter 0 for a studio')
    .max(7, 'Enter at most 7 bedrooms'),
  propertyType: z.enum(OFFERED_PROPERTY_TYPES, { error: () => 'Choose the type of property' }),
  floor: z
    .number({ error: 'Enter the floor (0 for ground, -1 for basement)' })
    .int('Enter the floor as a whole number')
    .min(-1, 'Enter -1 for a basement')
    .max(50, 'Enter a floor of 50 or below'),
  hasLift: z.boolean({ error: 'Say whether there is a lift' }),
  access: z.enum(ACCESS_NEEDS, { error: () => 'Say whether the property is step-free or wheelchair accessible' }),
  petsAllowed: z.boolean({ error: 'Say whether pets are allowed' }),
  weeklyRentPence: z
    .number({ error: 'Enter the weekly rent in pounds' })
    .int('Enter the rent in pounds and pence')
    .min(0, 'The rent cannot be negative')
    .max(200000, 'Enter a weekly rent of £2,000 or less'),
  tenancyType: z.enum(PROPERTY_TENANCY_TYPES, { error: () => 'Choose the tenancy type' }),
  availableFrom: isoDateSchema('Enter the date the property is available from'),
  notes: optionalText(2000),
});
export type PropertyInput = z.input<typeof propertyInputSchema>;
export type PropertyFields = z.output<typeof propertyInputSchema>;

export const propertyListQuerySchema = z.strictObject({
  partnerId: z.number().int().positive().optional(),
  borough: boroughCodeSchema.optional(),
  bedrooms: z.number().int().min(0).max(7).optional(),
  state: z.enum(PROPERTY_STATES).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(100),
});
export type PropertyListQuery = z.input<typeof propertyListQuerySchema>;

export interface PropertyView extends PropertyFields {
  id: number;
  partnerName: string;
  borough: BoroughCode;
  state: PropertyState;
  stateChangedOn: IsoDate;
  /** "2-bed flat, 3rd floor, Barnet" */
  summary: string;
}

export interface PropertyPage {
  rows: PropertyView[];
  total: number;
}

/** The form remembers the last partner used, so the next property from the same email is quicker. */
export interface PropertyFormOptions {
  partners: { id: number; name: string; status: string }[];
  lastPartnerId: number | null;
}

/** "£123.45" from pence. */
export function formatRent(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "3rd floor", "Ground floor", "Basement". */
export function floorLabel(floor: number): string {
  if (floor === 0) return 'Ground floor';
  if (floor < 0) return 'Basement';
  const mod100 = floor % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][floor % 10] ?? 'th');
  return `${floor}${suffix} floor`;
}
