import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, PASSPHRASE, setUp, type TestCore } from '../helpers/test-core';
import { verifyAuditChain } from '../../../main/audit/audit';
import { aReferral } from '../cases/referral-builder';
import { aPartnerInput } from '../directory/builders';
import { fingerprint } from '../reliability/db-fingerprint';

describe('a full disk', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  it('gets a plain message and leaves the data exactly as it was', async () => {
    t = createTestCore();
    await setUp(t);
    const db = t.core.services.db();
    // max_page_count makes SQLite report SQLITE_FULL exactly as it would when the disk runs out.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const auditCount = () => db.prepare('SELECT count(*) FROM audit_log', { pluck: true }).get();

    let lastGood = await t.call('settings.getGeneral');
    let lastAudits = auditCount();
    let res = { ok: true } as Awaited<ReturnType<TestCore['call']>>;
    for (let i = 0; i < 500 && res.ok; i++) {
      lastGood = await t.call('settings.getGeneral');
      lastAudits = auditCount();
      res = await t.call('settings.updateGeneral', { coordinatorName: `${'y'.repeat(90)}${i}` });
    }
    expect(res.ok).toBe(false);
    expect(res.error).toEqual({ code: 'DISK_FULL', message: 'The disk is full, so nothing was saved. Free some space and try again.' });

    // The failed change left nothing behind: the settings and the audit log are as they were before it.
    expect(await t.call('settings.getGeneral')).toEqual(lastGood);
    expect(auditCount()).toBe(lastAudits);
    expect(verifyAuditChain(db).ok).toBe(true);

    // With space again, work carries on.
    db.pragma('max_page_count = 1073741823');
    expect((await t.call('settings.updateGeneral', { coordinatorName: 'Sam' })).ok).toBe(true);

    // And after a restart the file is whole: SQLite's and SQLCipher's checks pass, and the data matches its audit log.
    t.restart();
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect(await t.call('database.integrityCheck')).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
    expect((await t.call('audit.verify')).value).toMatchObject({ ok: true, problem: null });
    expect(((await t.call('settings.getGeneral')).value as { coordinatorName: string }).coordinatorName).toBe('Sam');
  });

  it('a case that does not fit is refused whole: no case, no timeline line, no audit entry', async () => {
    t = createTestCore({ today: () => '2026-03-10' });
    await setUp(t);
    const partner = await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012'] }));
    const landlord = (partner.value as { id: number }).id;
    const db = t.core.services.db();
    const before = fingerprint(db);
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    // A referral with long free text needs new pages for the case, its children, its timeline and its audit entry.
    const long = 'Former partner has found the address. '.repeat(100);
    const res = await t.call('cases.create', {
      ...aReferral(),
      risk: { ...aReferral().risk, summary: long },
      currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(fingerprint(db)).toEqual(before);
  });
});

describe('a read-only data folder', () => {
  let t: TestCore;
  afterEach(() => t.cleanup());

  /**
   * Makes the folder read-only the way a coordinator meets it (permissions changed, a locked-down profile, a
   * read-only drive). As root, permissions are no obstacle, so the folder is bind-mounted read-only over itself.
   */
  function makeReadOnly(dir: string): () => void {
    if (process.getuid?.() === 0) {
      execFileSync('mount', ['--bind', dir, dir]);
      execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
      return () => execFileSync('umount', [dir]);
    }
    fs.chmodSync(dir, 0o500);
    return () => fs.chmodSync(dir, 0o700);
  }

  it('unlocking gets a plain message, and the data is whole once the folder is writable again', async () => {
    t = createTestCore();
    await setUp(t);
    expect((await t.call('settings.updateGeneral', { autoLockMinutes: 9 })).ok).toBe(true);
    t.core.lock('manual');
    const restore = makeReadOnly(t.dataDir);
    let refused: Awaited<ReturnType<TestCore['call']>>;
    try {
      refused = await t.call('vault.unlock', { passphrase: PASSPHRASE });
    } finally {
      t.core.lock('manual');
      restore();
    }
    expect(refused).toEqual({
      ok: false,
      error: { code: 'IO', message: 'The app could not write to its data folder. Nothing was saved. Check the folder permissions.' },
    });
    expect((await t.call('vault.unlock', { passphrase: PASSPHRASE })).ok).toBe(true);
    expect(((await t.call('settings.getGeneral')).value as { autoLockMinutes: number }).autoLockMinutes).toBe(9);
    expect(await t.call('database.integrityCheck')).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
    expect((await t.call('audit.verify')).value).toMatchObject({ ok: true });
  });
});
