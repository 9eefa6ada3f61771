import fs from 'node:fs';
import path from 'node:path';
import { aReferral } from '../../cases/referral-builder';
import { createTestCore, PASSPHRASE } from '../../helpers/test-core';

/*
 * The child process of export-kill.test.ts: the real app core over the test's data folder, unlocked, exporting over
 * and over through the registry exactly as the renderer asks, until it is SIGKILLed.
 *  - pack: a new referral approved and circulated (circulation.send writes the pack and records it);
 *  - report: reports.export, PDF and CSV in turn;
 *  - statement: ledger.exportStatement, PDF and CSV in turn.
 * Run with `node --import tsx`, so the job runner's workers load the sources as the unit tests do.
 * Environment: RECIPROCAL_EXPORT_MODE, RECIPROCAL_EXPORT_DATA (data folder), RECIPROCAL_EXPORT_DIR (where files are
 * saved), RECIPROCAL_EXPORT_PARTNER (the statement's partner, and the home landlord of new referrals).
 */

const env = (name: string) => process.env[`RECIPROCAL_EXPORT_${name}`]!;
const mode = env('MODE');
const dir = env('DIR');
const partnerId = Number(env('PARTNER'));
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const t = createTestCore({ dataDir: env('DATA'), today: () => '2026-03-10' });

async function ok(channel: string, payload: unknown = {}): Promise<unknown> {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel}: ${res.error?.code} ${res.error?.message}`);
  return res.value;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A name and date of birth no other open case has (the intake rules refuse a likely duplicate). */
function applicant(i: number) {
  const word = (n: number) => Array.from({ length: 6 }, (_, k) => LETTERS[(n * 7 + k * 13 + process.pid) % 26]).join('');
  // A date of birth of this process and this referral: runs follow each other with new process ids, and one run's
  // referrals are numbered, so no two share one (a pack can take well under a second; the clock is not enough).
  const dob = new Date(Date.UTC(1950, 0, 1) + ((process.pid * 37 + i) % 18_000) * 86_400_000);
  return { fullName: `K${word(i)} Q${word(i + process.pid)}`, dateOfBirth: dob.toISOString().slice(0, 10) };
}

async function pack(i: number): Promise<void> {
  const base = aReferral();
  const created = (await ok('cases.create', {
    ...base,
    receivedOn: '2026-03-02',
    applicant: { ...base.applicant, ...applicant(i) },
    currentHome: { ...base.currentHome, homeLandlordPartnerId: partnerId },
  })) as { id: number };
  for (const to of ['awaiting_landlord_approval', 'approved']) await ok('cases.transition', { id: created.id, to });
  const plan = (await ok('circulation.plan', { caseId: created.id })) as { planKey: string };
  t.dialogs.save.push(path.join(dir, `pack-${process.pid}-${i}.pdf`));
  await ok('circulation.send', { caseId: created.id, encrypt: i % 2 === 1, planKey: plan.planKey });
}

async function report(i: number): Promise<void> {
  const format = i % 2 === 0 ? 'pdf' : 'csv';
  t.dialogs.save.push(path.join(dir, `report-${process.pid}-${i}.${format}`));
  await ok('reports.export', { report: 'year_end', format, from: '2025-04-01', to: '2026-03-31', mode: 'internal' });
}

async function statement(i: number): Promise<void> {
  const format = i % 2 === 0 ? 'pdf' : 'csv';
  t.dialogs.save.push(path.join(dir, `statement-${process.pid}-${i}.${format}`));
  await ok('ledger.exportStatement', { partnerId, asOf: '2026-03-10', format, password: '' });
}

const work = mode === 'pack' ? pack : mode === 'report' ? report : statement;
await ok('vault.unlock', { passphrase: PASSPHRASE });
say('READY');
for (let i = 0; ; i++) {
  await work(i);
  say(`DONE ${i}`);
}
