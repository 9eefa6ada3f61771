import type { Page } from '@playwright/test';
import { test, expect, waitForScreen, checkScreen } from '../fixtures';
import { setUpAndOpen } from '../pages/auth-pages';
import type { AppHarness } from '../harness/app-harness';
import { seedCase } from '../pages/cases-pages';
import { seedPartner } from '../pages/partners-pages';

/*
 * The renderer treats stored text as text. Markup that would run script if it were ever put into the page as HTML is
 * stored, through the real handlers, in every text field of a partner and a case that accepts it (a field whose own
 * rules refuse it, such as an email address, is refused: that is inert too). Then every screen that shows those
 * fields is opened: no element the markup describes exists in the page, no handler ran, and the text is shown as
 * typed.
 */

const SENDER = { url: 'http://reciprocal.test/index.html', isMainFrame: true };
const XSS = 'Xss"><img src=x onerror="window.__xss=1"><svg onload="window.__xss=2"></svg><script>window.__xss=3</script>';

type Json = Record<string, unknown>;

/** Every text field of `value`, as dot paths the registry's `fields` use. */
function textPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => textPaths(v, prefix ? `${prefix}.${i}` : String(i)));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => textPaths(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

function withText(value: unknown, path: string, text: (old: string) => string): unknown {
  const [head, ...rest] = path.split('.');
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? withText(v, rest.join('.'), text) : v));
  if (typeof value === 'object' && value !== null) {
    const obj = value as Json;
    return { ...obj, [head!]: rest.length === 0 ? text(String(obj[head!])) : withText(obj[head!], rest.join('.'), text) };
  }
  return value;
}

/**
 * Puts the markup into every text field of `payload`, then gives back to each field its own value wherever the
 * field's rules refused it, until the request is accepted. Returns the accepted value and the fields that hold it.
 */
async function storeEverywhere(harness: AppHarness, channel: string, payload: Json, root = ''): Promise<{ value: Json; fields: string[] }> {
  const under = root ? (payload[root] as unknown) : payload;
  let fields = textPaths(under).map((p) => (root ? `${root}.${p}` : p));
  for (let attempt = 0; attempt < 20; attempt++) {
    let request: unknown = payload;
    for (const f of fields) request = withText(request, f, (old) => `${XSS} ${old}`.slice(0, 190));
    const res = await harness.app.registry.dispatch(channel, request, SENDER);
    if (res.ok) return { value: res.value as Json, fields };
    if (res.error.code !== 'VALIDATION' || !res.error.fields) throw new Error(`${channel}: ${res.error.message}`);
    const refused = Object.keys(res.error.fields);
    const before = fields.length;
    fields = fields.filter((f) => !refused.some((r) => f === r || f.startsWith(`${r}.`) || r.startsWith(`${f}.`)));
    if (fields.length === before) throw new Error(`${channel}: refused ${refused.join(', ')}`);
  }
  throw new Error(`${channel}: never accepted`);
}

async function expectInert(app: Page, screen: string): Promise<void> {
  await waitForScreen(app, screen);
  expect(await app.locator('img[src="x"], svg[onload], script:not([src])').count(), screen).toBe(0);
  expect(await app.evaluate(() => (window as unknown as { __xss?: number }).__xss), screen).toBeUndefined();
}

const go = (app: Page, hash: string) => app.evaluate((h) => (window.location.hash = h), hash);

test('markup stored in every text field is shown as text on every screen that shows it', async ({ app, harness }) => {
  await setUpAndOpen(app);
  const landlordId = await seedPartner(harness, { name: 'Hackney Council', type: 'local_authority', stockBoroughs: ['E09000012', 'E09000007'] });
  const partner = await harness.app.registry.dispatch('partners.get', { id: landlordId }, SENDER);
  if (!partner.ok) throw new Error(partner.error.message);
  const partnerFields = await storeEverywhere(harness, 'partners.update', (partner.value as { partner: Json }).partner);
  expect(partnerFields.fields).toEqual(expect.arrayContaining(['name', 'approvalRouteNotes', 'contacts.0.name', 'contacts.0.role']));

  const created = await seedCase(harness, landlordId);
  const detail = await harness.app.registry.dispatch('cases.get', { id: created.id }, SENDER);
  if (!detail.ok) throw new Error(detail.error.message);
  const referral = (detail.value as { referral: Json }).referral;
  const caseFields = await storeEverywhere(harness, 'cases.update', { id: created.id, referral, reason: 'Corrected' }, 'referral');
  expect(caseFields.fields).toEqual(
    expect.arrayContaining([
      'referral.applicant.fullName',
      'referral.applicant.safeContactNotes',
      'referral.risk.summary',
      'referral.nominatingOfficers.0.name',
    ]),
  );
  for (const [channel, payload] of [
    ['cases.addNote', { id: created.id, kind: 'note', text: XSS }],
    ['cases.transition', { id: created.id, to: 'awaiting_landlord_approval', reason: XSS }],
  ] as const) {
    const res = await harness.app.registry.dispatch(channel, payload, SENDER);
    expect(res.ok, channel).toBe(true);
  }

  // Each screen that shows partner or case text.
  await go(app, '#/partners');
  await expectInert(app, 'partners');
  await expect(app.getByText(XSS.slice(0, 40), { exact: false }).first()).toBeVisible();
  await checkScreen(app, 'xss-partners');
  await go(app, `#/partners/${landlordId}`);
  await expectInert(app, 'partner');
  await go(app, `#/partners/${landlordId}/edit`);
  await expectInert(app, 'partner-form');
  await go(app, '#/boroughs');
  await expectInert(app, 'boroughs');
  await go(app, '#/cases');
  await expectInert(app, 'cases');
  await go(app, `#/cases/${created.id}`);
  await expectInert(app, 'case');
  await expect(app.getByText(XSS.slice(0, 40), { exact: false }).first()).toBeVisible();
  await checkScreen(app, 'xss-case');
  await go(app, `#/cases/${created.id}/edit`);
  await expectInert(app, 'referral-edit');
  await go(app, '#/audit');
  await expectInert(app, 'audit');
  await go(app, '#/');
  await expectInert(app, 'home');
});
