// A backup made by the previous version of the app (data version 16, before migration 017) restores: the copy is
// migrated, the upgrade's baseline entry and the restore's own entry follow the backup's newest, and it verifies.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../../contract/backup-types';
import { referralSchema } from '../../../contract/cases';
import { confirmSwapped, stageRestore, STAGED } from '../../../main/backup/restore';
import { auditHead, exportSnapshot, readCounts } from '../../../main/backup/snapshot';
import { createCase, type CaseEnv } from '../../../main/cases/case-actions';
import { DEFAULT_CASE_POLICY } from '../../../main/cases/policy';
import { latestVersion, schemaVersion } from '../../../main/db/migrate';
import { openEncrypted } from '../../../main/db/open';
import { changeRunner, insertPartner } from '../cases/case-db';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';
import { openTestDb, type TestDb } from '../helpers/test-db';

const env: CaseEnv = { today: '2026-03-02', policy: DEFAULT_CASE_POLICY };

describe('restoring a backup from an older data version', () => {
  let t: TestDb;
  afterEach(() => t.cleanup());

  it('migrates the copy, and the upgrade’s audit entry does not make it fail verification', async () => {
    t = openTestDb({ to: 16 });
    const landlord = insertPartner(t.db, 'Hackney Council');
    const change = changeRunner(t.db);
    change((tx) =>
      createCase(
        tx,
        referralSchema.parse({
          ...aReferral(),
          applicant: aDistinctApplicant(1),
          currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: landlord },
        }),
        env,
      ),
    );
    const snapshotKey = randomBytes(32);
    const snapshotFile = path.join(t.dir, 'snapshot.db');
    exportSnapshot(t.db, snapshotFile, snapshotKey);
    const manifest: BackupManifest = {
      format: 'reciprocal-backup',
      formatVersion: 1,
      appVersion: '0.1.0',
      schemaVersion: 16,
      createdAt: new Date().toISOString(),
      createdBy: 'Sam',
      kind: 'backup',
      demo: false,
      counts: readCounts(t.db),
      snapshot: { file: 'reciprocal.db', size: fs.statSync(snapshotFile).size, sha256: '0'.repeat(64) },
      auditHead: auditHead(t.db),
    };
    const stage = fs.mkdtempSync(path.join(t.dir, 'stage-'));
    const dataKey = randomBytes(32);
    await stageRestore({ snapshotFile, snapshotKey, manifest, stage, dataKey, passphrase: 'a new passphrase for this test', now: new Date() });
    const restored = path.join(stage, STAGED.database);
    expect(() => confirmSwapped(restored, dataKey, manifest)).not.toThrow();
    const db = openEncrypted(restored, dataKey);
    try {
      expect(schemaVersion(db)).toBe(latestVersion());
      const added = db.prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id', { pluck: true }).all([manifest.auditHead.id]);
      expect(added).toEqual(['audit.baseline', 'backup.restored']);
    } finally {
      db.close();
    }
  });
});
