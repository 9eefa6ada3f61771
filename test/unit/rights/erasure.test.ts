import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../../main/audit/row-check';
import type { AnonymiseResult } from '../../../contract/rights';
import { fingerprint } from '../reliability/db-fingerprint';
import { decryptedPages, markersIn, rowText } from './decrypted-scan';
import { aMarkedCase, rightsWorld, type RightsWorld } from './rights-fixture';

/*
 * Erasure of one case on the applicant's request (UK GDPR article 17): refused, with nothing changed, while the case
 * is open, when the reference is not typed again, without a reason, or a second time; allowed for a closed case,
 * with the same anonymisation as retention, its reason recorded, and the ledger whole.
 */

describe('erasing one case on request', () => {
  let w: RightsWorld | undefined;
  afterEach(() => w?.cleanup());

  it('is refused, changing nothing, while open, unconfirmed or without a reason; then erases only that case', { timeout: 180_000 }, async () => {
    w = await rightsWorld('2026-03-02');
    const open = await aMarkedCase(w, 'qwf', 6, '2026-03-02', 'open');
    const moved = await aMarkedCase(w, 'qwg', 7, '2026-03-02', 'moved');
    const other = await aMarkedCase(w, 'qwh', 3, '2026-03-02', 'closed');
    const db = w.t.core.services.db();
    const ledger = db.prepare('SELECT * FROM ledger_entries ORDER BY id').all();
    expect(ledger.length).toBeGreaterThan(0);

    const before = fingerprint(db);
    const refusals = [
      [{ caseId: open.id, reason: 'Applicant asked for erasure', confirmReference: open.reference }, 'RULE', 'still open'],
      [
        { caseId: moved.id, reason: 'Applicant asked for erasure', confirmReference: 'PLHR-2026-9999' },
        'VALIDATION',
        `Type the case reference ${moved.reference}`,
      ],
      [{ caseId: moved.id, reason: 'no', confirmReference: moved.reference }, 'VALIDATION', 'Say why'],
      [{ caseId: 9999, reason: 'Applicant asked for erasure', confirmReference: moved.reference }, 'NOT_FOUND', 'could not be found'],
    ] as const;
    for (const [payload, code, words] of refusals) {
      const res = await w.call('rights.erase', payload);
      expect(res.error?.code, JSON.stringify(payload)).toBe(code);
      expect(res.error?.message).toContain(words);
      expect(markersIn(res.error?.message ?? '', moved.markers)).toEqual([]);
    }
    expect(fingerprint(db)).toEqual(before);

    // Lower case is fine: the reference is what matters.
    const res = await w.ok<AnonymiseResult>('rights.erase', {
      caseId: moved.id,
      reason: 'Subject asked for erasure by letter of 01/03/2026',
      confirmReference: moved.reference.toLowerCase(),
    });
    expect(res).toMatchObject({ anonymised: 1, references: [moved.reference] });
    const live = w.t.core.services.db();
    const { databaseFile, dataKey } = w.t.core.session.jobAccess();
    expect(markersIn(rowText(live), moved.markers)).toEqual([]);
    expect(markersIn(decryptedPages(databaseFile, dataKey), moved.markers)).toEqual([]);
    for (const kept of [open, other]) expect(markersIn(rowText(live), kept.markers)).toEqual(kept.markers);

    // The ledger is whole: the same entries, still naming the case by its reference.
    expect(live.prepare('SELECT * FROM ledger_entries ORDER BY id').all()).toEqual(ledger);
    const statement = JSON.stringify(await w.ok('ledger.statement', { partnerId: w.partnerId }));
    expect(statement).toContain(moved.reference);
    // The move and its offer stay as facts, without the address.
    const offer = live.prepare("SELECT outcome, address_line1, address_postcode FROM offers WHERE case_id = ? AND outcome = 'accepted'").get([moved.id]);
    expect(offer).toEqual({ outcome: 'accepted', address_line1: '[erased]', address_postcode: '' });
    expect(live.prepare('SELECT count(*) FROM moves WHERE case_id = ?', { pluck: true }).get([moved.id])).toBe(1);
    expect(verifyAuditLog(live)).toMatchObject({ ok: true });

    const audit = await w.ok<{ entries: { action: string; reason: string | null; summary: string }[] }>('audit.list', {
      caseId: moved.id,
      action: 'case.erased',
    });
    expect(audit.entries[0]).toMatchObject({
      reason: 'Subject asked for erasure by letter of 01/03/2026',
      summary: `Case ${moved.reference}: personal details erased on the applicant's request`,
    });

    // A second time there is nothing left to erase.
    const again = await w.call('rights.erase', { caseId: moved.id, reason: 'Asked again', confirmReference: moved.reference });
    expect(again.error).toMatchObject({ code: 'RULE', message: expect.stringContaining('already been anonymised') });
  });
});
