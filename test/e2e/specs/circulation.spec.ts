import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { CasePage } from '../pages/cases-pages';
import { CirculationPanel, seedApprovedCase, seedDirectory } from '../pages/circulation-pages';
import { formatUkDate } from '../../../contract/dates';
import { todayIso } from '../../../contract/calendar-date';

let out: string;
test.beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-e2e-packs-'));
});
test.afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

test('preview, encrypt and send a pack; the case lists its recipients; adding a borough asks for re-circulation to new partners', async ({ app, harness }) => {
  test.slow();
  await setUpAndOpen(app);
  const d = await seedDirectory(harness);
  const c = await seedApprovedCase(harness, d.landlord);
  const circulation = new CirculationPanel(app);
  await circulation.openCase(c.id);

  await expect(circulation.panel.getByRole('heading', { name: 'Circulate the request' })).toBeVisible();
  await expect(circulation.recipientRow('Peabody')).toContainText('Lee Lettings');
  await expect(circulation.recipientRow('Clarion Housing')).toContainText('Barnet');
  await circulation.panel.getByText(/^Not receiving it/).click();
  await expect(circulation.panel.getByText('Paused Homes')).toBeVisible();

  // The first page, drawn by pdf.js in the page under the app's CSP, with no request made (the fixture checks).
  await circulation.preview();
  await checkScreen(app, 'circulation-preview');

  const file = path.join(out, `${c.reference} property request.pdf`);
  harness.dialogs.saveQueue.push(file);
  await expect(circulation.panel.getByLabel(/Encrypt the pack/)).toBeChecked();
  await circulation.send();
  const passphrase = (await app.getByTestId('circulation-sent').locator('.circulation-passphrase').textContent()) ?? '';
  expect(passphrase.split(' ').length).toBeGreaterThanOrEqual(5);
  await expect(app.getByTestId('circulation-sent')).toContainText('Never put it in the same email');
  expect(execFileSync('qpdf', [`--password=${passphrase}`, '--show-encryption', file], { encoding: 'utf8' })).toMatch(/^R = 6$/m);
  await new CasePage(app).expectState('Circulated');

  // The case page answers "did Peabody get this?".
  const history = app.locator('.circulation-history');
  await expect(history.getByRole('table', { name: `Recipients on ${formatUkDate(todayIso())}` })).toContainText('Peabody');
  await expect(history).toContainText('Clarion Housing');
  await history.getByLabel('Did a partner receive it?').fill('Peabody');
  await expect(app.getByTestId('circulation-answer')).toHaveText(`Yes: on ${formatUkDate(todayIso())}.`);
  await checkScreen(app, 'circulation-sent');

  // A new borough, and a partner with stock there: re-circulation, to the new partner only by default.
  await seedPartner(harness, { name: 'Westway Homes', stockBoroughs: ['E09000033'] });
  await app.getByRole('button', { name: 'Add boroughs' }).click();
  const dialog = app.locator('dialog[data-dialog="add-boroughs"]');
  await dialog.locator('[data-borough-option="E09000033"]').check();
  await dialog.getByRole('button', { name: 'Add boroughs' }).click();
  await expect(circulation.panel.getByRole('heading', { name: 'Re-circulate the request' })).toBeVisible();
  await expect(circulation.panel).toContainText('Boroughs added: Westminster.');
  await expect(circulation.recipientRow('Westway Homes')).toContainText('New partner');
  await expect(circulation.recipientRow('Peabody')).toHaveCount(0);
  await circulation.panel.getByText(/^Not receiving it/).click();
  await expect(circulation.panel).toContainText(`Peabody: Already received this request on ${formatUkDate(todayIso())}`);
  await checkScreen(app, 'circulation-recirculate');
  await circulation.panel.getByLabel('Every partner on the distribution list').check();
  await expect(circulation.recipientRow('Peabody')).toContainText('Received before');

  // The partner page lists the requests it received.
  await new ShellPage(app).go('Partners', 'partners');
  await app.getByRole('link', { name: 'Peabody' }).click();
  await waitForScreen(app, 'partner');
  await expect(app.getByRole('heading', { name: 'Requests received (1)' })).toBeVisible();
  await expect(app.getByRole('link', { name: c.reference })).toBeVisible();
  await checkScreen(app, 'partner-requests');
});

test('a case whose boroughs have no active partner cannot be sent, and says why', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const d = await seedDirectory(harness);
  const c = await seedApprovedCase(harness, d.landlord, { requestedBoroughs: ['E09000020', 'E09000021'], requestedBoroughsReason: 'Only these two are safe' });
  const circulation = new CirculationPanel(app);
  await circulation.openCase(c.id);
  await expect(app.getByTestId('circulation-empty')).toContainText('The distribution list is empty');
  await expect(app.getByTestId('circulation-blocked')).toContainText(
    'No active partner with a circulation contact holds stock in any of the requested boroughs',
  );
  await expect(circulation.panel.getByRole('button', { name: 'Save the pack and mark it sent' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Circulate the request' })).toHaveCount(0);
  await checkScreen(app, 'circulation-blocked');
});

test('batch circulation of several approved cases, with progress', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const d = await seedDirectory(harness);
  const cases = [await seedApprovedCase(harness, d.landlord), await seedApprovedCase(harness, d.landlord), await seedApprovedCase(harness, d.landlord)];
  await new ShellPage(app).go('Circulation', 'circulation-batch');
  for (const c of cases) await expect(app.getByRole('link', { name: c.reference })).toBeVisible();
  await checkScreen(app, 'circulation-batch');
  const folder = path.join(out, 'Property requests');
  harness.dialogs.saveQueue.push(folder);
  await app.getByRole('button', { name: 'Circulate 3 cases' }).click();
  await expect(app.locator('#batch-progress')).toBeVisible();
  const result = app.getByTestId('batch-result');
  // Three packs with embedded fonts, made on the job runner: on two busy cores this can take a while.
  await expect(result.getByRole('heading', { name: '3 sent' })).toBeVisible({ timeout: 90_000 });
  await expect(result.locator('.circulation-passphrase')).toHaveCount(3);
  expect(fs.readdirSync(folder).sort()).toEqual(cases.map((c) => `${c.reference} property request.pdf`).sort());
  await checkScreen(app, 'circulation-batch-done');
});
