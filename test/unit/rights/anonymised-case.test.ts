import { afterEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../contract/case-views';
import type { RetentionPreview } from '../../../contract/rights';
import { formatUkDate } from '../../../contract/dates';
import { fingerprint } from '../reliability/db-fingerprint';
import { aMarkedCase, markedReferral, rightsWorld, type RightsWorld } from './rights-fixture';

/*
 * An anonymised or erased case is a record, not a case to work: main refuses notes, chases, edits, boroughs and state
 * changes on it with a RULE that says when and why it was anonymised, and every refused call leaves every table as it
 * was. Its page data says so too: no moves, no chases, no "no coverage" prompt, no deadlines; and the unsafe boroughs
 * (where the applicant fears to be) are erased with the rest, so the page cannot show "none besides the current".
 */

describe('an anonymised or erased case cannot be changed', () => {
  let w: RightsWorld | undefined;
  afterEach(() => w?.cleanup());

  const attempts = (id: number, w: RightsWorld, m: Parameters<typeof markedReferral>[0]) =>
    [
      ['cases.addNote', { id, kind: 'note', text: 'Applicant phoned again' }],
      ['cases.recordChase', { id, who: 'nominating_officer', note: 'Chased' }],
      ['cases.recordChase', { id, who: 'landlord', note: 'Chased' }],
      ['cases.update', { id, referral: markedReferral(m, w.partnerId, '2019-03-04'), reason: 'New details' }],
      ['cases.addBoroughs', { id, boroughs: ['E09000007'], note: 'More choice' }],
      ['cases.transition', { id, to: 'approved' }],
      ['cases.transition', { id, to: 'on_hold', reason: 'Paused' }],
    ] as const;

  it('refuses every change to an erased case, changing nothing, and its detail offers no action', { timeout: 180_000 }, async () => {
    w = await rightsWorld('2026-03-02');
    const closed = await aMarkedCase(w, 'qwj', 4, '2026-03-02', 'closed');
    // While it holds its details, a closed case still takes notes (the refusals below are the anonymisation's).
    await w.ok('cases.addNote', { id: closed.id, kind: 'note', text: 'Letter received' });
    const live = await w.ok<CaseDetail>('cases.get', { id: closed.id });
    expect(live.anonymised).toBeNull();
    expect(live.referral.risk.unsafeBoroughs.length).toBeGreaterThan(0);

    await w.ok('rights.erase', { caseId: closed.id, reason: 'Letter of 01/03/2026 asking for erasure', confirmReference: closed.reference });
    const db = w.t.core.services.db();
    const before = fingerprint(db);
    // The day it was erased, as stored (not the clock now, which a run across midnight would make another day).
    const erasedOn = formatUkDate(db.prepare('SELECT anonymised_at FROM cases WHERE id = ?', { pluck: true }).get([closed.id]) as string);
    for (const [channel, payload] of attempts(closed.id, w, closed.m)) {
      const res = await w.call(channel, payload);
      expect(res.error?.code, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe('RULE');
      expect(res.error?.message).toBe(
        `Case ${closed.reference} was erased on ${erasedOn} on the applicant's request: only its record is kept, and it cannot be changed. Nothing was changed.`,
      );
    }
    expect(fingerprint(db)).toEqual(before);

    const detail = await w.ok<CaseDetail>('cases.get', { id: closed.id });
    expect(detail.anonymised).toMatchObject({ how: 'erasure', reason: 'Letter of 01/03/2026 asking for erasure' });
    expect(detail).toMatchObject({ transitions: [], deadlines: [], coverage: { uncovered: [], message: null }, needsRecirculation: false });
    expect(detail.chase).toMatchObject({ landlord: false, nominatingOfficer: false });
    expect(detail.referral.risk.unsafeBoroughs).toEqual([]);
  });

  it('refuses changes to a case anonymised under the retention policy, and says so', { timeout: 180_000 }, async () => {
    w = await rightsWorld('2019-03-04');
    const old = await aMarkedCase(w, 'qwk', 5, '2019-03-04', 'closed');
    w.setToday('2026-03-10');
    const preview = await w.ok<RetentionPreview>('rights.retentionPreview');
    await w.ok('rights.retentionRun', { closedBefore: preview.closedBefore, expectedCount: preview.count, expectedEnquiries: preview.enquiries });
    const db = w.t.core.services.db();
    const before = fingerprint(db);
    const anonymisedOn = formatUkDate(db.prepare('SELECT anonymised_at FROM cases WHERE id = ?', { pluck: true }).get([old.id]) as string);
    for (const [channel, payload] of attempts(old.id, w, old.m)) {
      const res = await w.call(channel, payload);
      expect(res.error?.code, channel).toBe('RULE');
      expect(res.error?.message).toContain(`Case ${old.reference} was anonymised on ${anonymisedOn} under the retention policy`);
    }
    expect(fingerprint(db)).toEqual(before);
    expect((await w.ok<CaseDetail>('cases.get', { id: old.id })).anonymised).toMatchObject({ how: 'retention', reason: null });
  });
});
