import type { Db } from '../../main/db/types';
import { ledgerTable } from '../../main/ledger/balances';
import { partnersAtCap } from '../../main/ledger/cap';
import { statement } from '../../main/ledger/statement';
import { statementCsv } from '../../main/ledger/statement-export';

const MOVES = Number(process.env.BENCH_LEDGER_MOVES ?? 20_000);

/**
 * The ledger at stress scale: `MOVES` completed moves (the real scheme had 277 in its life) booked between the
 * seeded partners, plus a reversal in every fifty, then the ledger screen, a statement and Home's cap list.
 */
export function ledgerBench(db: Db, partners: readonly number[], today: string, time: (label: string, fn: () => unknown) => void): void {
  let s = 7;
  const random = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cases = db
    .prepare('SELECT id, home_landlord_id FROM cases WHERE id NOT IN (SELECT case_id FROM moves) ORDER BY id LIMIT ?')
    .all<{ id: number; home_landlord_id: number }>([MOVES]);
  const move = db.prepare(
    `INSERT INTO moves (case_id, route, home_partner_id, receiving_partner_id, receiving_borough, tenancy_start_on, adults, children, legacy, created_at, actor)
     VALUES (?, 'reciprocal', ?, ?, 'E09000003', ?, 1, 1, 1, ?, 'Bench')`,
  );
  const entry = db.prepare(
    `INSERT INTO ledger_entries (on_date, kind, from_partner_id, to_partner_id, amount, bedrooms, move_id, case_id, reverses_id, reason, recorded_at, actor)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 'Bench')`,
  );
  db.transaction(() => {
    cases.forEach((c, i) => {
      let to = pick(partners);
      if (to === c.home_landlord_id) to = partners[(partners.indexOf(to) + 1) % partners.length] as number;
      const day = `20${String(20 + (i % 7)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const at = `${today}T09:00:00.000Z`;
      const moveId = Number(move.run([c.id, c.home_landlord_id, to, day, at]).lastInsertRowid);
      const bedrooms = Math.floor(random() * 5);
      const id = Number(entry.run([day, 'move', c.home_landlord_id, to, bedrooms, moveId, c.id, null, '', at]).lastInsertRowid);
      if (i % 50 === 0) entry.run([day, 'reversal', to, c.home_landlord_id, bedrooms, moveId, c.id, id, 'Bench reversal', at]);
    });
  })();
  const busiest = db
    .prepare('SELECT from_partner_id FROM ledger_entries WHERE from_partner_id IS NOT NULL GROUP BY from_partner_id ORDER BY count(*) DESC LIMIT 1', {
      pluck: true,
    })
    .get() as number;
  const lines = statement(db, busiest, today).lines.length;
  const label = `${cases.length.toLocaleString('en-GB')} moves`;
  // Wrapped: the bench's timer reads a `total` field as a row count, and the ledger's total is its zero sum.
  time(`Ledger screen (${label})`, () => void ledgerTable(db, { asOf: today, bedrooms: null, cap: 3 }));
  time('Ledger screen, 2 bedrooms, as of 31/03/2024', () => void ledgerTable(db, { asOf: '2024-03-31', bedrooms: 2, cap: 3 }));
  time(`Statement, busiest partner (${lines.toLocaleString('en-GB')} lines)`, () => statement(db, busiest, today));
  time('Statement as CSV with its SHA-256', () => statementCsv(statement(db, busiest, today)));
  time('Home: partners at the cap', () => partnersAtCap(db));
}
