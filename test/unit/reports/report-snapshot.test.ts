import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCasePolicy } from '../../../main/cases/policy';
import type { Db } from '../../../main/db/types';
import type { JobContext } from '../../../main/jobs/job-kind';
import { yearEndJob, type YearEndJobInput } from '../../../main/reports/year-end-job';
import { readDisclosurePolicy } from '../../../main/reports/report-policy';
import { periodOf } from '../../../main/reports/handlers';
import { createCase } from '../../../main/cases/case-actions';
import { contract } from '../../../contract/channels';
import { aDistinctApplicant, aReferral } from '../cases/referral-builder';
import { aPartnerInput } from '../directory/builders';
import { jobConnection } from '../helpers/one-case';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';

/*
 * A report reads many tables, section by section, on a job's own connection while the window goes on saving. Its
 * figures must all be of one moment: a referral saved while it runs is in every section or in none.
 */

describe('the year-end report while the app keeps writing', () => {
  let t: TestCore;
  let reader: Db;
  let partnerId: number;
  let input: YearEndJobInput;

  const refer = async (n: number) => {
    const r = aReferral({ receivedOn: '2026-03-02', applicant: aDistinctApplicant(n) });
    const res = await t.call('cases.create', { ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: partnerId } });
    expect(res.ok, res.error?.message).toBe(true);
  };
  const run = (onProgress: JobContext['onProgress'] = () => undefined) =>
    yearEndJob.run(
      { db: reader, onProgress, signal: new AbortController().signal, throwIfCancelled: () => undefined, ask: () => Promise.reject(new Error('none')) },
      input,
    );

  beforeEach(async () => {
    t = createTestCore({ today: () => '2026-03-02' });
    await setUp(t);
    partnerId = ((await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012'] }))).value as { id: number }).id;
    for (const n of [1, 2, 3]) await refer(n);
    reader = await jobConnection(t);
    const db = t.core.services.db();
    input = {
      period: periodOf('2025-04-01', '2026-03-31'),
      mode: 'internal',
      policy: readDisclosurePolicy(db),
      bankHolidays: [...readCasePolicy(db).bankHolidays],
    };
  });
  afterEach(() => {
    reader.close();
    t.cleanup();
  });

  it('a referral saved once the report has begun is in none of its figures', async () => {
    const before = await run();
    let calls = 0;
    const r = aReferral({ receivedOn: '2026-03-02', applicant: aDistinctApplicant(4) });
    const parsed = contract['cases.create'].request.parse({ ...r, currentHome: { ...r.currentHome, homeLandlordPartnerId: partnerId } });
    const during = await run(() => {
      // Saved through main's own connection, as the window would, after the report's first section.
      if (calls++ !== 1) return;
      const db = t.core.services.db();
      t.core.services.change((tx) => createCase(tx, parsed as never, { today: '2026-03-02', policy: readCasePolicy(db) }));
    });
    expect(calls).toBeGreaterThan(1);
    expect(Number(t.core.services.db().prepare('SELECT count(*) FROM cases', { pluck: true }).get())).toBe(4);
    expect(during).toEqual(before);
    // And the next report counts it.
    expect(await run()).not.toEqual(before);
  });
});
