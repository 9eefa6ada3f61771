import { z } from 'zod';
import { isIsoDate } from './calendar-date';

/**
 * The scheme's policy settings for cases, editable in Settings. Numbers the scheme publishes (a week to circulate,
 * at least five boroughs, one offer) are defaults, not constants, because the steering group can change them.
 */

const wholeDays = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a number of days` })
    .int(`Enter ${what} as a whole number of days`)
    .min(min, `${what[0]?.toUpperCase()}${what.slice(1)} must be at least ${min} ${min === 1 ? 'day' : 'days'}`)
    .max(max, `${what[0]?.toUpperCase()}${what.slice(1)} must be at most ${max} days`);

/**
 * States with no deadline of their own, where a case could otherwise sit unnoticed: each gets a "no progress for
 * N working days" reminder. (Awaiting approval has its chase, approved its circulation, circulated its review.)
 */
export const QUIET_STATES = ['referral_received', 'landlord_declined', 'offer_made', 'viewing', 'offer_accepted', 'moved', 'on_hold', 'withdrawn'] as const;
export type QuietState = (typeof QUIET_STATES)[number];

const quietDays = z
  .number({ error: 'Enter a number of working days' })
  .int('Enter a whole number of working days')
  .min(1, 'Enter at least 1 working day')
  .max(250, 'Enter at most 250 working days');

export const casePolicySchema = z
  .object({
    /** "Within a week" of approval: 5 working days, skipping weekends and bank holidays. */
    circulateWithinWorkingDays: wholeDays('the time to circulate', 1, 60),
    chaseApprovalAfterWorkingDays: wholeDays('the time before chasing approval', 1, 60),
    /** After a chase, the next chase falls due this many working days later. */
    chaseIntervalWorkingDays: wholeDays('the time between chases', 1, 60),
    reviewNoOfferAfterWorkingDays: wholeDays('the time before a review', 5, 500),
    dueSoonDays: wholeDays('the "due soon" window', 0, 30),
    noProgressWorkingDays: z.strictObject(Object.fromEntries(QUIET_STATES.map((s) => [s, quietDays])) as Record<QuietState, typeof quietDays>),
    /** The youngest an applicant can be: someone who can hold a tenancy in their own name. */
    minApplicantAge: z
      .number({ error: 'Enter the minimum age' })
      .int('Enter the minimum age in whole years')
      .min(16, 'The minimum age must be at least 16')
      .max(25, 'The minimum age must be at most 25'),
    minRequestedBoroughs: z
      .number({ error: 'Enter the minimum number of boroughs' })
      .int('Enter a whole number of boroughs')
      .min(1, 'The minimum must be at least 1 borough')
      .max(32, 'The minimum cannot be more than 32 boroughs'),
    offerCap: z
      .number({ error: 'Enter the number of offers allowed' })
      .int('Enter a whole number of offers')
      .min(1, 'Allow at least 1 offer')
      .max(10, 'Allow at most 10 offers'),
    bankHolidays: z
      .array(
        z
          .string()
          .max(20, { message: 'Enter each bank holiday as a real date, like 25/12/2026', abort: true })
          .refine(isIsoDate, 'Enter each bank holiday as a real date, like 25/12/2026'),
      )
      .max(400, 'Keep the list to 400 dates or fewer')
      // Sorted and unique, so the stored list reads like a calendar and compares cleanly in the audit log.
      .transform((dates) => [...new Set(dates)].sort()),
  })
  .strict();

export type CasePolicy = z.output<typeof casePolicySchema>;
export type CasePolicyInput = z.input<typeof casePolicySchema>;
