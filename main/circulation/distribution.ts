import { sortBoroughCodes, type BoroughCode } from '../../contract/boroughs';
import type { IsoDate } from '../../contract/calendar-date';
import type { CirculationContact, DistributionExclusion, DistributionRecipient, RecirculationAudience } from '../../contract/circulation';
import { formatUkDate } from '../../contract/dates';
import type { PartnerStatus, PartnerType } from '../../contract/partners';
import type { Db } from '../db/types';

/*
 * The distribution list, taken from the directory at the moment it is asked for: every active partner with stock in
 * any requested borough, with its circulation contacts. Every other partner is listed as excluded, with why, so
 * that "why did Peabody not get it?" has an answer on the screen.
 *
 * A partner's circulation contacts are its current lettings contacts (the people who let properties), or its Named
 * Leads when it has no lettings contact, and only those with an email address: the request goes by secure email.
 */

type PartnerRow = { id: number; name: string; type: PartnerType; status: PartnerStatus; status_changed_on: IsoDate };
type ContactRow = {
  id: number;
  partner_id: number;
  kind: 'named_lead' | 'lettings' | 'other';
  name: string;
  role: string;
  phone: string;
  email: string;
  secure_email: string;
};

export interface DistributionInput {
  boroughs: readonly BoroughCode[];
  /** Partners that received an earlier circulation of this request, with when they last did. */
  receivedBefore: ReadonlyMap<number, IsoDate>;
  /** True for a re-circulation. */
  recirculation: boolean;
  audience: RecirculationAudience;
}

export interface DistributionList {
  recipients: DistributionRecipient[];
  excluded: DistributionExclusion[];
}

function circulationContacts(contacts: readonly ContactRow[]): CirculationContact[] {
  const reachable = contacts.filter((c) => c.email !== '' || c.secure_email !== '');
  const lettings = reachable.filter((c) => c.kind === 'lettings');
  const chosen = lettings.length > 0 ? lettings : reachable.filter((c) => c.kind === 'named_lead');
  return chosen.map((c) => ({ contactId: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email, secureEmail: c.secure_email }));
}

export function distributionList(db: Db, input: DistributionInput): DistributionList {
  const requested = new Set(input.boroughs);
  const partners = db.prepare('SELECT id, name, type, status, status_changed_on FROM partners ORDER BY name_key, id').all<PartnerRow>();
  const stock = new Map<number, BoroughCode[]>();
  for (const s of db.prepare('SELECT partner_id, borough_code FROM partner_stock_boroughs').all<{ partner_id: number; borough_code: BoroughCode }>()) {
    if (!requested.has(s.borough_code)) continue;
    stock.set(s.partner_id, [...(stock.get(s.partner_id) ?? []), s.borough_code]);
  }
  const contacts = new Map<number, ContactRow[]>();
  for (const c of db
    .prepare(
      `SELECT id, partner_id, kind, name, role, phone, email, secure_email FROM contacts WHERE removed_at IS NULL
       ORDER BY CASE kind WHEN 'lettings' THEN 0 WHEN 'named_lead' THEN 1 ELSE 2 END, name_key, id`,
    )
    .all<ContactRow>()) {
    contacts.set(c.partner_id, [...(contacts.get(c.partner_id) ?? []), c]);
  }

  const recipients: DistributionRecipient[] = [];
  const excluded: DistributionExclusion[] = [];
  for (const p of partners) {
    const exclude = (reason: DistributionExclusion['reason'], message: string) =>
      excluded.push({ partnerId: p.id, partnerName: p.name, status: p.status, reason, message });
    const boroughs = sortBoroughCodes(stock.get(p.id) ?? []);
    if (p.status === 'suspended') {
      exclude('suspended', `Suspended since ${formatUkDate(p.status_changed_on)}`);
      continue;
    }
    if (p.status === 'left') {
      exclude('left', `Left the scheme on ${formatUkDate(p.status_changed_on)}`);
      continue;
    }
    if (boroughs.length === 0) {
      exclude('no_stock', 'No stock in the requested boroughs');
      continue;
    }
    const reach = circulationContacts(contacts.get(p.id) ?? []);
    if (reach.length === 0) {
      exclude('no_contact', 'No lettings contact or Named Lead with an email address: add one in the directory');
      continue;
    }
    const before = input.receivedBefore.get(p.id);
    if (input.recirculation && before !== undefined && input.audience === 'new_partners') {
      exclude('already_received', `Already received this request on ${formatUkDate(before)}`);
      continue;
    }
    recipients.push({
      partnerId: p.id,
      partnerName: p.name,
      partnerType: p.type,
      boroughs,
      contacts: reach,
      isNew: input.recirculation && before === undefined,
    });
  }
  return { recipients, excluded };
}

/** The contacts as one line to paste into a secure email's "To" field; secure addresses first choice. */
export function addressList(recipients: readonly DistributionRecipient[]): { text: string; count: number } {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const r of recipients) {
    for (const c of r.contacts) {
      const address = c.secureEmail !== '' ? c.secureEmail : c.email;
      if (seen.has(address.toLowerCase())) continue;
      seen.add(address.toLowerCase());
      // Quotes and angle brackets in a name would break the address line: a name is only a label here.
      entries.push(`${c.name.replace(/["<>]/g, '')} <${address}>`);
    }
  }
  return { text: entries.join('; '), count: entries.length };
}
