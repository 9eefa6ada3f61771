import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupContact, BackupRecordView, OwnIdentity, ShareView } from '../../../contract/backup-types';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { openArchive } from '../../../main/backup/archive';
import { readIdentity } from '../../../main/backup/identity';
import { openSnapshot } from '../../../main/backup/verify';
import { configureBackups, hashFiles, ok, refused, seedCases, tempDir } from './helpers';

describe('shares for colleagues, opened read-only', () => {
  const cores: TestCore[] = [];
  let outside: string | undefined;
  afterEach(() => {
    for (const c of cores.splice(0)) c.cleanup();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it('a share made for a colleague’s key opens on their laptop, read-only, in its own folder, leaving their data alone', async () => {
    const sam = createTestCore();
    const kim = createTestCore();
    cores.push(sam, kim);
    await setUp(sam, 'Sam Coordinator');
    await setUp(kim, 'Kim Manager');
    await seedCases(sam);
    outside = tempDir('reciprocal-share-');
    await configureBackups(sam, outside);

    const kimKey = await ok<OwnIdentity>(kim, 'backups.identity');
    expect(kimKey.publicKey).toMatch(/^age1[0-9a-z]{58}$/);
    expect(kimKey.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // The same key every time: it is made once and kept.
    expect((await ok<OwnIdentity>(kim, 'backups.identity')).publicKey).toBe(kimKey.publicKey);

    const e = await refused(sam, 'backups.addContact', { name: 'Kim', publicKey: 'age1notakey' });
    expect(e.fields?.['publicKey']).toMatch(/not an age public key/);
    const kimContact = await ok<BackupContact>(sam, 'backups.addContact', { name: 'Kim Manager', publicKey: kimKey.publicKey });
    expect((await refused(sam, 'backups.addContact', { name: 'Kim again', publicKey: kimKey.publicKey })).code).toBe('CONFLICT');
    const samKey = await ok<OwnIdentity>(sam, 'backups.identity');
    expect((await refused(sam, 'backups.addContact', { name: 'Me', publicKey: samKey.publicKey })).message).toMatch(/your own key/);
    expect((await ok<BackupContact[]>(sam, 'backups.contacts')).map((c) => c.name)).toEqual(['Kim Manager']);

    const dest = path.join(outside, 'for-kim.plhr.age');
    sam.dialogs.save.push(dest);
    const share = await ok<BackupRecordView>(sam, 'backups.share', { contactIds: [kimContact.id], includeMe: true });
    expect(share).toMatchObject({ kind: 'share', verified: true, recipients: ['Kim Manager', 'you'] });
    // A share is never a backup: it does not count as the last backup.
    expect((await ok<{ lastBackup: unknown }>(sam, 'backups.status')).lastBackup).toBeNull();

    const kimFiles = ['reciprocal.db', 'reciprocal.key.json'].map((f) => path.join(kim.dataDir, f));
    kim.core.services.db().pragma('wal_checkpoint(TRUNCATE)');
    const before = hashFiles(kimFiles);
    kim.dialogs.open.push(dest);
    const view = await ok<ShareView>(kim, 'shares.open');
    expect(view.manifest).toMatchObject({ kind: 'share', createdBy: 'Sam Coordinator', counts: { cases: 2, partners: 1 } });
    expect(view.cases.map((c) => c.reference)).toHaveLength(2);
    expect(view.partners).toEqual([{ name: 'Hackney Council', status: 'active' }]);
    expect(path.dirname(view.folder)).toBe(path.join(kim.dataDir, 'shares'));
    expect(await ok(kim, 'shares.current')).toEqual(view);
    expect(hashFiles(kimFiles)).toBe(before);
    expect((await ok<{ total: number }>(kim, 'cases.list', {})).total).toBe(0);

    // The share holds no secret of Sam's: neither the backup passphrase nor Sam's own key.
    const peek = tempDir('reciprocal-peek-');
    try {
      const opened = await openArchive(dest, { identity: readIdentity(kim.core.services.db())!.secret }, peek);
      const snap = openSnapshot(opened.snapshotFile, opened.snapshotKey, { readOnly: true });
      const keys = snap.prepare('SELECT key FROM settings', { pluck: true }).all();
      snap.close();
      expect(keys).toContain('general.coordinatorName');
      expect(keys.filter((k) => String(k).startsWith('backups.passphrase') || String(k).startsWith('backups.identity'))).toEqual([]);
    } finally {
      fs.rmSync(peek, { recursive: true, force: true });
    }
    await ok(kim, 'shares.close');
    expect(fs.existsSync(view.folder)).toBe(false);
    expect(await ok(kim, 'shares.current')).toBeNull();

    // Locking forgets an open share.
    kim.dialogs.open.push(dest);
    const again = await ok<ShareView>(kim, 'shares.open');
    kim.core.lock('manual');
    expect(fs.existsSync(again.folder)).toBe(false);
  }, 120_000);

  it('refuses a share that was not made for this coordinator', async () => {
    const sam = createTestCore();
    const lee = createTestCore();
    cores.push(sam, lee);
    await setUp(sam);
    await setUp(lee, 'Lee Other');
    outside = tempDir('reciprocal-share-');
    const leeKey = await ok<OwnIdentity>(lee, 'backups.identity');
    const other = createTestCore();
    cores.push(other);
    await setUp(other, 'Other');
    const otherKey = await ok<OwnIdentity>(other, 'backups.identity');
    const contact = await ok<BackupContact>(sam, 'backups.addContact', { name: 'Other', publicKey: otherKey.publicKey });
    const dest = path.join(outside, 'for-other.plhr.age');
    sam.dialogs.save.push(dest);
    await ok(sam, 'backups.share', { contactIds: [contact.id], includeMe: false });
    expect(leeKey.publicKey).not.toBe(otherKey.publicKey);
    lee.dialogs.open.push(dest);
    expect((await refused(lee, 'shares.open')).message).toBe('This share was not made for your key, so it cannot be opened here. Nothing was changed.');
    expect(fs.readdirSync(path.join(lee.dataDir, 'shares'))).toEqual([]);
    other.dialogs.open.push(dest);
    expect((await ok<ShareView>(other, 'shares.open')).manifest.kind).toBe('share');
  }, 120_000);
});
