import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../../main/db/types';
import type { Timers } from '../../../main/ports';
import type { TestCore } from '../helpers/test-core';
import { aReferral } from '../cases/referral-builder';

export const BACKUP_PASS = 'a separate passphrase for backups';

export async function ok<T>(t: TestCore, channel: string, payload: unknown = {}): Promise<T> {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error?.code} ${res.error?.message}`);
  return res.value as T;
}

export async function refused(t: TestCore, channel: string, payload: unknown = {}) {
  const res = await t.call(channel, payload);
  expect(res.ok, `${channel} should have been refused`).toBe(false);
  return res.error!;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A partner and two cases through the real handlers. */
export async function seedCases(t: TestCore): Promise<void> {
  const partner = await ok<{ id: number }>(t, 'partners.create', {
    name: 'Hackney Council',
    type: 'local_authority',
    status: 'active',
    statusChangedOn: '2019-04-01',
    joinedOn: '2019-04-01',
    stockBoroughs: ['E09000012'],
    approvalRouteNotes: '',
    contacts: [{ kind: 'named_lead', name: 'Dana Lead', role: 'Lettings Manager', phone: '020 7946 0001', email: 'dana@example.gov.uk', secureEmail: '' }],
  });
  // Distinct names and dates of birth: the intake rules refuse a second open case that may be the same person.
  const applicants = [
    { fullName: 'Amara Okafor', dateOfBirth: '1991-07-14' },
    { fullName: 'Bea Jones', dateOfBirth: '1984-02-03' },
  ];
  for (const applicant of applicants) {
    const base = aReferral();
    await ok(t, 'cases.create', {
      ...base,
      applicant: { ...base.applicant, ...applicant },
      currentHome: { ...base.currentHome, homeLandlordPartnerId: partner.id },
    });
  }
}

/** Sets the backup folder and passphrase through the channels, as the Settings screen does. */
export async function configureBackups(t: TestCore, folder: string): Promise<void> {
  t.dialogs.folder.push(folder);
  await ok(t, 'backups.chooseFolder');
  await ok(t, 'backups.setPassphrase', { passphrase: BACKUP_PASS, confirmPassphrase: BACKUP_PASS });
}

/** Every row of every table, in rowid order: two stores hold the same data when these are equal. */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", { pluck: true })
    .all() as string[];
  // Sorted in JS: some tables are WITHOUT ROWID, and the order of equal rows is not what is being compared.
  return Object.fromEntries(
    tables.map((name) => [
      name,
      db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

export function hashFiles(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f).update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from('missing'));
  return h.digest('hex');
}

/** A clock that only moves when the test says so, running the timers that fall due in order. */
export function fakeClock(start = Date.parse('2026-11-02T09:00:00Z')): Timers & { advance(ms: number): void } {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = target;
    },
  };
}
