import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../../main/audit/audit';
import { chainHead, verifyAnchor, verifyAuditLog } from '../../../main/audit/row-check';
import type { Db } from '../../../main/db/types';
import { aReferral } from '../cases/referral-builder';
import { aPartnerInput } from '../directory/builders';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

/*
 * The audit check compares the data with its audit history, through the real channel (`audit.verify`): the ways
 * someone with the database open could change it behind the app's back, each reported in words, naming the first
 * record that disagrees. And the app's own changes, including ones that only move cached due dates, never do.
 */

type Verification = { ok: boolean; problem: string | null; firstBadId: number | null; entries: number };

describe('the audit check compares the data with its history', () => {
  let t: TestCore;
  let db: Db;
  let caseId: number;
  let reference: string;
  let partnerId: number;

  const verify = async () => {
    const res = await t.call('audit.verify');
    expect(res.ok).toBe(true);
    return res.value as Verification;
  };
  const lastEntry = () => db.prepare('SELECT id, summary FROM audit_log ORDER BY id DESC LIMIT 1').get<{ id: number; summary: string }>()!;

  beforeEach(async () => {
    t = createTestCore({ today: () => '2026-03-10' });
    await setUp(t);
    const partner = await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012'] }));
    partnerId = (partner.value as { id: number }).id;
    const created = await t.call('cases.create', { ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: partnerId } });
    ({ id: caseId, reference } = created.value as { id: number; reference: string });
    for (const to of ['awaiting_landlord_approval', 'approved']) expect((await t.call('cases.transition', { id: caseId, to })).ok).toBe(true);
    await t.call('cases.addNote', { id: caseId, kind: 'note', text: 'Spoke to the Nominating Officer' });
    db = t.core.services.db();
  });
  afterEach(() => t.cleanup());

  it('holds after the app’s own changes, including a policy change that moves every due date', async () => {
    const policy = (await t.call('cases.getPolicy')).value as Record<string, unknown>;
    // The case is approved, so its due date (circulate within so many working days) moves with this policy.
    const dueOn = () => db.prepare('SELECT next_due_on FROM cases WHERE id = ?', { pluck: true }).get([caseId]);
    const dueBefore = dueOn();
    expect((await t.call('cases.updatePolicy', { ...policy, circulateWithinWorkingDays: 3 })).ok).toBe(true);
    expect(dueOn()).not.toBe(dueBefore);
    expect((await t.call('partners.setStatus', { id: partnerId, status: 'suspended', statusChangedOn: '2026-03-09' })).ok).toBe(true);
    expect(await verify()).toMatchObject({ ok: true, problem: null });
  });

  it('UPDATE cases SET state = … with no audit entry', async () => {
    const last = db
      .prepare('SELECT id, summary FROM audit_log WHERE case_id = ? AND row_digests IS NOT NULL ORDER BY id DESC LIMIT 1')
      .get<{ id: number; summary: string }>([caseId])!;
    db.prepare("UPDATE cases SET state = 'circulated' WHERE id = ?").run([caseId]);
    expect(await verify()).toMatchObject({
      ok: false,
      firstBadId: last.id,
      problem: `Case ${reference} is not as the audit log last recorded it (entry ${last.id}, “${last.summary}”): it was changed without an audit entry, or audit entries after that one were removed.`,
    });
  });

  it('a borough added to a case, and a contact deleted from a partner, directly', async () => {
    db.prepare("INSERT INTO case_boroughs (case_id, kind, borough_code, added_on) VALUES (?, 'requested', 'E09000033', '2026-03-10')").run([caseId]);
    expect((await verify()).problem).toMatch(new RegExp(`^Case ${reference} is not as the audit log last recorded it`));
    db.prepare("DELETE FROM case_boroughs WHERE case_id = ? AND borough_code = 'E09000033'").run([caseId]);
    expect((await verify()).ok).toBe(true);
    db.prepare('DELETE FROM contacts WHERE partner_id = ?').run([partnerId]);
    expect((await verify()).problem).toMatch(/^Partner Hackney Council is not as the audit log last recorded it/);
  });

  it('a case added straight into the table, and one deleted from it', async () => {
    db.exec('PRAGMA foreign_keys = OFF');
    const columns = (db.pragma('table_info(cases)') as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
    db.prepare(
      `INSERT INTO cases (${columns.join(', ')}) SELECT ${columns.map((c) => (c === 'reference' ? "'PLHR-2026-0999'" : c === 'ref_seq' ? '999' : c)).join(', ')} FROM cases WHERE id = ?`,
    ).run([caseId]);
    expect((await verify()).problem).toBe('Case PLHR-2026-0999 has no audit entry: it was added to the database directly, not through Reciprocal.');
    db.prepare("DELETE FROM cases WHERE reference = 'PLHR-2026-0999'").run();
    for (const table of ['case_nominating_officers', 'case_household_members', 'case_risk_categories', 'case_boroughs', 'case_equality', 'case_overrides'])
      db.prepare(`DELETE FROM ${table} WHERE case_id = ?`).run([caseId]);
    db.exec('DROP TRIGGER case_events_no_delete');
    db.prepare('DELETE FROM case_events WHERE case_id = ?').run([caseId]);
    db.prepare('DELETE FROM cases WHERE id = ?').run([caseId]);
    expect((await verify()).problem).toMatch(
      new RegExp(`^Case number ${caseId} is in the audit log \\(entry \\d+, “.+”\\) but no longer in the database: it was deleted directly\\.$`),
    );
  });

  it('the newest audit entries deleted: the rows they recorded no longer match what is left', async () => {
    const before = lastEntry();
    expect((await t.call('cases.transition', { id: caseId, to: 'on_hold', reason: 'Applicant in hospital' })).ok).toBe(true);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id > ?').run([before.id]);
    const report = await verify();
    // The chain alone still verifies: what is left is a valid prefix.
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(new RegExp(`^Case ${reference} is not as the audit log last recorded it \\(entry \\d+`));
  });

  it('a rewritten chain: an entry removed and every hash after it recomputed', async () => {
    const anchor = { ...chainHead(db), source: 'the backup of 10/03/2026' };
    // Remove the approval's entry (the newest one that recorded the case before the note) and relink the rest.
    db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update');
    const approval = db
      .prepare("SELECT id FROM audit_log WHERE case_id = ? AND summary LIKE '%Approved%' ORDER BY id DESC LIMIT 1", { pluck: true })
      .get([caseId]) as number;
    const noteEntry = lastEntry();
    db.prepare('DELETE FROM audit_log WHERE id = ?').run([approval]);
    rehash(db);
    // The chain verifies again, and the rows still match their newest entries (the note's): only the anchor sees it.
    const afterRemoval = verifyAuditLog(db);
    expect(afterRemoval.ok).toBe(true);
    expect(verifyAnchor(db, { entries: anchor.entries, headHash: anchor.headHash!, source: anchor.source })).toEqual({
      ok: false,
      problem: `The audit log has ${anchor.entries - 1} entries, but the backup of 10/03/2026 recorded ${anchor.entries}: the newest entries were removed.`,
    });
    // Rewriting the newest entry's digests away (to hide a change with no entry) is caught by the rows.
    db.prepare("UPDATE cases SET state = 'closed' WHERE id = ?").run([caseId]);
    db.prepare('UPDATE audit_log SET row_digests = NULL WHERE id = ?').run([noteEntry.id]);
    rehash(db);
    expect(verifyAuditLog(db).problem).toMatch(new RegExp(`^Case ${reference} is not as the audit log last recorded it`));
  });

  it('an anchor taken before an edit that was then re-hashed names the rewritten entry', async () => {
    const anchor = chainHead(db);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = 'Nothing to see' WHERE id = 2").run();
    rehash(db);
    expect(verifyAuditLog(db).ok).toBe(true);
    expect(verifyAnchor(db, { entries: anchor.entries, headHash: anchor.headHash!, source: 'the backup of 10/03/2026' }).problem).toBe(
      `Audit entry ${anchor.entries} is not the one the backup of 10/03/2026 recorded: the audit log was rewritten up to that point.`,
    );
  });
});

/** What a careful tamperer does after editing: recompute every link so the chain verifies again. */
function rehash(db: Db): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all<Record<string, string | number | null>>();
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  db.transaction(() => {
    // Hashes are UNIQUE: park them first so that a recomputed hash never collides with an old one mid-way.
    db.prepare("UPDATE audit_log SET hash = 'parked-' || id").run();
    for (const row of rows) {
      const hash = entryHash(prev, row as never);
      update.run([prev, hash, row['id']!]);
      prev = hash;
    }
  })();
}
