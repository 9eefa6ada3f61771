import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditCheckStage } from '../../../main/audit/row-check';
import { dataFiles } from '../../../main/app/data-files';
import { addNote } from '../../../main/cases/case-actions';
import { readCasePolicy } from '../../../main/cases/policy';
import { openForReading } from '../../../main/db/open';
import type { Db } from '../../../main/db/types';
import { readKeyFile, unwrapKey } from '../../../main/vault/key-file';
import { aReferral } from '../cases/referral-builder';
import { aPartnerInput } from '../directory/builders';
import { PASSPHRASE, createTestCore, setUp, type TestCore } from '../helpers/test-core';

/*
 * The audit check runs on a job's own connection while the window goes on saving. A note saved after the check has
 * walked the chain, but before it compares the records, must not read as a change made behind the app's back: the
 * check reads the database as of one moment.
 */

describe('the audit check while the app keeps writing', () => {
  let t: TestCore;
  let reader: Db;
  let caseId: number;

  beforeEach(async () => {
    t = createTestCore({ today: () => '2026-03-10' });
    await setUp(t);
    const partner = await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012'] }));
    const partnerId = (partner.value as { id: number }).id;
    const created = await t.call('cases.create', { ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: partnerId } });
    caseId = (created.value as { id: number }).id;
    const files = dataFiles(t.dataDir);
    const key = await unwrapKey(readKeyFile(files.keyFile), PASSPHRASE, 'passphrase');
    // The job's connection: read-only, opened as a job worker opens it.
    reader = openForReading(files.database, key!);
    key!.fill(0);
  });
  afterEach(() => {
    reader.close();
    t.cleanup();
  });

  it('a note saved between the chain and the records is not reported as tampering', () => {
    const stages: AuditCheckStage[] = [];
    const saveANote = () => {
      const db = t.core.services.db();
      t.core.services.change((tx) =>
        addNote(tx, { id: caseId, kind: 'note', text: 'Saved while the check ran' }, { today: '2026-03-10', policy: readCasePolicy(db) }),
      );
    };
    const report = verifyAuditLog(reader, [], {
      onProgress: (_done, _total, stage) => {
        if (stage === 'rows' && !stages.includes('rows')) saveANote();
        stages.push(stage);
      },
      throwIfCancelled: () => undefined,
    });
    expect(stages).toContain('chain');
    expect(stages).toContain('rows');
    expect(report).toMatchObject({ ok: true, problem: null });
    // The note is there, and the next check reads it with its entry.
    expect(verifyAuditLog(reader)).toMatchObject({ ok: true, problem: null });
    const texts = t.core.services.db().prepare('SELECT text FROM case_events WHERE case_id = ?', { pluck: true }).all([caseId]);
    expect(texts).toContain('Saved while the check ran');
  });

  it('still reports a change made behind the app’s back', () => {
    t.core.services.db().prepare("UPDATE cases SET applicant_safe_contact = 'Call any time' WHERE id = ?").run([caseId]);
    expect(verifyAuditLog(reader).ok).toBe(false);
  });
});
