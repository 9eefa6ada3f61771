import type { Page } from '@playwright/test';
import { test, expect, waitForScreen, checkScreen, KEY_STRETCH_TIMEOUT } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { CasePage, caseCount, ReferralFormPage, seedCase, seedCirculatedCase, seedCirculation, seedTransition } from '../pages/cases-pages';
import { addDays, daysBetween, todayIso } from '../../../contract/calendar-date';
import { addWorkingDays } from '../../../main/cases/deadlines';
import { DEFAULT_BANK_HOLIDAYS } from '../../../main/cases/bank-holidays';

/** The message shown at a field (not the copy in the summary at the top of the form). */
const fieldError = (app: Page, text: string) => app.locator('.field__error', { hasText: text }).first();

test('a referral taken through approval to circulation-ready, with errors at each field first', async ({ app, harness }) => {
  // The whole journey in one test, with axe on nine screens: on a shared machine it can pass a minute.
  test.slow();
  await setUpAndOpen(app);
  await checkScreen(app, 'home-empty');
  await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  const shell = new ShellPage(app);
  await shell.go('Cases', 'cases');
  await checkScreen(app, 'cases-empty');

  const form = new ReferralFormPage(app);
  await form.open();
  await checkScreen(app, 'referral-new');

  // Submitted empty: every problem shows at its own field, and nothing is saved.
  await form.submit();
  await expect(app.getByRole('alert').first()).toContainText('fields need attention. Nothing was saved.');
  await expect(fieldError(app, 'Enter the name of the referring agency')).toBeVisible();
  await expect(fieldError(app, "Enter the applicant's full name")).toBeVisible();
  await expect(fieldError(app, "Choose the applicant's landlord from the list of partners")).toBeVisible();
  await expect(fieldError(app, 'Choose at least one risk category')).toBeVisible();
  await expect(fieldError(app, 'Choose at least one borough the applicant would move to')).toBeVisible();
  await expect(fieldError(app, 'The applicant must consent before the referral can be recorded')).toBeVisible();
  await checkScreen(app, 'referral-errors');
  expect(await caseCount(harness)).toBe(0);

  // Wrong in detail: a date that does not exist, a bad postcode and too few boroughs.
  await form.fillValid('Hackney Council');
  await app.getByLabel('Date of birth').fill('31/02/1991');
  await app.getByLabel('Postcode').fill('LONDON');
  await app.locator('[data-borough-option="E09000009"]').uncheck();
  await expect(app.locator('[data-rule="below_minimum_boroughs"]')).toContainText('Only 4 boroughs are requested');
  await form.submit();
  await expect(fieldError(app, 'That date does not exist; check the day and month (day first, like 27/03/2026)')).toBeVisible();
  await expect(fieldError(app, 'Enter a UK postcode, like SE1 7TP')).toBeVisible();
  await checkScreen(app, 'referral-errors-detail');
  expect(await caseCount(harness)).toBe(0);

  // The current and unsafe boroughs cannot be chosen at all.
  await expect(app.locator('[data-borough-option="E09000012"]')).toBeDisabled();
  await expect(app.locator('[data-borough-option="E09000014"]')).toBeDisabled();

  await app.getByLabel('Date of birth').fill('14/07/1991');
  await app.getByLabel('Postcode').fill('e8 1aa');
  await app.locator('[data-borough-option="E09000009"]').check();
  await form.submit();
  await waitForScreen(app, 'case');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(/^Case PLHR-\d{4}-0001$/);
  await expect(app.getByText('Referral recorded.')).toBeVisible();
  const page = new CasePage(app);
  await page.expectState('Referral received');
  await checkScreen(app, 'case-referral-received');

  await page.move('Send the request to the landlord for approval');
  await page.expectState('Awaiting landlord approval');
  await expect(app.getByText("Chase the landlord's approval, due")).toBeVisible();
  await page.move("Record the landlord's approval");
  await page.expectState('Approved');
  // Circulation-ready: the next step is to circulate, within the week, counted in working days and said so.
  await expect(app.getByText("5 working days after the landlord's approval (weekends and bank holidays do not count)")).toBeVisible();
  // Sending goes through the circulation panel, which makes the pack and records who it went to (issue 9).
  await expect(app.getByRole('heading', { name: 'Circulate the request' })).toBeVisible();
  const timeline = app.getByRole('list', { name: 'Timeline, newest first' });
  await expect(timeline.getByRole('listitem')).toHaveCount(3);
  await expect(timeline.getByRole('listitem').first()).toContainText('Awaiting landlord approval → Approved');
  await checkScreen(app, 'case-approved');

  // A note and an update from the Nominating Officer join the timeline; the applicant's name stays off it.
  await app.getByLabel('What is it?').selectOption({ label: 'Update from the Nominating Officer' });
  await app.getByLabel('Note', { exact: true }).fill('NO phoned: applicant can view properties on weekdays only.');
  await app.getByRole('button', { name: 'Add to the timeline' }).click();
  await expect(timeline.getByRole('listitem')).toHaveCount(4);
  await expect(timeline).not.toContainText('Amara');
  await checkScreen(app, 'case-timeline');

  await shell.go('Cases', 'cases');
  await expect(app.getByRole('link', { name: /PLHR-\d{4}-0001/ })).toBeVisible();
  await app.getByLabel('Search by reference or applicant name').fill('okafor');
  await expect(app.getByText('1 case matches')).toBeVisible();
  await checkScreen(app, 'cases-list');

  await shell.go('Audit log', 'audit');
  await expect(app.getByText(/created from a referral/)).toBeVisible();
  await checkScreen(app, 'audit-log');
});

test('an overdue circulation shows on Home, and a withdrawal closes the case', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const landlord = await seedPartner(harness, { name: 'Islington Council', type: 'local_authority' });
  const overdue = await seedCase(harness, landlord);
  await seedTransition(harness, { id: overdue.id, to: 'awaiting_landlord_approval', effectiveOn: addDays(todayIso(), -18) });
  await seedTransition(harness, { id: overdue.id, to: 'approved', effectiveOn: addDays(todayIso(), -10) });
  const other = await seedCase(harness, landlord, {
    applicant: {
      fullName: 'Ruth Adeyemi',
      dateOfBirth: '1979-01-20',
      phone: '',
      email: '',
      safeContactNotes: '',
      address: { line1: '9 Road', line2: '', town: '', postcode: 'N7 6AB' },
    },
  });

  // Home read its figures before the seeding: visit it afresh.
  await new ShellPage(app).go('Cases', 'cases');
  await new ShellPage(app).go('Home', 'home');
  const overdueSection = app.getByRole('region', { name: /Overdue/ });
  await expect(overdueSection.getByRole('link', { name: overdue.reference })).toBeVisible();
  await expect(overdueSection).toContainText('Circulate the request');
  // Five working days after the approval ten days ago, whatever weekday today is.
  const due = addWorkingDays(addDays(todayIso(), -10), 5, DEFAULT_BANK_HOLIDAYS);
  const late = daysBetween(due, todayIso());
  await expect(overdueSection).toContainText(`Overdue by ${late} ${late === 1 ? 'day' : 'days'}`);
  await expect(overdueSection).toContainText('20 days');
  // The referral never sent to the landlord does not go quiet: it is overdue for "no progress".
  await expect(overdueSection.getByRole('link', { name: other.reference })).toBeVisible();
  await checkScreen(app, 'home-overdue');

  // The overdue filter of the case list finds the same case.
  await app
    .getByRole('link', { name: 'See them all in the case list' })
    .or(app.getByRole('link', { name: 'Cases', exact: true }))
    .first()
    .click();
  await waitForScreen(app, 'cases');
  const overdueOnly = app.getByLabel('Overdue only');
  await overdueOnly.click();
  await expect(overdueOnly).toBeChecked();
  await expect(app.getByText('2 cases match')).toBeVisible();

  // Withdrawal: the applicant no longer needs to move.
  await app.goto(`${new URL(app.url()).origin}/index.html#/cases/${other.id}`);
  await waitForScreen(app, 'case');
  const page = new CasePage(app);
  await app.getByRole('button', { name: 'Withdraw the case', exact: true }).click();
  const dialog = app.locator('dialog[data-dialog="transition"]');
  await dialog.getByRole('button', { name: 'Withdraw the case' }).click();
  await expect(dialog.getByText('Record why the applicant no longer needs to move.').first()).toBeVisible();
  await checkScreen(app, 'case-withdraw-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.move('Withdraw the case', { reason: 'Applicant reconciled with family and no longer needs to move' });
  await page.expectState('Withdrawn');
  await page.move('Close the case', { closureReason: 'Withdrawn: no longer needs to move' });
  await page.expectState('Closed');
  await expect(app.getByText('This case is closed. Notes can still be added to its timeline.')).toBeVisible();
  await checkScreen(app, 'case-withdrawn-closed');
});

test('boroughs added after circulation mark the case for re-circulation; hold and resume', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const landlord = await seedPartner(harness, { name: 'Peabody' });
  await seedPartner(harness, { name: 'Barnet Homes', stockBoroughs: ['E09000003'] });
  const c = await seedCase(harness, landlord);
  await seedCirculatedCase(harness, c.id);
  await app.goto(`${new URL(app.url()).origin}/index.html#/cases/${c.id}`);
  await waitForScreen(app, 'case');
  const page = new CasePage(app);
  await page.expectState('Circulated');
  await app.getByRole('button', { name: 'Add boroughs' }).click();
  const dialog = app.locator('dialog[data-dialog="add-boroughs"]');
  await dialog.locator('[data-borough-option="E09000011"]').check();
  await expect(dialog.locator('[data-borough-option="E09000019"]')).toBeDisabled();
  await checkScreen(app, 'case-add-boroughs');
  await dialog.getByRole('button', { name: 'Add boroughs' }).click();
  await expect(app.getByText('The request has changed since it was circulated')).toBeVisible();
  await expect(app.getByText('Re-circulate the request, due')).toBeVisible();

  await page.move('Put the case on hold', { reason: 'Applicant in hospital for two weeks' });
  await page.expectState('On hold');
  await expect(app.getByText('(was Circulated)')).toBeVisible();
  await page.move("Resume as 'Circulated'");
  await page.expectState('Circulated');
  // Re-circulated with its pack recorded (issue 9's own spec sends it through the circulation panel); nobody holds
  // stock in the new borough, so it goes to everyone on the list again.
  await seedCirculation(harness, c.id, 'everyone');
  await new ShellPage(app).go('Home', 'home');
  await app.goto(`${new URL(app.url()).origin}/index.html#/cases/${c.id}`);
  await waitForScreen(app, 'case');
  await expect(app.getByText('The request has changed since it was circulated')).toBeHidden();
  await checkScreen(app, 'case-recirculated');

  // Edit with audit: the change and its reason land in the case's audit log.
  await app.getByRole('link', { name: 'Edit details' }).click();
  await waitForScreen(app, 'referral-edit');
  await app.getByLabel('Phone (optional)').fill('07700 900456');
  await app.getByLabel('Why the details changed (optional)').fill('New safe number from the Nominating Officer');
  await checkScreen(app, 'referral-edit');
  await app.getByRole('button', { name: 'Save changes' }).click();
  await waitForScreen(app, 'case');
  await expect(app.getByText('Changes saved.')).toBeVisible();
  await expect(app.getByText('Details updated: applicant')).toBeVisible();
  await app.getByRole('link', { name: 'Audit log for this case' }).click();
  await waitForScreen(app, 'audit');
  const edit = app.getByRole('row', { name: /Case details changed/ });
  await edit.getByText('1 field').click();
  await expect(edit.getByRole('cell', { name: '07700 900456' })).toBeVisible();
  await expect(edit).toContainText('Why: New safe number from the Nominating Officer');
  await checkScreen(app, 'audit-case');
});

test('settings: case policy and audit log verification', async ({ app }) => {
  await setUpAndOpen(app);
  await new ShellPage(app).go('Settings', 'settings');
  await app.getByLabel('Minimum number of requested boroughs').fill('0');
  await app.getByRole('button', { name: 'Save case policy' }).click();
  await expect(app.getByText('The minimum must be at least 1 borough')).toBeVisible();
  await app.getByLabel('Minimum number of requested boroughs').fill('6');
  await app.getByRole('button', { name: 'Save case policy' }).click();
  await expect(app.getByText('Case policy saved.')).toBeVisible();
  await app.getByRole('button', { name: 'Verify the audit log' }).click();
  // The check runs on the job runner, in a worker thread with its own connection to the encrypted store.
  await expect(app.getByText(/Audit log verified: all \d+ entries are intact/)).toBeVisible({ timeout: KEY_STRETCH_TIMEOUT });
  await checkScreen(app, 'settings-cases');
});

test('a referral from a suspended landlord goes ahead only with a recorded override reason', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await seedPartner(harness, { name: 'Suspended Homes', status: 'suspended', statusChangedOn: '2026-01-05' });
  await new ShellPage(app).go('Cases', 'cases');
  const form = new ReferralFormPage(app);
  await form.open();
  await form.fillValid('Suspended Homes (suspended)');

  // The form says so as soon as the landlord is chosen, and asks why.
  const warning = app.locator('[data-rule="landlord_suspended"]');
  await expect(warning).toContainText('Needs an override.');
  await expect(warning).toContainText('Suspended Homes is suspended from the scheme. You can go ahead only by recording why.');
  const reason = app.getByLabel('Why go ahead although the landlord is suspended');
  await expect(reason).toBeVisible();

  // Without a reason nothing is saved, and the reason box says what is missing.
  await form.submit();
  await expect(app.getByRole('alert').first()).toContainText('Nothing was saved.');
  await expect(fieldError(app, 'Record why you are going ahead although the landlord is suspended')).toBeVisible();
  await expect(app.locator('.error-summary')).toBeFocused();
  expect(await caseCount(harness)).toBe(0);
  await checkScreen(app, 'referral-override-needed');

  // The summary leads to the reason box, by keyboard; with a reason, the case is recorded, and the override with
  // its reason and who made it.
  await app.keyboard.press('Tab');
  await app.keyboard.press('Enter');
  await expect(reason).toBeFocused();
  await app.keyboard.type('Named Lead confirmed by phone that the suspension ends this week; the applicant cannot wait.');
  await form.submit();
  await waitForScreen(app, 'case');
  await expect(app.getByText('Referral recorded.')).toBeVisible();
  await expect(
    app.getByText(/^Suspended landlord overridden by Sam Coordinator on \d\d\/\d\d\/\d{4} \d\d:\d\d: Named Lead confirmed by phone that the suspension ends/),
  ).toBeVisible();
  expect(await caseCount(harness)).toBe(1);
  await checkScreen(app, 'case-override-recorded');

  // The audit log keeps the reason with the entry that created the case.
  await app.getByRole('link', { name: 'Audit log for this case' }).click();
  await waitForScreen(app, 'audit');
  await expect(app.getByRole('row', { name: /Case created/ })).toContainText('Named Lead confirmed by phone that the suspension ends this week');
});

test('a coordinator using only the keyboard can find and fix the referral form’s errors', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  await new ShellPage(app).go('Cases', 'cases');

  // A new screen starts at its heading; the next Tab reaches its actions.
  await expect(app.getByRole('heading', { level: 1, name: 'Cases' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('link', { name: 'New referral' })).toBeFocused();
  await app.keyboard.press('Enter');
  await waitForScreen(app, 'referral');
  await expect(app.getByRole('heading', { level: 1, name: 'New referral' })).toBeFocused();
  // The registered check comes first, then the way out for an enquiry that cannot be a referral, then the form.
  await app.keyboard.press('Tab');
  await expect(app.getByLabel("Landlord's name")).toBeFocused();
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  await expect(app.getByRole('link', { name: 'Record it as an enquiry' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByLabel('Date the referral was received')).toBeFocused();

  // Enter in a field submits; focus goes to the summary, whose entries lead to their fields.
  await app.keyboard.press('Enter');
  const summary = app.locator('.error-summary');
  await expect(summary).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(summary.getByRole('button', { name: 'Enter the name of the referring agency' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Referring agency', { exact: true })).toBeFocused();
  await app.keyboard.type('Hackney Domestic Abuse Service');
  await summary.getByRole('button', { name: 'Say whether the household is in temporary accommodation' }).focus();
  await app.keyboard.press('Enter');
  const temporary = app.getByRole('group', { name: 'Is the household in temporary accommodation?', exact: true });
  await expect(temporary.getByLabel('Yes')).toBeFocused();
  // Arrow keys choose within a group of radios.
  await app.keyboard.press('ArrowRight');
  await expect(temporary.getByLabel('No')).toBeChecked();

  // Adding a household member takes focus to the first thing to type; removing one leaves it on the add buttons.
  await app.getByRole('button', { name: 'Add a child' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByLabel('Year of birth (member 1)')).toBeFocused();
  await app.keyboard.type('2019');
  await app.getByRole('button', { name: 'Remove member 1' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Add an adult' })).toBeFocused();

  // Space ticks the consent box.
  await app.getByLabel('The applicant has given consent').focus();
  await app.keyboard.press('Space');
  await expect(app.getByLabel('The applicant has given consent')).toBeChecked();
  await checkScreen(app, 'referral-keyboard');

  // The rest filled in, Enter records the referral and the case page starts at its heading.
  await new ReferralFormPage(app).fillValid('Hackney Council');
  await app.getByLabel('Postcode').focus();
  await app.keyboard.press('Enter');
  await waitForScreen(app, 'case');
  await expect(app.getByRole('heading', { level: 1, name: /^Case PLHR-\d{4}-0001$/ })).toBeFocused();
});
