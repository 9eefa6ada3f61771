import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { seedCase, seedTransition } from '../pages/cases-pages';
import { dispatch } from '../pages/backup-pages';

/*
 * Retention and data-subject rights (issue 15) on screen: Settings → Data retention previews, confirms and reports a
 * run; the case page makes a subject access export (its passphrase shown once) and erases a closed case after a
 * reason and the typed reference, and says why an open case cannot be erased.
 */

// The app's today, moved on between seeding old cases and running the policy.
let today = '2019-03-04';
test.use({ harnessOptions: { today: () => today } });

const closedCase = async (harness: Parameters<typeof seedPartner>[0], landlord: number, receivedOn: string, n: number) => {
  const c = await seedCase(harness, landlord, {
    receivedOn,
    consent: { given: true, date: receivedOn, covers: ['share_with_home_landlord', 'circulate_request'], notes: '' },
    household: [{ kind: 'child', yearOfBirth: 2015, sexOrGender: 'female' }],
    applicant: {
      fullName: `Zara Okonkwo ${['A', 'B', 'C'][n]}`,
      dateOfBirth: `198${n}-04-0${n + 1}`,
      phone: '',
      email: '',
      safeContactNotes: '',
      address: { line1: '4 Example Court', line2: '', town: 'London', postcode: 'N1 1AA' },
    },
  });
  await seedTransition(harness, { id: c.id, to: 'withdrawn', reason: 'No longer wants to move' });
  await seedTransition(harness, { id: c.id, to: 'closed', closureReason: 'withdrawn' });
  return c;
};

test('Settings → Data retention: the preview, a confirmation that repeats the count, and the result', async ({ app, harness }) => {
  test.slow();
  today = '2019-03-04';
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority', stockBoroughs: ['E09000012'] });
  await closedCase(harness, hackney, '2019-02-20', 0);
  await closedCase(harness, hackney, '2019-02-21', 1);
  // An out-of-London enquiry of the same year: its notes are covered by the same run.
  await dispatch(harness, 'enquiries.create', {
    receivedOn: '2019-03-01',
    agencyKind: 'domestic_abuse_service',
    reason: 'out_of_london',
    signposting: ['homefinder', 'seaside_and_country_homes'],
    notes: 'Wants to move near her sister',
  });
  today = '2026-03-10';

  const shell = new ShellPage(app);
  await shell.go('Settings', 'settings');
  const section = app.locator('[data-section="retention"]');
  await expect(section.getByTestId('retention-preview')).toHaveText('2 cases closed before 10/03/2020 will be anonymised.');
  await expect(section.getByTestId('retention-enquiries')).toHaveText(
    'The notes of 1 enquiry received before 10/03/2020 will be erased too; the enquiries are still counted in reports.',
  );
  await section.scrollIntoViewIfNeeded();
  await checkScreen(app, 'settings-retention');

  await section.getByRole('button', { name: 'Anonymise 2 cases…' }).click();
  const dialog = app.locator('dialog[data-dialog="retention-confirm"]');
  await expect(dialog).toContainText('2 cases closed before 10/03/2020, and the notes of 1 enquiry received before then, will be erased for good');
  await checkScreen(app, 'retention-confirm');
  await dialog.getByRole('button', { name: 'Anonymise 2 cases', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByRole('status').last()).toContainText('2 cases were anonymised and 1 enquiry had its notes erased');
  await expect(section.getByTestId('retention-preview')).toContainText(
    'No cases closed before 10/03/2020 are waiting to be anonymised. 2 cases have been anonymised already.',
  );
  await checkScreen(app, 'settings-retention-done');
  fs.mkdirSync(path.resolve(import.meta.dirname, '../../../docs/screenshots'), { recursive: true });
  await section.screenshot({ path: path.resolve(import.meta.dirname, '../../../docs/screenshots/settings-retention.png') });

  // A policy that is not a number of years is refused next to the field.
  await section.getByLabel('Anonymise cases closed more than this many years ago').fill('0');
  await section.getByRole('button', { name: 'Save retention policy' }).click();
  await expect(section.getByText('Keep closed cases for at least 1 year')).toBeVisible();
});

test('the case page: a subject access export with its passphrase, erasure refused while open, then a closed case erased', async ({ app, harness }) => {
  test.slow();
  today = '2026-03-10';
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority', stockBoroughs: ['E09000012'] });
  const open = await seedCase(harness, hackney, {
    receivedOn: '2026-02-20',
    consent: { given: true, date: '2026-02-20', covers: ['share_with_home_landlord', 'circulate_request'], notes: '' },
  });
  const closed = await closedCase(harness, hackney, '2026-02-21', 2);
  const base = `${app.url().split('#')[0]}`;
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-e2e-rights-'));

  // An open case cannot be erased: main says why, in the dialog, and nothing changes.
  await app.goto(`${base}#/cases/${open.id}`);
  await waitForScreen(app, 'case');
  await app.getByRole('button', { name: 'Erase this case…' }).click();
  let dialog = app.locator('dialog[data-dialog="erase-case"]');
  await dialog.getByLabel('Why is the case being erased?').fill('Letter from the applicant dated 01/03/2026');
  await dialog.getByLabel(`Type the reference ${open.reference} to confirm`).fill(open.reference);
  await dialog.getByRole('button', { name: 'Erase the case' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is still open. Withdraw and close it first');
  await dialog.getByRole('button', { name: 'Cancel' }).first().click();

  // The subject access export of the closed case.
  await app.goto(`${base}#/cases/${closed.id}`);
  await waitForScreen(app, 'case');
  await app.getByRole('button', { name: 'Subject access export' }).click();
  dialog = app.locator('dialog[data-dialog="subject-access"]');
  await checkScreen(app, 'subject-access');
  harness.dialogs.saveQueue.push(path.join(outside, 'subject-access.pdf'));
  await dialog.getByRole('button', { name: 'Choose where to save' }).click();
  // Made in a job worker (two encrypted files): allow it the time a shared machine needs.
  await expect(dialog.getByRole('status')).toContainText('Saved subject-access.pdf and subject-access.json.age.', { timeout: 90_000 });
  const passphrase = await dialog.locator('.passphrase').innerText();
  expect(passphrase.split(' ')).toHaveLength(5);
  expect(fs.existsSync(path.join(outside, 'subject-access.pdf'))).toBe(true);
  await checkScreen(app, 'subject-access-done');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Erasure, with a reason and the typed reference.
  await app.getByRole('button', { name: 'Erase this case…' }).click();
  dialog = app.locator('dialog[data-dialog="erase-case"]');
  await dialog.getByRole('button', { name: 'Erase the case' }).click();
  await expect(dialog.getByText('Say why the case is being erased')).toBeVisible();
  await dialog.getByLabel('Why is the case being erased?').fill('Letter from the applicant dated 01/03/2026');
  await dialog.getByLabel(`Type the reference ${closed.reference} to confirm`).fill(closed.reference);
  await checkScreen(app, 'erase-case');
  await dialog.screenshot({ path: path.resolve(import.meta.dirname, '../../../docs/screenshots/case-erase.png') });
  await dialog.getByRole('button', { name: 'Erase the case' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('status').first()).toContainText(`Case ${closed.reference} was erased`);
  // The case is a record now: it says when and why, shows what was erased as erased, and offers nothing to do.
  const page = app.locator('[data-screen="case"]');
  await expect(page.locator('[data-anonymised-banner]')).toContainText(
    `Erased on ${new Date().toLocaleDateString('en-GB')} on request: Letter from the applicant dated 01/03/2026.`,
  );
  await expect(page).toContainText('[erased]');
  await expect(page).not.toContainText('Zara Okonkwo');
  await expect(page).not.toContainText('01/01/0001');
  await expect(page).not.toContainText('None besides the current borough');
  await expect(page).not.toContainText('Not recorded');
  for (const name of ['Erase this case…', 'Subject access export', 'Show applicant details', 'Add to the timeline', 'Edit details']) {
    await expect(app.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(page.getByRole('form', { name: 'Add to the timeline' })).toHaveCount(0);
  await expect(page.locator('[data-coverage-warning]')).toHaveCount(0);
  await checkScreen(app, 'case-erased');
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.screenshot({ path: path.resolve(import.meta.dirname, '../../../docs/screenshots/case-erased.png') });
  fs.rmSync(outside, { recursive: true, force: true });
});
