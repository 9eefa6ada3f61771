import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../contract/case-views';
import type { IntegrityReport } from '../../../contract/session';
import type { GeneratedSummary } from '../../../main/demo/generator';
import type { TestCore } from '../helpers/test-core';
import { generatedStore } from './demo-world';

/*
 * Issue 14: a `real`-scale store (ten years, about 5,000 enquiries: what the demo opens on) passes the audit-chain
 * check and SQLCipher's check of every page. Made with memory security off, as the bench makes its stores: the file is
 * the same either way, and it takes half the time.
 */
describe('a real-scale synthetic scheme', () => {
  let t: TestCore;
  let summary: GeneratedSummary;
  beforeAll(async () => {
    ({ t, summary } = await generatedStore(20261127, { scale: 'real', endOn: '2026-11-27', memorySecurity: false }));
  }, 900_000);
  afterAll(() => t?.cleanup());

  it('has ten years of enquiries and cases, in the real scheme’s proportions', () => {
    expect(summary.from).toBe('2016-11-28');
    expect(summary.enquiries + summary.referrals).toBeGreaterThan(4_500);
    expect(summary.referrals).toBeGreaterThan(2_000);
    // 1,401 circulations and 277 moves over 3,758 enquiries in the real scheme: about a fifth of circulations moved.
    const moves = summary.moves.reciprocal + summary.moves.housingMoves;
    expect(moves / summary.circulated).toBeGreaterThan(0.1);
    expect(moves / summary.circulated).toBeLessThan(0.3);
  });

  it('passes the audit-chain check and the database check, every page included', async () => {
    const audit = await t.call('audit.verify', {});
    expect(audit.ok).toBe(true);
    expect(audit.ok && (audit.value as AuditVerification)).toMatchObject({ ok: true, firstBadId: null });
    const integrity = await t.call('database.integrityCheck', {});
    expect(integrity.ok && (integrity.value as IntegrityReport)).toMatchObject({ ok: true, problems: [] });
  }, 300_000);
});
