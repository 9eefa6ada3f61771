import { addDays } from '../../contract/calendar-date';
import { DEFAULT_BANK_HOLIDAYS } from '../../main/cases/bank-holidays';
import type { Db } from '../../main/db/types';
import { DEFAULT_DISCLOSURE } from '../../main/reports/disclosure';
import { financialYear } from '../../main/reports/period';
import { yearEndReport } from '../../main/reports/year-end';

/**
 * The year-end report over the 50,000 seeded cases. The seed gives each case only its state; this adds the history
 * a report reads (approval and circulation transitions, an offer and a move for the moved ones, holds), then times
 * the report in both modes for the financial year before the bench's today.
 */
export function reportsBench(db: Db, partners: readonly number[], today: string, time: (label: string, fn: () => unknown, runs?: number) => void): void {
  let s = 7;
  const random = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const cases = db
    .prepare('SELECT id, state, received_on, circulated_on, home_landlord_id FROM cases')
    .all<{ id: number; state: string; received_on: string; circulated_on: string | null; home_landlord_id: number }>();
  const event = db.prepare(
    "INSERT INTO case_events (case_id, at, on_date, kind, actor, from_state, to_state, summary) VALUES (?, ?, ?, 'transition', 'Bench', ?, ?, 'Bench')",
  );
  const offer = db.prepare(
    'INSERT INTO offers (case_id, legacy, partner_id, offered_on, outcome, decided_on, decline_reason, stage_entered_on, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const move = db.prepare(
    "INSERT INTO moves (case_id, offer_id, route, home_partner_id, receiving_partner_id, receiving_borough, tenancy_start_on, adults, children, legacy, created_at, actor) VALUES (?, ?, 'reciprocal', ?, ?, 'E09000003', ?, 1, ?, 1, ?, 'Bench')",
  );
  const cap = (d: string) => (d > today ? today : d);
  db.transaction(() => {
    for (const c of cases) {
      const at = `${c.received_on}T10:00:00.000Z`;
      if (c.circulated_on === null) {
        if (c.state === 'landlord_declined') event.run([c.id, at, cap(addDays(c.received_on, 14)), 'awaiting_landlord_approval', 'landlord_declined']);
        continue;
      }
      const approved = cap(addDays(c.received_on, 7 + Math.floor(random() * 30)));
      const circulated = c.circulated_on < approved ? approved : c.circulated_on;
      event.run([c.id, at, approved, 'awaiting_landlord_approval', 'approved']);
      event.run([c.id, at, circulated, 'approved', 'circulated']);
      if (random() < 0.05) {
        const held = cap(addDays(circulated, 10));
        event.run([c.id, at, held, 'circulated', 'on_hold']);
        event.run([c.id, at, cap(addDays(held, 20)), 'on_hold', 'circulated']);
      }
      if (c.state === 'moved' || c.state === 'offer_declined') {
        const offeredOn = cap(addDays(circulated, 20 + Math.floor(random() * 120)));
        const decidedOn = cap(addDays(offeredOn, 7));
        const declined = c.state === 'offer_declined';
        const landlord = partners[Math.floor(random() * partners.length)]!;
        const offerId = offer.run([
          c.id,
          landlord,
          offeredOn,
          declined ? 'declined' : 'accepted',
          decidedOn,
          declined ? 'area_not_safe' : null,
          decidedOn,
          at,
          at,
        ]).lastInsertRowid;
        if (!declined) {
          const movedOn = cap(addDays(decidedOn, 21));
          move.run([c.id, offerId, c.home_landlord_id, landlord, movedOn, Math.floor(random() * 3), at]);
          event.run([c.id, at, movedOn, 'offer_accepted', 'moved']);
        }
      }
    }
  })();
  const counts = db
    .prepare('SELECT (SELECT count(*) FROM case_events) AS events, (SELECT count(*) FROM offers) AS offers, (SELECT count(*) FROM moves) AS moves')
    .get<{ events: number; offers: number; moves: number }>();
  console.warn(
    `Report history added: ${counts!.events.toLocaleString('en-GB')} events, ${counts!.offers.toLocaleString('en-GB')} offers, ${counts!.moves.toLocaleString('en-GB')} moves`,
  );
  const fy = financialYear(Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 2 : 1));
  const opts = { period: fy, policy: DEFAULT_DISCLOSURE, bankHolidays: DEFAULT_BANK_HOLIDAYS };
  let tables = 0;
  time(`Year-end report ${fy.label}, internal`, () => (tables = yearEndReport(db, { ...opts, mode: 'internal' }).tables.length), 3);
  time(`Year-end report ${fy.label}, publishable`, () => yearEndReport(db, { ...opts, mode: 'publishable' }), 3);
  console.warn(`${''.padEnd(48)} (${tables} tables, every count with the cases behind it in internal mode)`);
}
