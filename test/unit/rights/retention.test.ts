import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../main/audit/row-check';
import type { AnonymiseResult, RetentionPreview } from '../../../contract/rights';
import { fingerprint } from '../reliability/db-fingerprint';
import { decryptedPages, ftsTerms, markersIn, plaintextExport, rowText } from './decrypted-scan';
import { aMarkedCase, rightsWorld, type RightsWorld } from './rights-fixture';

/*
 * Retention (UK GDPR storage limitation): cases closed more than the policy's years ago are anonymised, after a
 * preview and on confirmation, audited. The proof that it forgets: a unique marker in every personal field and every
 * free-text place of a case, then, after the run, none of them anywhere in the database: not in any row of any table
 * (the audit log and the name index included), not in a plain-text export of it, and not in any decrypted page of the
 * file or its WAL. Cases the policy does not cover keep every marker (so the scans can find them), the audit check
 * still passes, and the facts reports and the ledger count are still there.
 */

/** An out-of-London enquiry recorded on `day` whose notes hold `marker`. */
async function anEnquiry(w: RightsWorld, day: string, marker: string): Promise<{ id: number; marker: string }> {
  w.setToday(day);
  const e = await w.ok<{ id: number }>('enquiries.create', {
    receivedOn: day,
    agencyKind: 'domestic_abuse_service',
    reason: 'out_of_london',
    signposting: ['homefinder', 'seaside_and_country_homes'],
    notes: `Caller ${marker} wants to go to her sister in Leeds`,
  });
  return { id: e.id, marker };
}

describe('retention: anonymising long-closed cases', () => {
  let w: RightsWorld | undefined;
  afterEach(() => w?.cleanup());

  it('previews, refuses a stale confirmation unchanged, then erases every personal value and keeps the facts', { timeout: 180_000 }, async () => {
    w = await rightsWorld('2019-03-04');
    const old = await aMarkedCase(w, 'qwa', 1, '2019-03-04', 'moved');
    const stillOpen = await aMarkedCase(w, 'qwb', 2, '2019-06-03', 'open');
    const recent = await aMarkedCase(w, 'qwc', 3, '2025-06-02', 'closed');
    // Enquiries that never became cases keep free-text notes: one received before the cut-off, one after.
    const oldEnquiry = await anEnquiry(w, '2019-05-06', 'qweoldnote');
    const recentEnquiry = await anEnquiry(w, '2024-05-06', 'qwerecentnote');
    w.setToday('2026-03-10');
    old.markers.push(oldEnquiry.marker);
    const db = w.t.core.services.db();
    const timelineBefore = db.prepare('SELECT count(*) FROM case_events WHERE case_id = ?', { pluck: true }).get([old.id]);
    const ledgerBefore = db.prepare('SELECT count(*) FROM ledger_entries', { pluck: true }).get();
    // The scans can see what they look for: before the run, the old case's markers are in its rows and pages.
    expect(markersIn(rowText(db), old.markers)).toEqual(old.markers);

    const yearEnd = { from: '2018-04-01', to: '2019-03-31', mode: 'internal' };
    const reportBefore = await w.ok('reports.yearEnd', yearEnd);

    const preview = await w.ok<RetentionPreview>('rights.retentionPreview');
    expect(preview).toMatchObject({
      policy: { closedMoreThanYears: 6 },
      closedBefore: '2020-03-10',
      count: 1,
      sample: [old.reference],
      alreadyAnonymised: 0,
      enquiries: 1,
    });

    // A confirmation of something other than what the preview showed changes nothing.
    const before = fingerprint(db);
    const stale = await w.call('rights.retentionRun', { closedBefore: '2020-03-09', expectedCount: 1 });
    expect(stale.error?.code).toBe('CONFLICT');
    const wrongCount = await w.call('rights.retentionRun', { closedBefore: '2020-03-10', expectedCount: 2 });
    expect(wrongCount.error?.message).toContain('now 1 closed before 10/03/2020');
    // Confirming the cases without the enquiries the preview also covered is a different run.
    const noEnquiries = await w.call('rights.retentionRun', { closedBefore: '2020-03-10', expectedCount: 1 });
    expect(noEnquiries.error?.message).toContain('1 enquiry with notes received before then');
    expect(fingerprint(db)).toEqual(before);

    const enquiryCounts = await w.ok('enquiries.count', { from: '2019-04-01', to: '2020-03-31' });
    const run = await w.ok<AnonymiseResult>('rights.retentionRun', {
      closedBefore: preview.closedBefore,
      expectedCount: preview.count,
      expectedEnquiries: preview.enquiries,
    });
    expect(run.anonymised).toBe(1);
    expect(run.enquiriesAnonymised).toBe(1);
    expect(run.references).toEqual([old.reference]);
    expect(run.auditEntriesRedacted).toBeGreaterThan(5);

    // Nowhere in the database, down to the decrypted bytes of every page and WAL frame.
    const live = w.t.core.services.db();
    const { databaseFile, dataKey } = w.t.core.session.jobAccess();
    expect(markersIn(rowText(live), old.markers)).toEqual([]);
    expect(markersIn(ftsTerms(live).join(' '), old.markers)).toEqual([]);
    expect(markersIn(plaintextExport(live, w.t.dataDir), old.markers)).toEqual([]);
    const pages = decryptedPages(databaseFile, dataKey);
    expect(markersIn(pages, old.markers)).toEqual([]);
    // ... while the cases the policy does not cover are all still there, in rows and in pages (the scans work).
    expect(markersIn(pages, [recentEnquiry.marker])).toEqual([recentEnquiry.marker]);
    for (const kept of [stillOpen, recent]) {
      expect(markersIn(rowText(live), kept.markers)).toEqual(kept.markers);
      expect(markersIn(pages, [kept.m.risk, kept.m.marac, kept.m.safe])).toHaveLength(3);
      expect(ftsTerms(live)).toContain(kept.m.surname);
    }

    // The audit check passes: the redacted entries are held to their redacted hashes, the rows to their new digests.
    expect(verifyAuditLog(live)).toMatchObject({ ok: true, problem: null });
    const verified = await w.ok<{ ok: boolean }>('audit.verify');
    expect(verified.ok).toBe(true);

    // The facts stay: the case, its reference, states and dates, its timeline entries, the ledger.
    const detail = await w.ok<{
      reference: string;
      state: string;
      dates: { closedOn: string };
      timeline: { text: string; summary: string }[];
      referral: { applicant: { fullName: string } };
    }>('cases.get', { id: old.id });
    expect(detail).toMatchObject({ reference: old.reference, state: 'closed', dates: { closedOn: '2019-03-04' } });
    expect(detail.referral.applicant.fullName).toBe('[erased]');
    expect(detail.timeline).toHaveLength(Number(timelineBefore));
    expect(detail.timeline.filter((e) => e.text !== '').every((e) => e.text === '[erased]')).toBe(true);
    expect(live.prepare('SELECT count(*) FROM ledger_entries', { pluck: true }).get()).toBe(ledgerBefore);
    // The year-end report of the year the case closed reads exactly as before.
    expect(await w.ok('reports.yearEnd', yearEnd)).toEqual(reportBefore);
    // The enquiries are still counted; the old one's notes read as erased, the recent one's are untouched.
    expect(await w.ok('enquiries.count', { from: '2019-04-01', to: '2020-03-31' })).toEqual(enquiryCounts);
    const enquiries = await w.ok<{ id: number; notes: string }[]>('enquiries.list', { limit: 10 });
    expect(enquiries.find((e) => e.id === oldEnquiry.id)?.notes).toBe('[erased]');
    expect(enquiries.find((e) => e.id === recentEnquiry.id)?.notes).toContain(recentEnquiry.marker);
    // The run is in the audit log, with the case's own entry.
    const audit = await w.ok<{ entries: { action: string; summary: string }[] }>('audit.list', { caseId: old.id, limit: 500 });
    expect(audit.entries.map((e) => e.action)).toContain('case.anonymised');
    const all = await w.ok<{ entries: { action: string; summary: string }[] }>('audit.list', { limit: 20 });
    expect(all.entries.find((e) => e.action === 'rights.retention_run')?.summary).toBe(
      'Retention policy applied: 1 case closed before 10/03/2020 anonymised; notes erased from 1 enquiry received before then',
    );

    // Nothing is left to do: a second preview finds no case, and the run refuses to confirm a count of none.
    expect(await w.ok<RetentionPreview>('rights.retentionPreview')).toMatchObject({ count: 0, alreadyAnonymised: 1, enquiries: 0 });
    expect((await w.call('rights.retentionRun', { closedBefore: preview.closedBefore, expectedCount: 0 })).error?.code).toBe('VALIDATION');
    expect((await w.call('rights.retentionRun', { closedBefore: preview.closedBefore, expectedCount: 0, expectedEnquiries: 0 })).error?.code).toBe(
      'VALIDATION',
    );
  });

  it('keeps the policy in settings, audited, and counts with it', { timeout: 180_000 }, async () => {
    w = await rightsWorld('2019-03-04');
    await aMarkedCase(w, 'qwd', 4, '2019-03-04', 'closed');
    w.setToday('2026-03-10');
    expect(await w.ok('rights.getRetention')).toEqual({ closedMoreThanYears: 6 });
    const refused = await w.call('rights.updateRetention', { closedMoreThanYears: 0 });
    expect(refused.error?.code).toBe('VALIDATION');
    expect(await w.ok<RetentionPreview>('rights.retentionPreview')).toMatchObject({ closedBefore: '2020-03-10', count: 1 });
    await w.ok('rights.updateRetention', { closedMoreThanYears: 7 });
    expect(await w.ok('rights.getRetention')).toEqual({ closedMoreThanYears: 7 });
    // Closed on 04/03/2019: still more than seven years before 10/03/2026, but not eight.
    expect(await w.ok<RetentionPreview>('rights.retentionPreview')).toMatchObject({ closedBefore: '2019-03-10', count: 1 });
    await w.ok('rights.updateRetention', { closedMoreThanYears: 8 });
    expect(await w.ok<RetentionPreview>('rights.retentionPreview')).toMatchObject({ closedBefore: '2018-03-10', count: 0 });
    const audit = await w.ok<{ entries: { action: string; summary: string; changes: unknown[] }[] }>('audit.list', {
      action: 'settings.retention_policy_updated',
    });
    expect(audit.entries[1]).toMatchObject({
      summary: 'Retention policy: cases closed more than 7 years ago are anonymised',
      changes: [{ field: 'closedMoreThanYears', before: 6, after: 7 }],
    });
  });
});
