import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../main/audit/audit';
import { AUDITED_ROWS, digester, digesterV1 } from '../../../main/audit/audited-rows';
import { verifyAuditLog } from '../../../main/audit/row-check';
import type { Db } from '../../../main/db/types';
import { oneCaseStore } from '../helpers/one-case';
import type { TestCore } from '../helpers/test-core';

/*
 * Row digests have two versions (main/audit/row-text.ts): entries written before version 2 hold version 1 digests
 * (64 hex digits, made in JavaScript), later ones `v2:` digests made by SQLite. The audit check recomputes each row
 * the way its newest entry recorded it, so a store from before keeps verifying, and tampering shows either way.
 */

const caseKind = AUDITED_ROWS.find((k) => k.kind === 'case')!;

describe('row digests, version 1 and version 2', () => {
  let t: TestCore;
  let db: Db;
  let caseId: number;
  let reference: string;

  const newestDigest = () =>
    db.prepare('SELECT row_digests FROM audit_log WHERE row_digests IS NOT NULL ORDER BY id DESC LIMIT 1', { pluck: true }).get() as string;
  const note = async (text: string) => expect((await t.call('cases.addNote', { id: caseId, kind: 'note', text })).ok).toBe(true);

  beforeEach(async () => {
    ({ t, caseId, reference } = await oneCaseStore('2026-03-10'));
    db = t.core.services.db();
  });
  afterEach(() => t.cleanup());

  it('records version 2 digests for every change, and the check holds', async () => {
    await note('Spoke to the Nominating Officer');
    const [kind, id, digest] = (JSON.parse(newestDigest()) as [string, number, string][])[0]!;
    expect([kind, id]).toEqual(['case', caseId]);
    expect(digest).toMatch(/^v2:[0-9a-f]{64}$/);
    expect(digest).toBe(digester(db, caseKind)(caseId));
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, problem: null });
  });

  it('still verifies a row whose newest entry holds a version 1 digest, and still catches an edit to it', () => {
    // An entry as the app wrote it before version 2: the case's digest made the version 1 way.
    const v1 = digesterV1(db, caseKind)(caseId)!;
    expect(v1).toMatch(/^[0-9a-f]{64}$/);
    db.transaction(() =>
      appendAudit(db, 'Sam Coordinator', new Date(), { action: 'case.note', entityType: 'case', entityId: caseId, caseId, summary: 'An older entry' }, [
        ['case', caseId, v1],
      ]),
    )();
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, problem: null });

    db.prepare("UPDATE cases SET applicant_safe_contact = 'Call any time' WHERE id = ?").run([caseId]);
    const report = verifyAuditLog(db);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(new RegExp(`^Case ${reference} is not as the audit log last recorded it \\(entry \\d+, “An older entry”\\)`));
  });

  it('a version 2 digest catches a direct edit of a child row, and a newline inside a value cannot pass for two rows', async () => {
    await note('first line\nsecond line');
    await note('third line');
    const digest = digester(db, caseKind);
    const before = digest(caseId);
    // The same text split differently over the two notes: joined with newlines, unescaped, the two would look alike.
    db.exec('DROP TRIGGER IF EXISTS case_events_no_update');
    db.prepare("UPDATE case_events SET text = 'first line' WHERE case_id = ? AND text = 'first line\nsecond line'").run([caseId]);
    db.prepare("UPDATE case_events SET text = 'second line\nthird line' WHERE case_id = ? AND text = 'third line'").run([caseId]);
    expect(digest(caseId)).not.toBe(before);
    expect(verifyAuditLog(db).problem).toMatch(new RegExp(`^Case ${reference} is not as the audit log last recorded it`));
  });
});
