import { BOROUGHS } from '../../contract/boroughs';
import type { Db } from '../../main/db/types';
import { matchesForCase, matchesForProperty, type MatchEnv } from '../../main/offers/matching';
import { insertProperty } from '../../main/offers/property-store';

const PROPERTIES = Number(process.env.BENCH_PROPERTIES ?? 5_000);

/**
 * Matching at scale: one property against every circulated case of the 50,000 seeded, and one case against 5,000
 * available properties. `time` is the bench's own timer (median of several runs).
 */
export function matchingBench(db: Db, partners: readonly number[], today: string, time: (label: string, fn: () => unknown) => void): void {
  let s = 42;
  const random = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  db.transaction(() => {
    for (let i = 0; i < PROPERTIES; i++) {
      insertProperty(
        db,
        {
          partnerId: pick(partners),
          borough: pick(BOROUGHS).code,
          bedrooms: Math.floor(random() * 5),
          propertyType: pick(['flat', 'flat', 'maisonette', 'house'] as const),
          floor: Math.floor(random() * 12),
          hasLift: random() < 0.5,
          access: pick(['none', 'none', 'step_free', 'wheelchair'] as const),
          petsAllowed: random() < 0.3,
          weeklyRentPence: 9000 + Math.floor(random() * 10000),
          tenancyType: pick(['secure', 'assured'] as const),
          availableFrom: today,
          notes: '',
        },
        today,
        `${today}T09:00:00.000Z`,
      );
    }
  })();
  const env: MatchEnv = { today, policy: { offerCap: 1, bedroomsFewerAllowed: 0, bedroomsMoreAllowed: 0 } };
  const circulated = db.prepare("SELECT count(*) FROM cases WHERE state = 'circulated'", { pluck: true }).get() as number;
  const caseId = db.prepare("SELECT id FROM cases WHERE state = 'circulated' ORDER BY id LIMIT 1", { pluck: true }).get() as number;
  const propertyId = db.prepare('SELECT id FROM properties ORDER BY id LIMIT 1', { pluck: true }).get() as number;
  let found = 0;
  time(`Matching: 1 property vs cases (${circulated.toLocaleString('en-GB')} circulated)`, () => {
    const m = matchesForProperty(db, propertyId, 'waiting', 200, env);
    found = m.candidates.length + m.leftOut.length;
    return m;
  });
  console.warn(`${''.padEnd(48)} (${found} requested the borough and were weighed rule by rule)`);
  time(`Matching: 1 case vs ${PROPERTIES.toLocaleString('en-GB')} available properties`, () => matchesForCase(db, caseId, env));
}
