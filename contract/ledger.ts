import { z } from 'zod';
import type { IsoDate } from './calendar-date';
import { isoDateSchema } from './cases';
import { missingCase } from './missing-case';

/*
 * The ledger, the scheme's "central pot" (issue 11): what each partner owes and is owed, line by line.
 * A balance is properties given less properties received: positive means the partner is owed, negative that it owes.
 */

export const LEDGER_KINDS = ['move', 'housing_moves', 'opening_balance', 'contribution', 'correction', 'reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_KIND_LABELS: Readonly<Record<LedgerKind, string>> = {
  move: 'Reciprocal move',
  housing_moves: 'Housing Moves move',
  opening_balance: 'Opening balance',
  contribution: 'Property contributed',
  correction: 'Correction',
  reversal: 'Reversal',
};

/** The kinds a coordinator enters by hand, each with a reason. */
export const MANUAL_KINDS = ['opening_balance', 'contribution', 'correction'] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];

export const LEDGER_STATUSES = ['in_credit', 'level', 'owing', 'near_cap', 'at_cap'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
export const LEDGER_STATUS_LABELS: Readonly<Record<LedgerStatus, string>> = {
  in_credit: 'In credit',
  level: 'Level',
  owing: 'Owing',
  near_cap: 'Near the cap',
  at_cap: 'At the cap',
};

/** The status of a balance against the cap: one rule, used by main and by the screens' legends. */
export function ledgerStatus(balance: number, cap: number): LedgerStatus {
  if (balance > 0) return 'in_credit';
  if (balance === 0) return 'level';
  const owed = -balance;
  if (owed >= cap) return 'at_cap';
  if (owed === cap - 1) return 'near_cap';
  return 'owing';
}

export function ledgerStatusTone(status: LedgerStatus): 'ok' | 'warn' | 'danger' | 'neutral' {
  switch (status) {
    case 'in_credit':
    case 'level':
      return 'ok';
    case 'owing':
      return 'neutral';
    case 'near_cap':
      return 'warn';
    case 'at_cap':
      return 'danger';
    default:
      return missingCase(status);
  }
}

const id = (what: string) =>
  z
    .number({ error: `Choose ${what}` })
    .int()
    .positive();
const partnerId = id('a partner');
const asOf = isoDateSchema('Enter the date to show the ledger as it stood on').optional();
const reason = (what: string) => z.string({ error: what }).trim().min(1, what).max(2000, 'Keep the reason to 2,000 characters or fewer');

export const ledgerPolicySchema = z.strictObject({
  cap: z
    .number({ error: 'Enter the cap as a number of moves' })
    .int('Enter a whole number of moves')
    .min(1, 'The cap must be at least 1 move')
    .max(20, 'The cap can be at most 20 moves'),
  bookHousingMoves: z.boolean({ error: 'Choose whether Housing Moves moves are booked' }),
});
export type LedgerPolicy = z.output<typeof ledgerPolicySchema>;

export const ledgerTableQuerySchema = z.strictObject({
  asOf,
  /** One bedroom size, or every entry (the cap always counts in total). */
  bedrooms: z.number().int().min(0).max(7).optional(),
});

export const statementQuerySchema = z.strictObject({
  partnerId,
  asOf,
  /** The key of the last line of the page before (`Statement.next`); none for the first page. */
  after: z
    .string()
    .max(40)
    .regex(/^\d{4}-\d{2}-\d{2}\|[01]\|\d{1,15}$/, 'That page of the statement could not be found: show the statement again')
    .optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const manualEntrySchema = z.strictObject({
  kind: z.enum(MANUAL_KINDS, { error: () => 'Choose the kind of entry' }),
  partnerId,
  /** `owed`: the partner's balance goes up; `owes`: down. A contribution is always `owed`. */
  direction: z.enum(['owed', 'owes'], { error: () => 'Choose whether the partner is owed or owes' }),
  amount: z
    .number({ error: 'Enter the number of properties' })
    .int('Enter a whole number of properties')
    .min(1, 'Enter at least 1 property')
    .max(500, 'Enter 500 or fewer'),
  /** For a correction: the other partner whose balance moves the other way; none means the central pot. */
  counterpartyId: id('the other partner').optional(),
  bedrooms: z.number().int().min(0, 'Enter 0 to 7 bedrooms').max(7, 'Enter 0 to 7 bedrooms').optional(),
  // Not after today is checked in main against the app's today (main/past-dates.ts): one clock.
  onDate: isoDateSchema('Enter the date of the entry'),
  reason: reason('Record why this entry is made'),
});
export type ManualEntryRequest = z.input<typeof manualEntrySchema>;

export const reverseEntrySchema = z.strictObject({
  entryId: id('an entry'),
  reason: reason('Record why this entry is reversed'),
  onDate: isoDateSchema('Enter the date of the reversal').optional(),
});

export const capOverrideSchema = z.strictObject({
  caseId: id('a case'),
  reason: reason('Record why this case goes past the cap'),
});

export const exportStatementSchema = z.strictObject({
  partnerId,
  asOf,
  format: z.enum(['csv', 'pdf'], { error: () => 'Choose CSV or PDF' }),
  /** Encrypts the PDF (AES-256) with this password; empty for none. Ignored for CSV. */
  password: z.string().max(200, 'Keep the password to 200 characters or fewer').default(''),
});

// --- Views ---------------------------------------------------------------------------------------------------

export interface LedgerRow {
  partnerId: number;
  name: string;
  partnerStatus: 'active' | 'suspended' | 'left';
  /** Properties it let to other partners' applicants (net of reversals). */
  given: number;
  /** Moves out of its stock that were booked (net of reversals). */
  received: number;
  /** Opening balance, contributions and corrections. */
  adjustments: number;
  balance: number;
  /** Moves out not yet reciprocated: the number the cap counts (total, whatever the bedroom view). */
  unreciprocated: number;
  status: LedgerStatus;
}

export interface LedgerTable {
  asOf: IsoDate;
  bedrooms: number | null;
  cap: number;
  rows: LedgerRow[];
  /** The central pot's own balance: the counter side of opening balances, contributions and booked Housing Moves. */
  pot: number;
  /** Sum of every partner's balance and the pot: always zero. */
  total: number;
  /** Bedroom sizes that appear in the ledger, for the by-bedroom view. */
  bedroomSizes: number[];
  /** Moves through the Housing Moves pathway by this date, and how many of them the ledger did not book (policy). */
  housingMoves: { moves: number; notBooked: number };
  /** Entries dated by then: none means nothing has been booked yet. */
  entries: number;
}

export interface StatementLine {
  /** `entry-12` or `move-4` (a move that books nothing). */
  key: string;
  entryId: number | null;
  onDate: IsoDate;
  kind: LedgerKind | 'not_booked';
  description: string;
  caseId: number | null;
  caseReference: string | null;
  moveId: number | null;
  bedrooms: number | null;
  /** From this partner's side: +n owed to it, −n it owes, 0 for a move that books nothing. */
  amount: number;
  runningBalance: number;
  reason: string;
  /** Set on an entry that a later reversal undid (as of the statement's date). */
  reversedBy: number | null;
  reverses: number | null;
}

export type CapOverrideView = {
  caseId: number;
  caseReference: string;
  reason: string;
  at: string;
  actor: string;
};

export interface Statement {
  partnerId: number;
  name: string;
  asOf: IsoDate;
  cap: number;
  /** One page of lines, in date order; `next` is the key of the next page, null on the last. */
  lines: StatementLine[];
  /** How many lines the whole statement has. */
  lineCount: number;
  next: string | null;
  totals: { given: number; received: number; adjustments: number; balance: number; unreciprocated: number };
  status: LedgerStatus;
  /** The moves out behind the unreciprocated count, by case reference, oldest first. */
  capMoves: string[];
  overrides: CapOverrideView[];
}

export interface CapStanding {
  partnerId: number;
  name: string;
  unreciprocated: number;
  cap: number;
  status: LedgerStatus;
  /** Case references of the moves behind the count. */
  moves: string[];
  /** For the coordinator, ready to show; empty when the partner is not near or at the cap. */
  message: string;
}

export interface CaseCapStanding extends CapStanding {
  caseId: number;
  caseReference: string;
  /** The recorded override for this case, if any. */
  override: CapOverrideView | null;
  /** At the cap with no override: approval, circulation and offers are refused. */
  blocked: boolean;
}

export type ExportResult = { cancelled: true } | { cancelled: false; file: string; lines: number; sha256: string };
