import type { Page } from '@playwright/test';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage, UnlockPage } from '../pages/auth-pages';
import { seedCase, seededDateOfBirth, seedTransition } from '../pages/cases-pages';
import { seedPartner } from '../pages/partners-pages';
import { addDays, todayIso } from '../../../contract/calendar-date';

const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };

// Issue 7, the intake a coordinator can trust: the registered check, no lost typing, finding a case, names on
// shared screens, and the case list at any size.

const openNewReferral = async (app: Page) => {
  await new ShellPage(app).go('Cases', 'cases');
  await app.getByRole('link', { name: 'New referral' }).click();
  await waitForScreen(app, 'referral');
};

test('the registered check finds "Hackney Council" as London Borough of Hackney, at the top of the referral form', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'London Borough of Hackney', type: 'local_authority', stockBoroughs: ['E09000012'] });
  await seedPartner(harness, { name: 'Peabody', stockBoroughs: ['E09000012'] });

  await openNewReferral(app);
  const check = app.getByTestId('registered-check');
  // First on the form, before the long intake.
  await expect(app.locator('[data-screen="referral"] section').first()).toHaveAttribute('data-testid', 'registered-check');
  await check.getByLabel("Landlord's name").fill('Hackney Council');
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.locator('[data-registration="registered"]')).toContainText(
    '“Hackney Council” is London Borough of Hackney. London Borough of Hackney is registered with the scheme and active.',
  );
  await checkScreen(app, 'referral-registered-check');
  // The partner it found is offered as the home landlord, and fills the field further down the form.
  await check.getByRole('button', { name: 'Use London Borough of Hackney as the home landlord' }).click();
  await expect(app.getByRole('combobox', { name: 'Home landlord' })).toHaveValue(String(hackney));
  await expect(check).toContainText('London Borough of Hackney is the home landlord below.');

  // On the Partners screen, a name that is not a partner offers the closest ones.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners', exact: true }).click();
  await app.locator('[data-dialog="leave-form"]').getByRole('button', { name: 'Discard what I typed' }).click();
  await waitForScreen(app, 'partners');
  const partnersCheck = app.getByTestId('registered-check');
  await partnersCheck.getByLabel("Landlord's name").fill('Hackney Homes Partnership');
  await partnersCheck.getByRole('button', { name: 'Check' }).click();
  await expect(partnersCheck.locator('[data-registration="not_registered"]')).toContainText('Did you mean one of the partners below?');
  await expect(partnersCheck.getByRole('link', { name: 'London Borough of Hackney' })).toBeVisible();
  await checkScreen(app, 'partners-registered-check-suggestions');
});

test('a referral being typed survives Ctrl+L and is offered back after unlock; leaving asks first', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await seedPartner(harness, { name: 'London Borough of Hackney', type: 'local_authority' });
  await openNewReferral(app);
  await app.getByLabel('Full name').fill('Amara Okafor');
  await app.getByLabel('Summary of the risk').fill('Former partner has found the address.');

  // Ctrl+L at once, mid-intake.
  await app.getByLabel('Summary of the risk').press('Control+l');
  await new UnlockPage(app).unlock();
  await waitForScreen(app, 'home');
  const offer = app.locator('[data-draft="referral:new"]');
  await expect(offer).toContainText(/You have an unsaved referral from \d\d:\d\d: continue or discard\?/);
  await checkScreen(app, 'draft-offered-after-unlock');
  await offer.getByRole('button', { name: 'Continue' }).click();
  await waitForScreen(app, 'referral');
  await expect(app.getByLabel('Full name')).toHaveValue('Amara Okafor');
  await expect(app.getByLabel('Summary of the risk')).toHaveValue('Former partner has found the address.');

  // Leaving with unsaved changes asks first; leaving keeps the draft, and Back returns to the form as it was.
  await app.getByLabel('Postcode').fill('E8 1AA');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners', exact: true }).click();
  const dialog = app.locator('[data-dialog="leave-form"]');
  await expect(dialog).toBeVisible();
  await checkScreen(app, 'referral-leave-asks');
  await dialog.getByRole('button', { name: 'Leave, keep the draft' }).click();
  await waitForScreen(app, 'partners');
  await app.goBack();
  await waitForScreen(app, 'referral');
  await expect(app.getByLabel('Full name')).toHaveValue('Amara Okafor');
  await expect(app.getByLabel('Postcode')).toHaveValue('E8 1AA');

  // The draft lived in main's encrypted store, never in the renderer's storage.
  const stored = await app.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
  expect(stored).not.toContain('Okafor');

  // Discarding the draft offered after unlock asks first: Cancel keeps it, "Discard it" deletes it.
  await app.getByLabel('Postcode').press('Control+l');
  await new UnlockPage(app).unlock();
  await waitForScreen(app, 'home');
  await offer.getByRole('button', { name: 'Discard' }).click();
  const confirm = app.locator('[data-dialog="discard-draft"]');
  await expect(confirm).toContainText('Discard the unsaved referral?');
  await checkScreen(app, 'draft-discard-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Discard' }).click();
  await confirm.getByRole('button', { name: 'Discard it' }).click();
  await expect(offer).toHaveCount(0);
  await expect.poll(async () => (await harness.app.registry.dispatch('drafts.list', {}, SENDER)) as unknown).toEqual({ ok: true, value: [] });
});

test('search folds apostrophes, accents and order; Enter opens a single match; names stay hidden until asked for', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const landlord = await seedPartner(harness, { name: 'London Borough of Hackney', type: 'local_authority' });
  for (const [i, fullName] of ['Siobhán O’Brien', 'Amara Okafor', 'Grace Mensah'].entries())
    await seedCase(harness, landlord, { applicant: applicant(fullName, i) });

  await new ShellPage(app).go('Cases', 'cases');
  // Lists show the reference and initials only, by default.
  await expect(app.locator('.case-table')).toContainText('S. O.');
  await expect(app.locator('.case-table')).not.toContainText('O’Brien');
  await checkScreen(app, 'cases-names-hidden');

  const search = app.getByLabel('Search by reference or applicant name');
  for (const typed of ['obrien', "o'brien", 'O’BRIEN', 'brien siobhan']) {
    await search.fill(typed);
    await expect(app.getByText('1 case matches')).toBeVisible();
  }
  await search.fill('okafor amara');
  await search.press('Enter');
  await waitForScreen(app, 'case');
  await expect(app.getByRole('heading', { name: 'Applicant' })).toBeVisible();
  await expect(app.locator('main')).not.toContainText('Amara Okafor');
  await checkScreen(app, 'case-identity-hidden');
  await app.getByRole('button', { name: 'Show applicant details' }).click();
  await expect(app.locator('main')).toContainText('Amara Okafor');
});

/** The nth of a test's applicants: each a different person (a different date of birth), so none is refused as a duplicate. */
function applicant(fullName: string, n: number) {
  return {
    fullName,
    dateOfBirth: seededDateOfBirth(n),
    phone: '',
    email: '',
    safeContactNotes: '',
    address: { line1: '4 Example Court', line2: '', town: 'London', postcode: 'N1 1AA' },
  };
}

/** Key text in the visible list rows that is cut off: a cell whose content is wider than the cell. */
async function cutOffCells(app: Page): Promise<string[]> {
  return app.locator('.case-row td, .case-table th').evaluateAll((cells) =>
    cells.flatMap((cell) => {
      const el = cell as HTMLElement;
      const inner = [el, ...Array.from(el.querySelectorAll<HTMLElement>('a, .badge, button'))];
      return inner
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName} “${e.textContent?.trim() ?? ''}” ${e.scrollWidth}>${e.clientWidth}`);
    }),
  );
}

async function expectStickyHeader(app: Page): Promise<void> {
  const scroller = app.locator('.case-scroller');
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(app.locator('.case-row').first()).not.toHaveAttribute('data-index', '0');
  const [head, box] = await Promise.all([app.locator('.case-table th').first().boundingBox(), scroller.boundingBox()]);
  expect(head && box && Math.abs(head.y - box.y)).toBeLessThan(3);
  await scroller.evaluate((el) => el.scrollTo(0, 0));
}

test.describe('the case list at any size', () => {
  test.beforeEach(async ({ app, harness }) => {
    await setUpAndOpen(app);
    const landlord = await seedPartner(harness, { name: 'Royal Borough of Kensington and Chelsea', type: 'local_authority' });
    await harness.app.registry.dispatch('privacy.update', { showNamesInLists: true }, { url: 'http://reciprocal.test/index.html', isMainFrame: true });
    for (let i = 0; i < 40; i++) {
      // The list opens sorted by next deadline. Those awaiting approval were sent to the landlord weeks ago, so their
      // overdue chase comes first and the longest state label is on screen, where being cut off would show.
      const awaiting = i % 3 === 0;
      const receivedOn = addDays(todayIso(), awaiting ? -40 : -20);
      const created = await seedCase(harness, landlord, {
        applicant: applicant(i % 2 === 0 ? 'Oluwaseun Adebayo-Richardson' : 'Zoë Hernández', i),
        receivedOn,
        consent: { given: true, date: addDays(receivedOn, -1), covers: ['share_with_home_landlord', 'circulate_request'], notes: '' },
      });
      if (awaiting) await seedTransition(harness, { id: created.id, to: 'awaiting_landlord_approval', effectiveOn: receivedOn });
    }
  });

  for (const size of [
    { name: '1024x768', width: 1024, height: 768, fontSize: null },
    { name: '200pc-text', width: 1280, height: 800, fontSize: '30px' },
    { name: '320px', width: 320, height: 640, fontSize: null },
  ]) {
    test(`at ${size.name}: nothing cut off, the header stays, Lock now in view`, async ({ app }) => {
      await app.setViewportSize({ width: size.width, height: size.height });
      // 200% text: the root size doubled, as a browser's text-size setting does (an inline style, which the CSP allows).
      if (size.fontSize) await app.evaluate((fontSize) => document.documentElement.style.setProperty('font-size', fontSize, 'important'), size.fontSize);
      if (size.width < 900) {
        await app.getByRole('button', { name: 'Menu' }).click();
      }
      await new ShellPage(app).go('Cases', 'cases');
      await expect(app.locator('.case-row').first()).toContainText('PLHR-');
      await expect(app.getByRole('button', { name: /Lock now/ })).toBeInViewport();
      expect(await cutOffCells(app)).toEqual([]);
      await expect(app.locator('.case-table')).toContainText('Royal Borough of Kensington and Chelsea');
      await expect(app.locator('.case-table')).toContainText('Awaiting landlord approval');
      // The page itself never scrolls sideways (WCAG 1.4.10).
      const wider = await app.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('body *'))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.case-scroller'))
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
          .slice(0, 10),
      );
      expect(wider).toEqual([]);
      await checkScreen(app, `cases-list-${size.name}`);
      await expectStickyHeader(app);
    });
  }
});
