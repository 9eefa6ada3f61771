import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditCheckStage } from '../../../main/audit/row-check';
import { addNote } from '../../../main/cases/case-actions';
import { readCasePolicy } from '../../../main/cases/policy';
import type { Db } from '../../../main/db/types';
import { jobConnection, oneCaseStore } from '../helpers/one-case';
import type { TestCore } from '../helpers/test-core';

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
    ({ t, caseId } = await oneCaseStore('2026-03-10'));
    reader = await jobConnection(t);
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
