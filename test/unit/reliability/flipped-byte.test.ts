import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aReferral } from '../cases/referral-builder';
import { aPartnerInput } from '../directory/builders';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';

/*
 * A flipped byte in the database file is found and said plainly, and never shown as partial data: SQLCipher checks
 * each page's HMAC as it reads it, so a query that needs a damaged page fails whole. Every channel that reads then
 * answers with its data or with "part of the database file is damaged", never the generic error, and the integrity
 * check names the damage instead of failing itself. (A damaged key file: test/unit/vault/key-file.test.ts.)
 */

// Once a read meets a damaged page the session stops (no more writes to a damaged file) and every call says so.
const DAMAGED =
  'Part of the database file (reciprocal.db) is damaged and cannot be read. Reciprocal has stopped saving changes so that nothing more is lost. Check the database file, restore it from a backup, or start again.';

describe('a flipped byte in the database file', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  it('is reported by the integrity check, and every read either succeeds whole or says the file is damaged', async () => {
    t = createTestCore({ today: () => '2026-03-10' });
    await setUp(t);
    const partner = await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012'] }));
    const landlord = (partner.value as { id: number }).id;
    for (let i = 0; i < 40; i++) {
      // Forty different people: intake refuses a referral with an open case's name or date of birth as a likely duplicate.
      const referral = aReferral();
      const dateOfBirth = new Date(Date.UTC(1960, 0, 1 + i * 400)).toISOString().slice(0, 10);
      const res = await t.call('cases.create', {
        ...referral,
        applicant: { ...referral.applicant, fullName: `Applicant ${i + 1} Okafor`, dateOfBirth },
        currentHome: { ...referral.currentHome, homeLandlordPartnerId: landlord },
      });
      expect(res.ok, res.error?.message).toBe(true);
      await t.call('cases.addNote', { id: (res.value as { id: number }).id, kind: 'note', text: `Note ${i} `.repeat(50) });
    }
    t.core.lock('manual');

    // One bit in every eighth page after the first (the first holds the salt: damaging it is "cannot open").
    const file = path.join(t.dataDir, 'reciprocal.db');
    const bytes = fs.readFileSync(file);
    const pageSize = 4096;
    const damaged: number[] = [];
    for (let page = 2; page * pageSize <= bytes.length; page += 8) {
      const at = (page - 1) * pageSize + 100;
      bytes[at] = bytes[at]! ^ 0x01;
      damaged.push(page);
    }
    fs.writeFileSync(file, bytes);
    expect(damaged.length).toBeGreaterThan(3);

    const unlock = await t.call('vault.unlock', { passphrase: PASSPHRASE });
    if (!unlock.ok) {
      // Unlocking reads the damaged pages (the upgrade check, the settings): it says so, and keeps the key for the check.
      expect(unlock.error).toEqual({ code: 'DATABASE_DAMAGED', message: DAMAGED });
    } else {
      const answers = [
        await t.call('cases.list', { includeClosed: true, limit: 200 }),
        await t.call('cases.dashboard'),
        await t.call('partners.list', {}),
        await t.call('audit.list', { limit: 500 }),
        await t.call('audit.verify'),
        ...(await Promise.all(Array.from({ length: 40 }, (_, i) => t.call('cases.get', { id: i + 1 })))),
      ];
      for (const res of answers) if (!res.ok) expect(res.error).toEqual({ code: 'DATABASE_DAMAGED', message: DAMAGED });
      expect(answers.some((res) => !res.ok)).toBe(true);
    }
    expect((await t.call('session.status')).value).toMatchObject({ state: 'damaged', damage: { kind: 'corrupt', canCheck: true } });

    const check = await t.call('database.integrityCheck');
    expect(check.ok).toBe(true);
    const report = check.value as { ok: boolean; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => /HMAC verification failed for page \d+/.test(p))).toBe(true);
  });
});
