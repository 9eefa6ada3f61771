import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { ReferralFormPage, caseCount, seedCase, seedTransition } from '../pages/cases-pages';
import { addDays, todayIso } from '../../../contract/calendar-date';

/*
 * The scheme's rules as a coordinator meets them on screen (issue 7): an enquiry that cannot become a case, a
 * referral for someone who already has an open case, and chasing a landlord that has not answered.
 */

const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };

test('an out-of-London enquiry is recorded with its signposting and no applicant details', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await app.getByRole('link', { name: 'Record an enquiry' }).click();
  await waitForScreen(app, 'enquiry');
  await checkScreen(app, 'enquiry-new');

  await app.getByLabel('Type of agency that asked').selectOption({ label: 'Domestic abuse or VAWG service' });
  await app.getByRole('group', { name: 'Why it did not become a referral' }).getByLabel('Wants to move out of London').check();
  const signposts = app.getByRole('group', { name: 'Where you signposted them' });
  // The scheme's own page names where to go instead; the form says so, and main insists on it.
  await expect(signposts).toContainText('Signpost to Homefinder UK and Housing Moves Seaside and Country Homes');
  await signposts.getByLabel('Homefinder UK').check();
  await app.getByRole('button', { name: 'Record enquiry' }).click();
  await expect(app.locator('.field__error', { hasText: 'record that you signposted to Housing Moves Seaside and Country Homes' })).toBeVisible();
  await checkScreen(app, 'enquiry-signposting-needed');

  await signposts.getByLabel('Housing Moves Seaside and Country Homes').check();
  await app.getByLabel('Notes (optional)').fill('Wants to be nearer her sister in Kent.');
  await app.getByRole('button', { name: 'Record enquiry' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Enquiry recorded (Wants to move out of London)' })).toBeVisible();
  const recent = app.getByRole('table', { name: 'Recent enquiries, newest first' });
  await expect(recent).toContainText('Homefinder UK; Housing Moves Seaside and Country Homes');
  await checkScreen(app, 'enquiry-recorded');

  // Counted for the reports; no case was made.
  const counts = await harness.app.registry.dispatch('enquiries.count', { from: addDays(todayIso(), -365), to: todayIso() }, SENDER);
  expect(counts.ok && (counts.value as { total: number }).total).toBe(1);
  expect(await caseCount(harness)).toBe(0);
});

test('a referral for someone with an open case is warned about, with a link to that case, before it is saved', async ({ app, harness }) => {
  await setUpAndOpen(app);
  // A partner with no stock boroughs: nobody would receive a request, and the form says so.
  const landlord = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  const open = await seedCase(harness, landlord);
  await new ShellPage(app).go('Cases', 'cases');
  const form = new ReferralFormPage(app);
  await form.open();
  await expect(app.getByText('Record it as an enquiry')).toBeVisible();
  await form.fillValid('Hackney Council');
  await app.getByLabel('Full name').fill('Grace Mensah');
  await app.getByLabel('Date of birth').fill('2 May 1988');

  const warning = app.locator('[data-duplicate-warning]');
  await expect(warning).toContainText('This may be someone who already has an open case.');
  const link = warning.getByRole('link', { name: `Open case ${open.reference}` });
  await expect(link).toHaveAttribute('href', `#/cases/${open.id}`);
  await expect(warning).toContainText('the same name and date of birth');
  await expect(app.locator('[data-coverage-warning]')).toContainText('Nobody would receive this request for Barnet, Brent, Camden, Croydon and Ealing');
  await checkScreen(app, 'referral-duplicate');

  // Main refuses it until the coordinator has checked: nothing is saved.
  await form.submit();
  await expect(app.getByRole('alert').first()).toContainText(`This may be the same person as open case ${open.reference}`);
  expect(await caseCount(harness)).toBe(1);

  await warning.getByLabel('I have checked: this is a different person').check();
  await form.submit();
  await waitForScreen(app, 'case');
  await expect(app.getByText('Referral recorded.')).toBeVisible();
  expect(await caseCount(harness)).toBe(2);
});

test('recording a chase puts it on the timeline and moves the chase deadline on', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const landlord = await seedPartner(harness, { name: 'Islington Council', type: 'local_authority', stockBoroughs: ['E09000003', 'E09000005'] });
  const c = await seedCase(harness, landlord);
  await seedTransition(harness, { id: c.id, to: 'awaiting_landlord_approval', effectiveOn: addDays(todayIso(), -19) });
  await app.goto(`${new URL(app.url()).origin}/index.html#/cases/${c.id}`);
  await waitForScreen(app, 'case');

  // Who approves, and how to reach them, beside the overdue chase with its rule in words.
  const lead = app.getByRole('region', { name: 'Named Lead at Islington Council' });
  await expect(lead).toContainText('Pat Lead');
  await expect(lead).toContainText('020 7946 0100');
  const next = app.getByRole('region', { name: 'Next steps' });
  await expect(next).toContainText("Chase the landlord's approval");
  await expect(next).toContainText('Overdue by');
  await expect(next).toContainText('10 working days after the request went to the landlord, then 5 working days after each chase');
  await expect(app.locator('[data-coverage-warning]')).toContainText('Nobody would receive this request for Camden, Croydon and Ealing');

  await app.getByRole('button', { name: 'Record a chase of the landlord' }).click();
  const dialog = app.locator('dialog[data-dialog="chase"]');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('How, and what was said (optional)').fill('Emailed the Named Lead; panel meets on Tuesday.');
  await checkScreen(app, 'case-chase-dialog');
  await dialog.getByRole('button', { name: 'Record the chase' }).click();
  await expect(dialog).toBeHidden();

  await expect(app.getByText('Chase recorded.')).toBeVisible();
  await expect(next).not.toContainText('Overdue by');
  await expect(next).toContainText('Due in');
  const timeline = app.getByRole('list', { name: 'Timeline, newest first' });
  await expect(timeline.getByRole('listitem').first()).toContainText('Chased the landlord');
  await expect(timeline.getByRole('listitem').first()).toContainText('Emailed the Named Lead; panel meets on Tuesday.');
  await checkScreen(app, 'case-chased');
});
