import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { seedCase, seedCirculatedCase, seedTransition } from '../pages/cases-pages';
import { REPORT_TIMEOUT, ReportsPage } from '../pages/reports-pages';
import { financialYearLabel, financialYearOf } from '../../../contract/dates';
import { todayIso } from '../../../contract/calendar-date';

/** The year-end report on screen (issue 13): choose a year, read the charts, check a number, publish, export. */

test('choose the financial year, see the charts, open a number to its cases, switch to publishable, export PDF and CSV', async ({ app, harness }) => {
  test.slow();
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  await seedPartner(harness, { name: 'Barnet Homes', stockBoroughs: ['E09000003'] });
  const a = await seedCase(harness, hackney);
  const b = await seedCase(harness, hackney, {
    applicant: {
      fullName: 'Joy Adeyemi',
      dateOfBirth: '1990-02-03',
      phone: '',
      email: '',
      safeContactNotes: '',
      address: { line1: '9 Test Row', line2: '', town: 'London', postcode: 'N1 2BB' },
    },
  });
  await seedCirculatedCase(harness, a.id);
  await seedTransition(harness, { id: b.id, to: 'awaiting_landlord_approval' });

  // Ready once the first report is worked out, in a job worker.
  await new ShellPage(app).go('Reports', 'reports', { timeout: REPORT_TIMEOUT });
  const reports = new ReportsPage(app);
  await reports.chooseYear(financialYearLabel(financialYearOf(todayIso())));
  await expect(reports.row('funnel', 'Referrals received')).toContainText('2');
  await expect(reports.row('funnel', 'Circulated to partners').getByRole('cell').first()).toHaveText('1');
  await expect(reports.section('borough_moves')).toBeVisible();
  // The ledger part reads the ledger: nobody has moved, so every partner is level and the table has only its total.
  await expect(reports.row('ledger', 'Total').getByRole('cell').last()).toHaveText('0');
  await expect(reports.section('ledger')).not.toContainText('Not recorded yet');
  await checkScreen(app, 'reports-internal');

  // A number opens to the cases behind it.
  await reports.row('funnel', 'Referrals received').getByRole('button').first().click();
  const dialog = app.getByRole('dialog', { name: 'The cases behind this number' });
  await expect(dialog.getByRole('link', { name: a.reference })).toBeVisible();
  await expect(dialog.getByRole('link', { name: b.reference })).toBeVisible();
  await checkScreen(app, 'reports-cases-behind');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Publishable: two referrals is a small number, so it shows as *, and no reference can be opened.
  await reports.publishable();
  await expect(app.locator('.report[data-mode="publishable"]')).toBeVisible();
  await expect(reports.row('funnel', 'Referrals received').getByRole('cell').first()).toHaveText('*');
  await expect(app.locator('.report').getByRole('button')).toHaveCount(0);
  await checkScreen(app, 'reports-publishable');

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-report-'));
  const pdf = path.join(out, 'year-end.pdf');
  harness.dialogs.saveQueue.push(pdf);
  await reports.exportAs('PDF');
  await expect(app.getByRole('status').filter({ hasText: 'Saved year-end.pdf.' })).toBeVisible({ timeout: REPORT_TIMEOUT });
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const csv = path.join(out, 'year-end.csv');
  harness.dialogs.saveQueue.push(csv);
  await reports.exportAs('CSV');
  await expect(app.getByRole('status').filter({ hasText: 'Saved year-end.csv.' })).toBeVisible({ timeout: REPORT_TIMEOUT });
  const text = fs.readFileSync(csv, 'utf8');
  expect(text).toContain('Referrals received,*');
  for (const marker of [a.reference, b.reference, 'Grace Mensah', 'Joy Adeyemi', 'N1 1AA', '1988-05-02']) expect(text).not.toContain(marker);
  fs.rmSync(out, { recursive: true, force: true });
});
