import { formatUkDate } from '../../../contract/dates';
import { todayIso } from '../../../contract/calendar-date';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { clickShape, openPartner, PartnerFormPage, PartnersListPage, seedPartner } from '../pages/partners-pages';

/** The message shown at a field (not the copy in the summary at the top of the form). */
const fieldError = (app: Page, text: string) => app.locator('.field__error', { hasText: text }).first();

const HEADER =
  'partner_name,partner_type,status,status_changed_on,joined_on,stock_boroughs,approval_route_notes,contact_kind,contact_name,contact_role,contact_phone,contact_email,contact_secure_email';

test('add a partner by clicking the map, find it, suspend it, and the registered check says suspended', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const shell = new ShellPage(app);
  await shell.go('Partners', 'partners');
  await checkScreen(app, 'partners-empty');

  await app.getByRole('link', { name: 'Add a partner' }).click();
  await waitForScreen(app, 'partner-form');
  const form = new PartnerFormPage(app);

  // Saving an empty form shows each problem at its field, and saves nothing.
  await form.save();
  await expect(app.getByRole('alert').first()).toContainText('fields need attention');
  await expect(fieldError(app, "Enter the partner's name")).toBeVisible();
  await expect(fieldError(app, 'Choose local authority or housing association')).toBeVisible();
  await expect(form.contact(0).getByText("Enter the contact's name")).toBeVisible();
  await checkScreen(app, 'partner-form-errors');

  await form.fillPartner('Safe Homes Housing Association', 'Housing association (registered provider)');
  await app.getByLabel('Approval route notes').fill('Emergency panel, meets Tuesdays');
  await form.fillContact(0, {
    name: 'Amira Okafor',
    role: 'Head of Housing Needs',
    phone: '020 7946 0018',
    email: 'amira.okafor@safehomes.example',
    secureEmail: 'amira.okafor@safehomes.example.cjsm.net',
  });
  await app.getByRole('button', { name: 'Add a Named Lead' }).click();
  await form.fillContact(1, { name: 'Ben Walsh', role: 'Lettings Manager', phone: '020 7946 0019', email: 'ben.walsh@safehomes.example' });

  for (const borough of ['Camden', 'Hackney', 'Southwark']) await form.clickBorough(borough);
  await expect(app.locator('.picker__summary')).toHaveText('3 chosen: Camden, Hackney, Southwark.');
  // The list shows the same choice as the map.
  for (const borough of ['Camden', 'Hackney', 'Southwark']) await expect(app.getByRole('checkbox', { name: borough, exact: true }).last()).toBeChecked();
  await checkScreen(app, 'partner-form-filled');

  await form.save();
  await waitForScreen(app, 'partner');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Safe Homes Housing Association');
  await expect(app.locator('.partner-contacts tbody tr')).toHaveCount(2);
  await expect(app.locator('.inline-list li')).toHaveText(['Camden', 'Hackney', 'Southwark']);
  await expect(app.locator('.partner-history li')).toHaveCount(1);
  await checkScreen(app, 'partner-page');

  // Another partner, so that search has something to leave out.
  await seedPartner(harness, { name: 'Peabody', stockBoroughs: ['E09000028'] });
  await shell.go('Partners', 'partners');
  const list = new PartnersListPage(app);
  await list.expectNames(['Peabody', 'Safe Homes Housing Association']);
  await list.search('safe homes');
  await list.expectNames(['Safe Homes Housing Association']);
  await expect(app.locator('.partners-count')).toHaveText('1 partner matches these filters');
  await list.search('ben.walsh');
  await list.expectNames(['Safe Homes Housing Association']);
  await checkScreen(app, 'partners-search');

  await openPartner(app, 'Safe Homes Housing Association');
  // Nothing is chosen for the coordinator: suspending a partner is deliberate, with the day it took effect.
  await expect(app.getByLabel('New status')).toHaveValue('');
  await app.getByLabel('New status').selectOption({ label: 'Suspended' });
  await app.getByLabel('From (dd/mm/yyyy)').fill(formatUkDate(todayIso()));
  await app.getByRole('button', { name: 'Suspend' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Status changed to Suspended.' })).toBeVisible();
  await expect(app.locator('.details .badge')).toHaveText('Suspended');
  await expect(app.locator('.partner-history li').first()).toContainText('status: Active → Suspended');

  await shell.go('Partners', 'partners');
  const answer = await list.checkRegistered('safe homes housing association');
  await expect(answer).toHaveAttribute('data-registration', 'suspended');
  await expect(answer).toContainText(/Safe Homes Housing Association is registered but suspended since \d\d\/\d\d\/\d{4}/);
  await checkScreen(app, 'registered-check-suspended');

  const unknown = await list.checkRegistered('Homes');
  await expect(unknown).toHaveAttribute('data-registration', 'not_registered');
  await expect(unknown.getByRole('link', { name: 'Safe Homes Housing Association' })).toBeVisible();

  // Filters: suspended only, then by borough.
  await list.search('');
  await app.getByLabel('Status', { exact: true }).selectOption({ label: 'Suspended' });
  await list.expectNames(['Safe Homes Housing Association']);
  await app.getByLabel('Status', { exact: true }).selectOption({ label: 'Any status' });
  await app.getByLabel('Holds stock in').selectOption({ label: 'Southwark' });
  await list.expectNames(['Peabody', 'Safe Homes Housing Association']);
  await app.getByRole('button', { name: /^Name/ }).click();
  await list.expectNames(['Safe Homes Housing Association', 'Peabody']);
});

test('import a CSV with good and bad rows: preview, cancel, then confirm the valid rows; export it back', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await seedPartner(harness, { name: 'Peabody', stockBoroughs: ['E09000028'] });
  const file = path.join(harness.dataDir, 'contact list.csv');
  fs.writeFileSync(
    file,
    '\uFEFF' +
      [
        `${HEADER},Notes to self`,
        'Peabody,Housing association,Active,01/04/2020,01/04/2020,Southwark; LB Lambeth,,Named Lead,Pat Lead,Lettings manager,020 7946 0100,pat@example.org.uk,,ignored',
        'London Borough of Hackney,Local authority,Active,01/04/2019,01/04/2019,Hackney,"Emergency panel, meets Tuesdays",Named Lead,Jo Bloggs,Housing Needs Manager,020 7946 0001,jo.bloggs@hackney.example,,',
        'London Borough of Hackney,Local authority,Active,01/04/2019,01/04/2019,Hackney,"Emergency panel, meets Tuesdays",Lettings,Ali Khan,,020 7946 0002,,,',
        'Riverside Homes,Housing association,Active,01/04/2021,01/04/2021,Hammersmith & Fulham; Kensington & Chelsea,,Named Lead,Sam Patel,,,sam.patel@riverside.example,,',
        'Broken Homes,Housing association,Active,01/04/2021,01/04/2021,Narnia,,Named Lead,Chris Doe,,020 7946 0003,,,',
        'No Lead Housing,Housing association,Active,01/04/2021,01/04/2021,Camden,,Lettings,Dee Lettings,,020 7946 0004,,,',
        'Bad Email Trust,Housing association,Active,01/04/2021,01/04/2021,Camden,,Named Lead,Eve Mail,,,eve@@example,,',
      ].join('\r\n'),
  );

  const shell = new ShellPage(app);
  await shell.go('Partners', 'partners');
  await app.getByRole('link', { name: 'Import CSV' }).click();
  await waitForScreen(app, 'partners-import');
  await checkScreen(app, 'import-start');

  harness.dialogs.openQueue.push(file);
  await app.getByRole('button', { name: 'Choose CSV file…' }).click();
  const preview = app.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(app.getByTestId('import-adds').locator('tbody tr')).toHaveCount(2);
  await expect(app.getByTestId('import-adds')).toContainText('London Borough of Hackney');
  await expect(app.getByTestId('import-adds')).toContainText('Hammersmith and Fulham, Kensington and Chelsea');
  await expect(app.getByTestId('import-updates')).toContainText('Stock boroughs added: Lambeth');
  const errors = app.getByTestId('import-errors');
  await expect(errors).toContainText('Stock borough "Narnia" is not a London borough');
  await expect(errors).toContainText('An active partner needs at least one Named Lead');
  await expect(errors).toContainText('Enter an email address like name@council.gov.uk (not "eve@@example")');
  await expect(errors.locator('tbody tr').first().locator('td').first()).toHaveText('6');
  await expect(preview).toContainText('Column "Notes to self" is not used and was ignored');
  await checkScreen(app, 'import-preview');

  // Cancel: nothing was written.
  await app.getByRole('button', { name: 'Cancel' }).click();
  await shell.go('Partners', 'partners');
  await new PartnersListPage(app).expectNames(['Peabody']);

  await app.getByRole('link', { name: 'Import CSV' }).click();
  await waitForScreen(app, 'partners-import');
  harness.dialogs.openQueue.push(file);
  await app.getByRole('button', { name: 'Choose CSV file…' }).click();
  await app.getByRole('button', { name: 'Confirm: add 2 and update 1' }).click();
  await expect(app.getByTestId('import-outcome')).toHaveText(/Import complete: 2 partners added, 1 updated, 3 skipped because of errors/);
  await checkScreen(app, 'import-done');
  await shell.go('Partners', 'partners');
  await new PartnersListPage(app).expectNames(['London Borough of Hackney', 'Peabody', 'Riverside Homes']);

  // A file in the wrong encoding is refused as a whole, saying why.
  const latin1 = path.join(harness.dataDir, 'latin1.csv');
  fs.writeFileSync(latin1, Buffer.from(`${HEADER}\r\nZo\xeb Homes,Housing association,Active,01/04/2021,01/04/2021,Camden,,,,,,,\r\n`, 'latin1'));
  await app.getByRole('link', { name: 'Import CSV' }).click();
  await waitForScreen(app, 'partners-import');
  harness.dialogs.openQueue.push(latin1);
  await app.getByRole('button', { name: 'Choose CSV file…' }).click();
  await expect(app.getByRole('alert')).toContainText('The file is not UTF-8 text (near line 2)');
  await checkScreen(app, 'import-file-error');

  // Export writes the same format; importing it back changes nothing.
  await shell.go('Partners', 'partners');
  const exported = path.join(harness.dataDir, 'export.csv');
  harness.dialogs.saveQueue.push(exported);
  await app.getByRole('button', { name: 'Export CSV' }).click();
  await expect(app.getByText('Saved 3 partners (4 rows) to export.csv.')).toBeVisible();
  const bytes = fs.readFileSync(exported);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // The export adds the partners' other names as the last column; files without it still import.
  expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(`${HEADER},partner_aliases`);
  await app.getByRole('link', { name: 'Import CSV' }).click();
  await waitForScreen(app, 'partners-import');
  harness.dialogs.openQueue.push(exported);
  await app.getByRole('button', { name: 'Choose CSV file…' }).click();
  await expect(app.locator('.import-summary')).toContainText('0 to add');
  await expect(app.locator('.import-summary')).toContainText('0 to update');
  await expect(app.locator('.import-summary')).toContainText('3 unchanged');
  await expect(app.getByText('There is nothing in this file to add or update.')).toBeVisible();
});

test('the coverage map shading changes as partners are added, and leads to them', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const shell = new ShellPage(app);
  await shell.go('Boroughs', 'boroughs');
  const camden = app.getByRole('group', { name: "Coverage map of London's boroughs" }).getByRole('link', { name: 'Camden: 0 active partners' });
  await expect(camden).toHaveClass(/map__borough--band0/);
  await expect(app.locator('[data-borough-row="E09000007"]')).toHaveText('CamdenNone');
  await checkScreen(app, 'boroughs-empty');

  await seedPartner(harness, { name: 'Camden Council', type: 'local_authority', stockBoroughs: ['E09000007', 'E09000019'] });
  await seedPartner(harness, { name: 'Peabody', stockBoroughs: ['E09000007', 'E09000028'] });
  await seedPartner(harness, { name: 'Suspended Homes', status: 'suspended', stockBoroughs: ['E09000007'] });
  await shell.go('Partners', 'partners');
  await shell.go('Boroughs', 'boroughs');
  const map = app.getByRole('group', { name: "Coverage map of London's boroughs" });
  const camdenNow = map.getByRole('link', { name: 'Camden: 2 active partners' });
  await expect(camdenNow).toHaveClass(/map__borough--band2/);
  await expect(map.getByRole('link', { name: 'Islington: 1 active partner' })).toHaveClass(/map__borough--band1/);
  await expect(app.locator('[data-borough-row="E09000007"] .coverage-list__count')).toHaveText('2');
  await checkScreen(app, 'boroughs-coverage');

  // Click through, by mouse on the map: the partners list, filtered to active partners with stock there.
  await clickShape(app, camdenNow);
  await waitForScreen(app, 'partners');
  await expect(app.getByLabel('Holds stock in')).toHaveValue('E09000007');
  await new PartnersListPage(app).expectNames(['Camden Council', 'Peabody']);

  // And by keyboard: the map is one tab stop; arrows move, Enter opens.
  await shell.go('Boroughs', 'boroughs');
  await app.getByRole('link', { name: 'Barking and Dagenham: 0 active partners' }).focus();
  await app.keyboard.press('End');
  await expect(app.getByRole('link', { name: 'Westminster: 0 active partners' })).toBeFocused();
  await app.keyboard.press('Enter');
  await waitForScreen(app, 'partners');
  await expect(app.getByLabel('Holds stock in')).toHaveValue('E09000033');
});

test('a coordinator using only the keyboard can complete the borough picker', async ({ app }) => {
  await setUpAndOpen(app);
  await new ShellPage(app).go('Partners', 'partners');
  await app.getByRole('link', { name: 'Add a partner' }).click();
  await waitForScreen(app, 'partner-form');

  // Tab from the last field before the picker: the map takes one tab stop, on the first borough A to Z.
  await app.getByLabel('Approval route notes').focus();
  await app.keyboard.press('Tab');
  const focused = app.locator(':focus');
  await expect(focused).toHaveAttribute('role', 'checkbox');
  await expect(focused).toHaveAccessibleName('Barking and Dagenham');
  await app.keyboard.press('Space');
  await expect(focused).toHaveAttribute('aria-checked', 'true');

  // Arrow keys walk to neighbouring boroughs on the map; each is announced by name.
  await app.keyboard.press('ArrowLeft');
  await expect(app.locator(':focus')).toHaveAccessibleName('Newham');
  await app.keyboard.press('Enter');
  await app.keyboard.press('End');
  await expect(app.locator(':focus')).toHaveAccessibleName('Westminster');
  await app.keyboard.press('Space');
  await app.keyboard.press('Space');
  await app.keyboard.press('Space');
  await expect(app.locator('.picker__summary')).toHaveText('3 chosen: Barking and Dagenham, Newham, Westminster.');

  // The next Tab leaves the map for the alphabetical list, where Space ticks a box too.
  await app.keyboard.press('Tab');
  await expect(app.locator(':focus')).toHaveAttribute('data-borough-option', 'E09000002');
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  await expect(app.locator(':focus')).toHaveAttribute('data-borough-option', 'E09000004');
  await app.keyboard.press('Space');
  await expect(app.locator('.picker__summary')).toHaveText('4 chosen: Barking and Dagenham, Bexley, Newham, Westminster.');
  await checkScreen(app, 'borough-picker-keyboard');
});
