import type { Page } from '@playwright/test';
import { addDays, todayIso } from '../../../contract/calendar-date';
import { formatUkDate } from '../../../contract/dates';
import type { OfferView } from '../../../contract/offers';
import type { PropertyView } from '../../../contract/properties';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { CasePage, seedCase, seedCirculatedCase } from '../pages/cases-pages';
import { CaseOffersPage, dispatch } from '../pages/offers-pages';

/*
 * Issue 10's gaps, on screen: the property form by keyboard alone, Home's reminder for an offer left too long in one
 * stage, and an accepted offer that falls through before the move.
 */

// The app's today (its Today port), moved on in a test to let an offer go stale; it starts as the day the seeds use.
let today = todayIso();
test.use({ harnessOptions: { today: () => today } });
test.beforeEach(() => {
  today = todayIso();
});

type Harness = Parameters<typeof seedCirculatedCase>[0];

const aProperty = (partnerId: number, over: Record<string, unknown> = {}) => ({
  partnerId,
  borough: 'E09000003',
  bedrooms: 2,
  propertyType: 'flat',
  floor: 1,
  hasLift: true,
  access: 'none',
  petsAllowed: false,
  weeklyRentPence: 12000,
  tenancyType: 'secure',
  availableFrom: today,
  notes: '',
  ...over,
});

async function scheme(harness: Harness) {
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  const barnet = await seedPartner(harness, { name: 'Barnet Homes', stockBoroughs: ['E09000003'] });
  const c = await seedCase(harness, hackney);
  await seedCirculatedCase(harness, c.id);
  return { hackney, barnet, c };
}

/** Presses Tab until the focused control is the one named, as a keyboard user moves through a form. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const id = el.getAttribute('id');
      const label = id ? document.querySelector(`label[for="${id}"]`)?.textContent : null;
      return (label ?? el.closest('label')?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (focused.startsWith(name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

test('the property form, completed with the keyboard alone', async ({ app, harness }) => {
  await setUpAndOpen(app);
  await scheme(harness);
  await app.evaluate(() => (window.location.hash = '#/properties/new'));
  await waitForScreen(app, 'property-form');
  const k = app.keyboard;
  await tabTo(app, 'Partner offering the property');
  await k.type('Barnet');
  await tabTo(app, 'Borough');
  await k.type('Barnet');
  await tabTo(app, 'Bedrooms');
  await k.type('2');
  await tabTo(app, 'Floor');
  await k.type('1');
  await tabTo(app, 'There is a lift');
  await k.press('Space');
  await tabTo(app, 'Not step-free');
  await k.press('ArrowDown');
  await tabTo(app, 'Weekly rent in pounds');
  await k.type('118.40');
  await tabTo(app, 'Notes');
  await k.type('From the lettings email: keys with the caretaker.');
  await checkScreen(app, 'property-form-keyboard');
  await tabTo(app, 'Record property and see matches');
  await k.press('Enter');
  await waitForScreen(app, 'matches');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('2-bed flat, 1st floor, Barnet');
  const details = app.getByRole('region', { name: 'The property' });
  await expect(details).toContainText('Barnet Homes');
  await expect(details).toContainText('with a lift');
  await expect(details).toContainText('Step-free');
  await expect(details).toContainText('£118.40 a week');
  await checkScreen(app, 'matches-after-keyboard-form');
});

test("Home's reminders list an offer left too long in one stage", async ({ app, harness }) => {
  await setUpAndOpen(app);
  const { barnet, c } = await scheme(harness);
  const p = await dispatch<PropertyView>(harness, 'properties.create', aProperty(barnet));
  await dispatch(harness, 'offers.make', { propertyId: p.id, caseId: c.id, offeredOn: today, overrideReason: '' });
  // Twenty days on by the app's clock: over the fourteen the offer policy allows in one stage.
  today = addDays(today, 20);
  const shell = new ShellPage(app);
  await shell.go('Offers', 'offers');
  await shell.go('Home', 'home');
  const reminders = app.getByRole('region', { name: /Offers to chase/ });
  await expect(reminders).toContainText(c.reference);
  await expect(reminders).toContainText("'Offered' for 20 days (Barnet Homes)");
  await checkScreen(app, 'home-stale-offer');
});

test('an accepted offer falls through before the move: the case is circulated again, and the page and board say so', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const { barnet, c } = await scheme(harness);
  const p = await dispatch<PropertyView>(harness, 'properties.create', aProperty(barnet));
  await dispatch<PropertyView>(harness, 'properties.create', aProperty(barnet, { bedrooms: 3 }));
  const offer = await dispatch<OfferView>(harness, 'offers.make', { propertyId: p.id, caseId: c.id, offeredOn: today, overrideReason: '' });
  await dispatch(harness, 'offers.accept', { offerId: offer.id, decidedOn: today });

  await app.evaluate((id) => (window.location.hash = `#/cases/${id}`), c.id);
  await waitForScreen(app, 'case');
  const casePage = new CasePage(app);
  await casePage.expectState('Offer accepted');
  const offers = new CaseOffersPage(app);
  await expect(offers.section().getByRole('button', { name: 'Applicant pulled out' })).toBeVisible();
  await offers.act('Fell through', async (d) => {
    await d.getByLabel('What happened').fill('The gas safety check failed; the repair will take months');
  });
  await casePage.expectState('Circulated');
  const timeline = offers.section().locator('.offers-timeline');
  await expect(timeline).toContainText('Fell through');
  await expect(timeline).toContainText(`accepted ${formatUkDate(today)}, then ended before the move on ${formatUkDate(today)}`);
  // The property is available again and matches; the three-bedroom one is left out, and says why.
  await expect(app.getByTestId('case-matches')).toContainText('2-bed flat, 1st floor, Barnet');
  await expect(app.getByTestId('case-left-out')).toContainText('3-bed flat, 1st floor, Barnet');
  await expect(app.getByTestId('case-left-out')).toContainText('needs 2 bedrooms; this has 3');
  await checkScreen(app, 'case-accepted-then-fell-through');

  await new ShellPage(app).go('Offers', 'offers');
  const ended = app.getByTestId('ended-after-acceptance');
  await expect(ended).toContainText(c.reference);
  await expect(ended).toContainText(`Fell through on ${formatUkDate(today)} after the applicant accepted on ${formatUkDate(today)}`);
  await checkScreen(app, 'offers-board-ended-after-acceptance');
});
