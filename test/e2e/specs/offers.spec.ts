import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen, ShellPage } from '../pages/auth-pages';
import { seedPartner } from '../pages/partners-pages';
import { CasePage, seedCase, seedCirculatedCase, seedTransition } from '../pages/cases-pages';
import { CaseOffersPage, dispatch, PropertyFormPage } from '../pages/offers-pages';
import { todayIso } from '../../../contract/calendar-date';
import { formatUkDate } from '../../../contract/dates';

/** From an available home to a completed move, as a coordinator works it (issue 10). */

async function circulate(harness: Parameters<typeof seedTransition>[0], id: number): Promise<void> {
  await seedCirculatedCase(harness, id);
}

test('record a property, see ranked matches and a left-out case, offer, view, decline, offer again elsewhere, accept and move', async ({ app, harness }) => {
  test.slow();
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  const barnet = await seedPartner(harness, { name: 'Barnet Homes', stockBoroughs: ['E09000003'] });
  await seedPartner(harness, { name: 'Brent Council', type: 'local_authority', stockBoroughs: ['E09000005'] });
  const a = await seedCase(harness, hackney);
  const threeBed = await seedCase(harness, hackney, {
    currentHome: {
      homeLandlordPartnerId: hackney,
      borough: 'E09000019',
      bedrooms: 3,
      propertyType: 'flat',
      floor: 1,
      tenancyType: 'secure',
      overcrowded: false,
      inTemporaryAccommodation: false,
    },
  });
  await circulate(harness, a.id);
  await circulate(harness, threeBed.id);
  // Two offers allowed, so that after a decline the case can be offered by another landlord.
  await dispatch(harness, 'cases.updatePolicy', { ...(await dispatch<object>(harness, 'cases.getPolicy', {})), offerCap: 2 });

  const shell = new ShellPage(app);
  await shell.go('Properties', 'properties');
  await checkScreen(app, 'properties-empty');
  const form = new PropertyFormPage(app);
  await form.open();
  await checkScreen(app, 'property-form');
  await form.fill({ partner: 'Barnet Homes', borough: 'Barnet', bedrooms: '2', rent: '135.75' });
  await form.submit();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('2-bed flat, 2nd floor, Barnet');

  // Ranked with plain reasons; the three-bedroom case is left out, and says why.
  const candidates = app.getByTestId('candidates');
  await expect(candidates).toContainText(a.reference);
  await expect(candidates).toContainText('requested 5 boroughs');
  await expect(candidates).toContainText('needs 2 bedrooms: like for like');
  await expect(app.getByTestId('left-out')).toContainText(threeBed.reference);
  await expect(app.getByTestId('left-out')).toContainText('needs 3 bedrooms; this has 2');
  await checkScreen(app, 'matches');

  // One click: the offer, then a viewing.
  await app.getByRole('button', { name: `Offer to ${a.reference}` }).click();
  await waitForScreen(app, 'case');
  const casePage = new CasePage(app);
  await casePage.expectState('Offer made');
  const offers = new CaseOffersPage(app);
  await offers.act('Book a viewing');
  await casePage.expectState('Viewing');
  await checkScreen(app, 'case-offer-viewing');

  await shell.go('Offers', 'offers');
  await expect(app.locator('[data-stage="viewing_booked"]')).toContainText(a.reference);
  await expect(app.locator('[data-stage="viewing_booked"]')).toContainText('0 days in this stage');
  await checkScreen(app, 'offers-board');

  // The applicant declines: it counts, and the landlord's next property does not match this case.
  await app.getByRole('link', { name: a.reference }).click();
  await waitForScreen(app, 'case');
  await offers.act('Declined by the applicant', async (d) => {
    await d.getByLabel('Why the applicant declined').selectOption({ label: 'Does not feel safe in the area' });
    await d.getByLabel('More detail (optional)').fill('Too close to family of the perpetrator');
  });
  await casePage.expectState('Offer declined');
  await expect(offers.section()).toContainText('Offers counted against the cap: 1 of 2.');
  await checkScreen(app, 'case-offer-declined');
  await seedTransition(harness, { id: a.id, to: 'circulated' });

  await shell.go('Properties', 'properties');
  await form.open();
  // The form remembers the last partner used.
  await expect(app.getByLabel('Partner offering the property')).toHaveValue(/\d+/);
  await expect(app.getByLabel('Partner offering the property').locator('option:checked')).toHaveText('Barnet Homes');
  await form.fill({ borough: 'Barnet', bedrooms: '2', rent: '140' });
  await form.submit();
  await expect(app.getByTestId('left-out')).toContainText(a.reference);
  await expect(app.getByTestId('left-out')).toContainText(`declined an offer from this landlord on ${formatUkDate(todayIso())}`);
  await checkScreen(app, 'matches-declined-landlord');

  // Another landlord's property matches, and is offered and accepted.
  await shell.go('Properties', 'properties');
  await form.open();
  await form.fill({ partner: 'Brent Council', borough: 'Brent', bedrooms: '2', rent: '128.50' });
  await form.submit();
  await app.getByRole('button', { name: `Offer to ${a.reference}` }).click();
  await waitForScreen(app, 'case');
  await offers.act('Accepted', async (d) => {
    await d.getByLabel('Address, first line (optional)').fill('Flat 9, Example House');
    await d.getByLabel('Postcode (optional)').fill('NW10 1AA');
  });
  await casePage.expectState('Offer accepted');
  await checkScreen(app, 'case-offer-accepted');

  // Move completed: the case is closed as moved, with its route.
  await offers.act(
    'Move completed',
    async (d) => {
      await d.getByLabel('Adults who moved').fill('1');
      await d.getByLabel('Children who moved').fill('1');
    },
    'Record the move and close the case',
  );
  await casePage.expectState('Closed');
  await expect(app.locator('.case-head')).toContainText('Moved');
  await expect(app.getByTestId('case-move')).toContainText('Reciprocal offer');
  await expect(app.getByTestId('case-move')).toContainText('Brent Council');
  await checkScreen(app, 'case-moved');

  // The partner page: properties offered and let, and declined by applicants.
  await app.evaluate((id) => (window.location.hash = `#/partners/${id}`), barnet);
  await waitForScreen(app, 'partner');
  await expect(app.getByRole('region', { name: 'Properties and offers' })).toContainText('Declined by applicants (1)');
  await expect(app.getByRole('region', { name: 'Properties and offers' })).toContainText(`declined by ${a.reference}`);
  await checkScreen(app, 'partner-offers');
});

test('a Housing Moves move, recorded without a partner property', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const hackney = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority' });
  // The request is circulated first, with its pack, so a partner must hold stock in a requested borough.
  await seedPartner(harness, { name: 'Barnet Homes', stockBoroughs: ['E09000003'] });
  const c = await seedCase(harness, hackney);
  await circulate(harness, c.id);
  await app.evaluate((id) => (window.location.hash = `#/cases/${id}`), c.id);
  await waitForScreen(app, 'case');
  const offers = new CaseOffersPage(app);
  await offers.act(
    'Record a Housing Moves move',
    async (d) => {
      await d.getByLabel('Borough moved to').selectOption({ label: 'Havering' });
      await d.getByLabel('Adults who moved').fill('1');
    },
    'Record the move and close the case',
  );
  await new CasePage(app).expectState('Closed');
  await expect(app.getByTestId('case-move')).toContainText('Housing Moves pathway');
  await expect(app.getByTestId('case-move')).toContainText('Havering');
  await checkScreen(app, 'case-housing-moves');
});
