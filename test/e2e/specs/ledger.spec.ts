import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { seedCase, seedTransition } from '../pages/cases-pages';
import { LedgerPage, seedMove } from '../pages/ledger-pages';

/** Three moves out of one partner's stock, its fourth referral blocked at approval, overridden, and the ledger showing it all (issue 11). */

const BARNET = 'E09000003';
const BRENT = 'E09000005';

test('the cap blocks a fourth referral at approval, an override lets it through, and the ledger explains it line by line', async ({ app, harness }) => {
  test.slow();
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority', stockBoroughs: ['E09000012'] });
  const barnet = await seedPartner(harness, { name: 'Barnet Homes', stockBoroughs: [BARNET] });
  const brent = await seedPartner(harness, { name: 'Brent Council', type: 'local_authority', stockBoroughs: [BRENT] });
  // The fourth referral came in before the third move completed.
  const fourth = await seedCase(harness, hackney);
  await seedTransition(harness, { id: fourth.id, to: 'awaiting_landlord_approval' });
  const moves = [
    await seedMove(harness, hackney, barnet, BARNET),
    await seedMove(harness, hackney, brent, BRENT),
    await seedMove(harness, hackney, barnet, BARNET),
  ];
  const refs = moves.map((m) => m.reference);

  // Home lists the partner at the cap.
  const shell = new ShellPage(app);
  await shell.go('Cases', 'cases');
  await shell.go('Home', 'home');
  await expect(app.getByTestId('home-at-cap')).toContainText('Hackney Council: 3 of 3 not yet reciprocated');
  await checkScreen(app, 'home-at-cap');

  // The fourth referral is blocked at approval, with the partner, its count and the moves by reference.
  await app.goto(`${app.url().split('#')[0]}#/cases/${fourth.id}`);
  await waitForScreen(app, 'case');
  await app.getByRole('button', { name: "Record the landlord's approval", exact: true }).click();
  const dialog = app.locator('dialog[data-dialog="transition"]');
  const block = dialog.getByTestId('ledger-cap-block');
  await expect(block).toContainText(`Hackney Council has 3 moves out of its stock not yet reciprocated (the moves of cases ${refs.join(', ')})`);
  await dialog.getByRole('button', { name: "Record the landlord's approval", exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(`Case ${fourth.reference} cannot be approved: Hackney Council has 3 moves`);
  await checkScreen(app, 'approval-blocked-at-cap');

  // Override for this case, with a reason, then approve.
  await block.getByLabel('Override the cap for this case only: why?').fill('Immediate risk; Hackney has two lets due next month');
  await block.getByRole('button', { name: `Override the cap for ${fourth.reference}` }).click();
  await expect(dialog.getByTestId('ledger-cap-overridden')).toContainText('Immediate risk; Hackney has two lets due next month');
  await dialog.getByRole('button', { name: "Record the landlord's approval", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(app.locator('.case-head .badge').first()).toHaveText('Approved');
  await expect(app.locator('[data-screen="case"]')).toContainText('Immediate risk; Hackney has two lets due next month');

  // The ledger, its chart and the same numbers in the table.
  await shell.go('Ledger', 'ledger');
  const ledger = new LedgerPage(app);
  await expect(ledger.row('Hackney Council')).toContainText('−3');
  await expect(ledger.row('Hackney Council')).toContainText('At the cap');
  await expect(ledger.row('Barnet Homes')).toContainText('+2');
  await expect(ledger.row('Brent Council')).toContainText('+1');
  await expect(app.getByTestId('ledger-total')).toHaveText('0');
  await expect(app.getByRole('img', { name: /Balances of 3 partners/ })).toBeVisible();
  await checkScreen(app, 'ledger');
  await app.getByLabel('Status').selectOption({ label: 'At the cap' });
  await expect(app.getByTestId('ledger-table').locator('tbody tr')).toHaveCount(1);
  await app.getByLabel('Status').selectOption({ label: 'Any status' });
  // Sorted by balance, most owing first; sorting the other way puts the most owed first.
  await expect(app.getByTestId('ledger-table').locator('tbody tr').first()).toContainText('Hackney Council');
  await app.getByRole('button', { name: /^Balance/ }).click();
  await expect(app.getByTestId('ledger-table').locator('tbody tr').first()).toContainText('Barnet Homes');

  // The statement: the lines behind the cap, a running balance, the override; then its exports.
  await ledger.openStatement('Hackney Council');
  const lines = app.getByTestId('statement-table').locator('tbody tr');
  await expect(lines).toHaveCount(3);
  for (const [i, ref] of refs.entries()) {
    await expect(lines.nth(i)).toContainText(ref);
    await expect(lines.nth(i)).toContainText(`−${i + 1}`);
  }
  await expect(app.getByTestId('statement-balance')).toHaveText('−3');
  await expect(app.locator('[data-screen="ledger-statement"]')).toContainText(`${fourth.reference}: Immediate risk`);
  await expect(app.locator('[data-screen="ledger-statement"]')).not.toContainText('Grace Mensah');
  await checkScreen(app, 'ledger-statement');

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-ledger-e2e-'));
  try {
    await ledger.exportStatement(harness, 'CSV', path.join(out, 'statement.csv'));
    const csv = fs.readFileSync(path.join(out, 'statement.csv'), 'utf8');
    for (const ref of refs) expect(csv).toContain(ref);
    expect(csv).not.toContain('Grace Mensah');
    await ledger.exportStatement(harness, 'PDF', path.join(out, 'statement.pdf'));
    const text = execFileSync('pdftotext', ['-layout', path.join(out, 'statement.pdf'), '-'], { encoding: 'utf8' });
    for (const ref of refs) expect(text).toContain(ref);
    expect(text).not.toContain('Grace Mensah');
    await checkScreen(app, 'ledger-statement-exported');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }

  // The partner page warns too.
  await app.goto(`${app.url().split('#')[0]}#/partners/${hackney}`);
  await waitForScreen(app, 'partner');
  await expect(app.getByTestId('ledger-cap-notice')).toContainText('At the ledger cap (3 of 3)');
  await checkScreen(app, 'partner-at-cap');
});
