/**
 * `npm run bench`: builds a temporary encrypted database with 50,000 realistic cases and prints how long the case
 * list takes for its first page, its filters and its search. Figures only, no pass or fail: a later issue adds more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BOROUGHS, type BoroughCode } from '../../contract/boroughs';
import { addDays } from '../../contract/calendar-date';
import { CASE_STATES, RISK_CATEGORIES, referralSchema, type CaseState, type Referral } from '../../contract/cases';
import { openEncrypted } from '../../main/db/open';
import { migrate } from '../../main/db/migrate';
import type { Db } from '../../main/db/types';
import { insertCase, writeNextDue } from '../../main/cases/case-store';
import { addEvent } from '../../main/cases/case-events';
import { dashboard, listCases, type ParsedCaseListQuery } from '../../main/cases/case-list';
import { soonestDue } from '../../main/cases/deadline-sync';
import { deadlinePolicy, DEFAULT_CASE_POLICY } from '../../main/cases/policy';
import { formatReference } from '../../main/cases/reference';
import { directoryAndVaultBench } from './directory-and-vault';
import { circulationBench } from './circulation';
import { matchingBench } from './matching';
import { backupBench } from './backup-bench';
import { ledgerBench } from './ledger';
import { reportsBench } from './reports';

const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const TODAY = '2026-11-27';

/** A small deterministic generator, so that runs are comparable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const random = rng(20261127);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const FIRST = [
  'Amara',
  'Zoë',
  'Fatima',
  'Grace',
  'Aisha',
  'Chloe',
  'Precious',
  'Mariam',
  'Sophie',
  'Jade',
  'Kemi',
  'Leah',
  'Nadia',
  'Ruth',
  'Tanya',
  'Yusuf',
  'Daniel',
  'Kwame',
];
const LAST = [
  'Okafor',
  'Smith',
  'Begum',
  'Khan',
  'Jones',
  'Mensah',
  'O’Neill',
  'Williams',
  'Ahmed',
  'Brown',
  'Nowak',
  'Hussain',
  'Taylor',
  'Adeyemi',
  'Patel',
  'Clarke',
];
const AGENCIES = ['Solace Women’s Aid', 'Refuge', 'Hackney Council Housing', 'Southwark Children’s Services', 'Victim Support', 'St Giles Trust', 'Galop'];
/** Weighted towards where real caseloads sit: many open requests circulating, many closed. */
const STATE_WEIGHTS: [CaseState, number][] = [
  ['referral_received', 6],
  ['awaiting_landlord_approval', 8],
  ['approved', 3],
  ['landlord_declined', 2],
  ['circulated', 22],
  ['offer_made', 2],
  ['viewing', 1],
  ['offer_accepted', 1],
  ['offer_declined', 2],
  ['moved', 3],
  ['closed', 45],
  ['on_hold', 3],
  ['withdrawn', 2],
];
const pickState = (): CaseState => {
  const total = STATE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [state, w] of STATE_WEIGHTS) if ((r -= w) < 0) return state;
  return 'closed';
};

function seedPartners(db: Db): number[] {
  const insert = db.prepare(
    `INSERT INTO partners (name, name_key, type, status, status_changed_on, joined_on, created_at, updated_at)
     VALUES (?, ?, ?, 'active', '2019-04-01', '2019-04-01', ?, ?)`,
  );
  const ids: number[] = [];
  const at = new Date().toISOString();
  for (const b of BOROUGHS) ids.push(insert.run([`${b.name} Council`, `${b.name} council`.toLowerCase(), 'local_authority', at, at]).lastInsertRowid);
  for (let i = 1; i <= 45; i++) ids.push(insert.run([`Housing Association ${i}`, `housing association ${i}`, 'housing_association', at, at]).lastInsertRowid);
  return ids;
}

function aReferral(partners: readonly number[], receivedOn: string): Referral {
  const codes = BOROUGHS.map((b) => b.code);
  const current = pick(codes);
  const others = codes.filter((c) => c !== current).sort(() => random() - 0.5);
  const unsafe = others.slice(0, int(0, 3));
  const requested = others.slice(unsafe.length, unsafe.length + int(3, 12));
  const name = `${pick(FIRST)} ${pick(LAST)}`;
  const year = Number(receivedOn.slice(0, 4));
  const inTa = random() < 0.1;
  return referralSchema.parse({
    receivedOn,
    referringAgency: { name: pick(AGENCIES), kind: pick(['housing', 'domestic_abuse_service', 'social_services', 'police']) },
    nominatingOfficers: [
      {
        name: `${pick(FIRST)} ${pick(LAST)}`,
        organisation: pick(AGENCIES),
        role: 'IDVA',
        phone: '020 7946 0123',
        email: 'officer@example.org',
        secureEmail: '',
      },
    ],
    applicant: {
      fullName: name,
      dateOfBirth: `19${int(60, 99)}-0${int(1, 9)}-1${int(0, 9)}`,
      phone: '07700 900123',
      email: '',
      safeContactNotes: '',
      address: { line1: `${int(1, 200)} Example Road`, line2: '', town: 'London', postcode: 'E8 1AA' },
    },
    household: Array.from({ length: int(0, 4) }, () => ({ kind: 'child', yearOfBirth: year - int(0, 17), sexOrGender: pick(['female', 'male']) })),
    risk: {
      categories: [...new Set([pick(RISK_CATEGORIES), pick(RISK_CATEGORIES)])],
      summary: 'Risk from a former partner who knows the address.',
      unsafeBoroughs: [current, ...unsafe] as BoroughCode[],
      maracReference: '',
    },
    currentHome: {
      homeLandlordPartnerId: pick(partners),
      borough: current,
      bedrooms: int(0, 4),
      propertyType: pick(['flat', 'flat', 'flat', 'maisonette', 'house']),
      floor: int(0, 12),
      tenancyType: pick(['secure', 'assured']),
      overcrowded: random() < 0.2,
      inTemporaryAccommodation: inTa,
      ...(inTa ? { placingCouncil: 'London Borough of Newham', temporaryBorough: pick(others) } : {}),
    },
    needs: { access: 'none', medicalNeeds: '', hasPets: false, wouldConsiderRehoming: null },
    requestedBoroughs: requested,
    requestedBoroughsReason: requested.length < 5 ? 'Needs to stay near family support' : '',
    consent: { given: true, date: receivedOn, covers: ['share_with_home_landlord', 'circulate_request'], notes: '' },
    housingMoves: pick(['yes', 'no', 'not_known']),
    equality: { optedIn: false },
  });
}

function seedCases(db: Db, partners: readonly number[]): void {
  const policy = deadlinePolicy(DEFAULT_CASE_POLICY);
  const seq = new Map<number, number>();
  db.transaction(() => {
    for (let i = 0; i < CASES; i++) {
      const receivedOn = addDays(TODAY, -int(0, 6 * 365));
      const year = Number(receivedOn.slice(0, 4));
      const sequence = (seq.get(year) ?? 0) + 1;
      seq.set(year, sequence);
      const referral = aReferral(partners, receivedOn);
      const state = pickState();
      const enteredOn = addDays(receivedOn, int(0, 60));
      const at = `${receivedOn}T10:00:00.000Z`;
      const id = insertCase(db, {
        reference: formatReference({ year, sequence }),
        refYear: year,
        refSeq: sequence,
        referral,
        state,
        stateEnteredOn: enteredOn > TODAY ? TODAY : enteredOn,
        at,
      });
      const circulated = ['circulated', 'offer_made', 'viewing', 'offer_accepted', 'offer_declined', 'moved'].includes(state) ? enteredOn : null;
      db.prepare('UPDATE cases SET circulated_on = ?, closure_reason = ? WHERE id = ?').run([circulated, state === 'closed' ? 'moved' : null, id]);
      addEvent(db, { caseId: id, at, on: receivedOn, kind: 'created', actor: 'Bench', summary: 'Referral received' });
      const row = db.prepare('SELECT * FROM cases WHERE id = ?').get<Parameters<typeof soonestDue>[0]>([id]);
      if (row) writeNextDue(db, id, soonestDue(row, policy));
    }
  })();
}

const base: ParsedCaseListQuery = {
  search: '',
  states: [],
  overdueOnly: false,
  includeClosed: false,
  sort: 'nextDueOn',
  direction: 'asc',
  offset: 0,
  limit: 100,
};

function time(label: string, fn: () => { total: number } | unknown, runs = 7): void {
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const total = typeof result === 'object' && result !== null && 'total' in result ? ` (${String((result as { total: number }).total)} matching)` : '';
  console.warn(`${label.padEnd(48)} median ${median.toFixed(1).padStart(7)} ms   worst ${(times.at(-1) ?? 0).toFixed(1).padStart(7)} ms${total}`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-bench-'));
  try {
    const db = openEncrypted(path.join(dir, 'bench.db'), randomBytes(32));
    migrate(db);
    if (process.env.BENCH_PRAGMA) db.pragma(process.env.BENCH_PRAGMA);
    const started = performance.now();
    const partners = seedPartners(db);
    seedCases(db, partners);
    console.warn(
      `Generated ${CASES.toLocaleString('en-GB')} cases in ${((performance.now() - started) / 1000).toFixed(1)} s (encrypted, ${path.basename(dir)})`,
    );
    console.warn(
      `States: ${CASE_STATES.map((s) => `${s} ${String(db.prepare('SELECT count(*) FROM cases WHERE state = ?', { pluck: true }).get([s]))}`).join(', ')}`,
    );
    console.warn('');
    const policy = DEFAULT_CASE_POLICY;
    time('First page (open cases, by next due date)', () => listCases(db, base, TODAY, policy));
    // The list keeps its count until something is written; this is the cost when it must count again.
    const touch = () => db.exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench', '0')");
    time('First page after a write (count taken again)', () => (touch(), listCases(db, base, TODAY, policy)));
    time('First page, all cases including closed', () => listCases(db, { ...base, includeClosed: true }, TODAY, policy));
    time('Filter: state circulated', () => listCases(db, { ...base, states: ['circulated'] }, TODAY, policy));
    time('Filter: overdue only', () => listCases(db, { ...base, overdueOnly: true }, TODAY, policy));
    time('Filter: risk category stalking', () => listCases(db, { ...base, risk: 'stalking' }, TODAY, policy));
    time('Filter: home landlord', () => listCases(db, { ...base, homeLandlordId: partners[3] }, TODAY, policy));
    time('Filter: requested borough Camden', () => listCases(db, { ...base, requestedBorough: 'E09000007' }, TODAY, policy));
    time('Filter: state + risk + borough', () =>
      listCases(db, { ...base, states: ['circulated'], risk: 'domestic_abuse', borough: 'E09000012' }, TODAY, policy),
    );
    time('Search: name "okafor"', () => listCases(db, { ...base, search: 'okafor', includeClosed: true }, TODAY, policy));
    time('Search: name "o\'brien" (apostrophe folded)', () => listCases(db, { ...base, search: "o'brien", includeClosed: true }, TODAY, policy));
    time('Search: two words "amara okafor"', () => listCases(db, { ...base, search: 'amara okafor', includeClosed: true }, TODAY, policy));
    time('Search: short prefix "ok"', () => listCases(db, { ...base, search: 'ok', includeClosed: true }, TODAY, policy));
    time('Search: reference PLHR-2025-0042', () => listCases(db, { ...base, search: 'PLHR-2025-0042', includeClosed: true }, TODAY, policy));
    time('Sort: applicant name, descending', () => listCases(db, { ...base, sort: 'applicant', direction: 'desc' }, TODAY, policy));
    time('Sort: home landlord', () => listCases(db, { ...base, sort: 'landlord' }, TODAY, policy));
    time('Deep page (offset 25,000, all cases)', () => listCases(db, { ...base, includeClosed: true, offset: 25_000 }, TODAY, policy));
    const all = listCases(db, { ...base, includeClosed: true }, TODAY, policy).total;
    time('Last page (all cases)', () => listCases(db, { ...base, includeClosed: true, offset: Math.max(0, all - 100) }, TODAY, policy));
    time('Second page (offset 100, open cases)', () => listCases(db, { ...base, offset: 100 }, TODAY, policy));
    time('Home dashboard', () => dashboard(db, TODAY, policy));
    matchingBench(db, partners, TODAY, time);
    console.warn('');
    await backupBench(db, dir);
    ledgerBench(db, partners, TODAY, time);
    reportsBench(db, partners, TODAY, time);
    db.close();
    console.warn('');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await directoryAndVaultBench();
  await circulationBench();
}

void main();
