import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReferralInput } from '../../../contract/cases';
import { contract } from '../../../contract/channels';
import { DIRECTORY_COLUMNS } from '../../../main/directory/csv-format';
import { aReferral } from '../cases/referral-builder';
import { createTestCore, PASSPHRASE, type TestCore } from '../helpers/test-core';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

/*
 * The applicant's identity (name, date of birth, contact details, address), the Nominating Officer's contact details
 * and the free-text risk summary live only inside the encrypted store. This drives every channel that exists,
 * through the real registry, with a unique marker in each of those fields, then looks everywhere they must not be:
 * the log files, every other file the app wrote, every audit summary and timeline line, and every error message.
 * It also checks that they are where the coordinator needs them, so that the test cannot pass by losing the data.
 *
 * The markers are single identifier-like words on purpose: the log sanitiser lets such words through, so only the
 * call sites keep them out.
 */

const TODAY = '2026-03-10';

const MARK = {
  firstName: 'Xylofirst',
  surname: 'Xylosurname',
  renamed: 'Xylorenamed',
  dob: '1931-05-17',
  dobUk: '17/05/1931',
  phone: '07700 900 417',
  phoneDigits: '07700900417',
  email: 'xylomail',
  safeContact: 'Xylosafe',
  line1: 'Xyloline',
  line2: 'Xylocourt',
  town: 'Xylotown',
  postcode: 'QX9 7YW',
  postcodeCompact: 'QX97YW',
  risk: 'Xylorisk',
  marac: 'XYLOMARAC',
  medical: 'Xylomedical',
  consent: 'Xyloconsent',
  officerName: 'Xyloofficer',
  officerPhone: '7946 0417',
  officerEmail: 'xylono',
  officerSecure: 'xylosecure',
} as const;
const MARKERS = Object.values(MARK);

const referral = (landlordId: number, over: Partial<ReferralInput> = {}): ReferralInput => {
  const base = aReferral();
  return {
    ...base,
    receivedOn: '2026-03-02',
    nominatingOfficers: [
      {
        name: `${MARK.officerName} Adeyemi`,
        organisation: 'Hackney Domestic Abuse Service',
        role: 'IDVA',
        phone: `020 ${MARK.officerPhone}`,
        email: `${MARK.officerEmail}@example.org`,
        secureEmail: `${MARK.officerSecure}@example.gov.uk.cjsm.net`,
      },
    ],
    applicant: {
      fullName: `${MARK.firstName} ${MARK.surname}`,
      dateOfBirth: MARK.dob,
      phone: MARK.phone,
      email: `${MARK.email}@example.org`,
      safeContactNotes: `${MARK.safeContact}: text only, after six`,
      address: { line1: `7 ${MARK.line1} Road`, line2: `${MARK.line2} Estate`, town: MARK.town, postcode: MARK.postcode },
    },
    risk: {
      categories: ['domestic_abuse'],
      summary: `${MARK.risk}: former partner knows the block and waits outside`,
      unsafeBoroughs: ['E09000012', 'E09000014'],
      maracReference: MARK.marac,
    },
    currentHome: { ...base.currentHome, homeLandlordPartnerId: landlordId },
    needs: { access: 'none', medicalNeeds: `${MARK.medical} condition`, hasPets: false, wouldConsiderRehoming: null },
    consent: { given: true, date: '2026-03-01', covers: ['share_with_home_landlord', 'circulate_request'], notes: `${MARK.consent} by phone` },
    ...over,
  };
};

type Res = Awaited<ReturnType<TestCore['call']>>;

/** Every file under `dir`, with its path relative to `dir`. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

function markersIn(text: string): string[] {
  const lower = text.toLowerCase();
  return MARKERS.filter((m) => lower.includes(m.toLowerCase()));
}

describe('applicant data never leaves the encrypted store', () => {
  let t: TestCore | undefined;
  let outside: string | undefined;
  afterEach(() => {
    t?.cleanup();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  // A long timeout: the vault channels make a dozen key stretches (scrypt), backups and shares encrypt the whole
  // store, and the machine may be shared (two minutes were not enough once every feature's channels were driven; five
  // were not always enough once the subject access export, a job with two encrypted files, joined them).
  it('through every channel: not in logs, files, audit summaries, timeline lines or error messages', async () => {
    t = createTestCore({ today: () => TODAY });
    const core = t;
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-leak-out-'));
    const errors: string[] = [];
    const driven = new Set<string>();
    const call = async (channel: string, payload: unknown = {}): Promise<Res> => {
      driven.add(channel);
      const res = await core.call(channel, payload);
      // What the coordinator may see: the message and each field's message. (Field keys are paths in the form.)
      if (!res.ok) errors.push(JSON.stringify([res.error?.code, res.error?.message, Object.values(res.error?.fields ?? {})]));
      return res;
    };
    const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
      const res = await call(channel, payload);
      if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
      return res.value as T;
    };
    const refused = async (channel: string, payload: unknown) => {
      const res = await call(channel, payload);
      expect(res.ok, `${channel} should have been refused`).toBe(false);
      return res.error!;
    };

    await ok('vault.create', { coordinatorName: 'Sam Coordinator', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });

    // The directory: a landlord, edited, suspended and restored, plus an import and an export through the dialogs.
    const partner = await ok<{ id: number }>('partners.create', {
      name: 'Hackney Council',
      type: 'local_authority',
      status: 'active',
      statusChangedOn: '2019-04-01',
      joinedOn: '2019-04-01',
      stockBoroughs: ['E09000012'],
      approvalRouteNotes: 'Emergency panel on Tuesdays',
      contacts: [{ kind: 'named_lead', name: 'Dana Lead', role: 'Lettings Manager', phone: '020 7946 0001', email: 'dana@example.gov.uk', secureEmail: '' }],
    });
    await ok('partners.list', { search: 'hackney' });
    await ok('partners.get', { id: partner.id });
    await ok('partners.registeredCheck', { name: 'Hackney Council' });
    await ok('partners.coverage');
    await ok('partners.update', {
      ...(await ok<{ partner: object }>('partners.get', { id: partner.id })).partner,
      approvalRouteNotes: 'Emergency panel on Wednesdays',
    });
    await ok('partners.setStatus', { id: partner.id, status: 'suspended', statusChangedOn: '2026-03-03' });
    await ok('partners.setStatus', { id: partner.id, status: 'active', statusChangedOn: '2026-03-04' });

    // Referrals that are refused still carry the markers: the refusal must not quote them.
    await refused('cases.create', referral(partner.id, { currentHome: { ...referral(partner.id).currentHome, tenancyType: 'none' } }));
    const badApplicant = referral(partner.id);
    await refused('cases.create', {
      ...badApplicant,
      applicant: { ...badApplicant.applicant, email: `${MARK.email}-not-an-address`, phone: `${MARK.phone} ${MARK.firstName}` },
    });
    await refused('cases.create', { ...badApplicant, applicant: { ...badApplicant.applicant, [MARK.surname]: MARK.risk } });
    await refused('cases.create', { ...badApplicant, risk: { ...badApplicant.risk, summary: `${MARK.risk} `.repeat(1000) } });
    await refused('cases.create', {
      ...badApplicant,
      applicant: { ...badApplicant.applicant, address: { ...badApplicant.applicant.address, postcode: `${MARK.postcode} ${MARK.town}` } },
    });
    await ok('cases.checkEligibility', { homeLandlordPartnerId: partner.id, currentBorough: 'E09000012', requestedBoroughs: ['E09000012'] });

    const created = await ok<{ id: number; reference: string }>('cases.create', referral(partner.id));
    const id = created.id;
    await ok('cases.referralOptions');

    // Edit the applicant (new name), then move the case through its life with reasons, notes and new boroughs.
    const edited = referral(partner.id);
    edited.applicant = { ...edited.applicant, fullName: `${MARK.renamed} ${MARK.surname}` };
    await ok('cases.update', { id, referral: edited, reason: `Name corrected for ${MARK.firstName}` });
    for (const step of [{ to: 'awaiting_landlord_approval' }, { to: 'approved' }]) {
      await ok('cases.transition', { id, ...step });
    }
    // Circulated the only way the app allows (issue 9): the pack is saved outside and its record kept, so the pack
    // file joins everything else this test searches for the markers.
    await ok('partners.create', {
      name: 'Barnet Homes',
      type: 'housing_association',
      status: 'active',
      statusChangedOn: '2019-04-01',
      joinedOn: '2019-04-01',
      stockBoroughs: ['E09000003'],
      approvalRouteNotes: '',
      contacts: [
        { kind: 'named_lead', name: 'Bo Lead', role: 'Named Lead', phone: '020 7946 0003', email: 'bo@example.org', secureEmail: '' },
        { kind: 'lettings', name: 'Lee Lettings', role: 'Lettings Officer', phone: '020 7946 0002', email: 'lee@example.org', secureEmail: '' },
      ],
    });
    const packs = outside;
    const circulate = async (caseId: number, file: string) => {
      core.dialogs.save.push(path.join(packs, file));
      await ok('circulation.send', { caseId, encrypt: false, planKey: (await ok<{ planKey: string }>('circulation.plan', { caseId })).planKey });
    };
    await circulate(id, 'first-pack.pdf');
    // Properties and offers (issue 10): free text and the accepted address carry the markers too.
    const property = {
      partnerId: partner.id,
      borough: 'E09000003',
      bedrooms: 2,
      propertyType: 'flat',
      floor: 2,
      hasLift: true,
      access: 'none',
      petsAllowed: false,
      weeklyRentPence: 12550,
      tenancyType: 'secure',
      availableFrom: '2026-03-09',
      notes: 'Keys with the estate office',
    };
    await ok('properties.formOptions');
    const home = await ok<{ id: number }>('properties.create', property);
    await ok('properties.update', { id: home.id, property: { ...property, notes: 'Keys with the housing officer' } });
    await ok('properties.list', { state: 'available' });
    await ok('properties.get', { id: home.id });
    await ok('offers.matchesForProperty', { propertyId: home.id });
    await ok('offers.matchesForCase', { caseId: id });
    await ok('offers.explain', { propertyId: home.id, caseId: id });
    await refused('offers.make', { propertyId: home.id, caseId: id, offeredOn: '2099-01-01', overrideReason: MARK.firstName });
    const offer = await ok<{ id: number }>('offers.make', { propertyId: home.id, caseId: id, offeredOn: TODAY });
    await refused('cases.transition', { id, to: 'offer_declined', reason: MARK.firstName });
    await ok('offers.bookViewing', { offerId: offer.id, viewingOn: TODAY });
    await refused('offers.fellThrough', { offerId: offer.id, decidedOn: TODAY, text: `${MARK.firstName} declined, near ${MARK.line1}` });
    await ok('offers.decline', { offerId: offer.id, decidedOn: TODAY, reason: 'other', text: `${MARK.firstName} said the block is near ${MARK.line1}` });
    await refused('offers.withdraw', { offerId: offer.id, decidedOn: TODAY, text: MARK.firstName });
    await refused('offers.accept', {
      offerId: offer.id,
      decidedOn: TODAY,
      address: { line1: MARK.line1, line2: '', town: MARK.town, postcode: MARK.postcode },
    });
    await refused('offers.completeLegacyOffer', { offerId: offer.id, partnerId: partner.id });
    await refused('offers.completeLegacyMove', {
      moveId: 1,
      receivingPartnerId: partner.id,
      receivingBorough: 'E09000003',
      tenancyStartOn: TODAY,
      adults: 1,
      children: 2,
    });
    for (const step of [
      { to: 'on_hold', reason: `${MARK.firstName} in refuge` },
      { to: 'offer_declined', reason: `Back from refuge; ${MARK.firstName} still declines` },
    ]) {
      await ok('cases.transition', { id, ...step });
    }
    // A second case is offered a second home, accepts with its address, and moves. It is someone else (another name
    // and date of birth): intake refuses a referral with the first case's date of birth and landlord as a likely duplicate.
    const second = await ok<{ id: number }>(
      'cases.create',
      referral(partner.id, { applicant: { ...referral(partner.id).applicant, fullName: 'Jo Other', dateOfBirth: '1984-09-22' } }),
    );
    for (const to of ['awaiting_landlord_approval', 'approved']) await ok('cases.transition', { id: second.id, to });
    await circulate(second.id, 'second-pack.pdf');
    const secondHome = await ok<{ id: number }>('properties.create', property);
    const spare = await ok<{ id: number }>('properties.create', { ...property, bedrooms: 4 });
    await ok('properties.setState', { id: spare.id, to: 'withdrawn', reason: `Let to a tenant, not ${MARK.firstName}` });
    const secondOffer = await ok<{ id: number }>('offers.make', { propertyId: secondHome.id, caseId: second.id, offeredOn: TODAY });
    await ok('offers.accept', {
      offerId: secondOffer.id,
      decidedOn: TODAY,
      address: { line1: MARK.line1, line2: MARK.line2, town: MARK.town, postcode: MARK.postcode },
    });
    await ok('offers.board');
    await ok('offers.stale');
    await ok('offers.completeMove', { caseId: second.id, route: 'reciprocal', offerId: secondOffer.id, tenancyStartOn: TODAY, adults: 1, children: 2 });
    await ok('offers.forCase', { caseId: second.id });
    await ok('offers.partnerSummary', { partnerId: partner.id });
    await ok('offers.updatePolicy', { ...(await ok<object>('offers.getPolicy')), staleAfterDays: 21 });

    // The ledger (issue 11): entries, the cap, a statement and its exports. Reasons are the coordinator's own words.
    await ok('ledger.table', {});
    await ok('ledger.table', { bedrooms: 2, asOf: TODAY });
    const opening = await ok<{ entryId: number }>('ledger.addEntry', {
      kind: 'opening_balance',
      partnerId: partner.id,
      direction: 'owes',
      amount: 1,
      onDate: '2020-01-01',
      reason: 'Carried over from the scheme spreadsheet',
    });
    await refused('ledger.addEntry', { kind: 'contribution', partnerId: partner.id, direction: 'owes', amount: 1, onDate: TODAY, reason: MARK.firstName });
    await ok('ledger.reverse', { entryId: opening.entryId, reason: 'Entered twice' });
    await refused('ledger.reverse', { entryId: opening.entryId, reason: MARK.firstName });
    await ok('ledger.statement', { partnerId: partner.id });
    await ok('ledger.partnerCap', { partnerId: partner.id });
    await ok('ledger.caseCap', { caseId: second.id });
    await ok('ledger.atCap');
    await refused('ledger.overrideCap', { caseId: second.id, reason: MARK.firstName });
    core.dialogs.save.push(path.join(outside, 'statement.csv'));
    await ok('ledger.exportStatement', { partnerId: partner.id, format: 'csv' });
    core.dialogs.save.push(path.join(outside, 'statement.pdf'));
    await ok('ledger.exportStatement', { partnerId: partner.id, format: 'pdf', password: 'a statement password' });
    await ok('ledger.updatePolicy', { ...(await ok<object>('ledger.getPolicy')), cap: 4 });
    await ok('cases.addNote', { id, kind: 'note', text: `Spoke to ${MARK.firstName} on ${MARK.phone}` });
    await ok('cases.addNote', { id, kind: 'no_update', text: `${MARK.officerName} has no news` });
    await ok('cases.addNote', { id, kind: 'review', text: `Reviewed; ${MARK.risk} unchanged` });
    await ok('cases.addBoroughs', { id, boroughs: ['E09000033'], note: `${MARK.firstName} asked for Westminster` });
    await refused('cases.addBoroughs', { id, boroughs: ['E09000014'], note: MARK.firstName });
    // Intake rules (issue 7): chases, duplicates, coverage, the partner's cases and enquiries without identity.
    await ok('cases.recordChase', { id, who: 'nominating_officer', note: `${MARK.officerName} chased about ${MARK.firstName}` });
    await refused('cases.recordChase', { id, who: 'landlord', note: MARK.firstName });
    await ok('cases.findDuplicates', { fullName: `${MARK.renamed} ${MARK.surname}`, dateOfBirth: MARK.dob, homeLandlordPartnerId: partner.id });
    await refused('cases.create', referral(partner.id));
    await ok('cases.coverage', { boroughs: ['E09000015', 'E09000012'] });
    await ok('cases.countByLandlord', { partnerId: partner.id });
    const enquiry = { receivedOn: TODAY, agencyKind: 'housing', reason: 'out_of_london', notes: `${MARK.firstName} wants to be near family` };
    await ok('enquiries.create', { ...enquiry, signposting: ['homefinder', 'seaside_and_country_homes'] });
    await refused('enquiries.create', { ...enquiry, signposting: [] });
    await ok('enquiries.list', {});
    await ok('enquiries.count', { from: '2026-01-01', to: TODAY });
    // Demo mode (issue 14): a real store says it is not the demo, and refuses to make demo data.
    await ok('demo.status');
    await refused('demo.fill', { scale: 'small' });
    // Switching stores is the host's ("Try it with demo data"): refused while a real store is open; leaving is a no-op.
    await refused('demo.enter', {});
    await ok('demo.leave');
    await refused('cases.transition', { id, to: 'moved', reason: MARK.firstName });
    await refused('cases.transition', { id, to: 'circulated' });
    await ok('cases.transition', { id, to: 'withdrawn', reason: `${MARK.firstName} moved in with family at ${MARK.town}` });
    await ok('cases.transition', { id, to: 'closed', closureReason: 'withdrawn' });
    await refused('cases.update', { id, referral: edited, reason: MARK.firstName });
    await refused('cases.get', { id: id + 100 });
    await ok('cases.updatePolicy', { ...(await ok<object>('cases.getPolicy')), dueSoonDays: 5 });

    // A draft of an unsaved form holds identity: it stays in the store, and its audit entries and list do not.
    const draftBody = JSON.stringify({ fullName: `${MARK.firstName} ${MARK.surname}`, postcode: MARK.postcode, risk: MARK.risk });
    await ok('drafts.save', { key: 'referral:new', body: draftBody });
    await ok('drafts.save', { key: `case:${id}:edit`, body: draftBody });
    await refused('drafts.save', { key: 'referral:new', body: `${MARK.firstName} not json` });
    expect(markersIn(JSON.stringify(await ok('drafts.list')))).toEqual([]);
    await ok('drafts.get', { key: 'referral:new' });
    await ok('drafts.discard', { key: 'referral:new' });

    // The screens that show cases (with names in lists turned on: they are off by default).
    await ok('privacy.get');
    await ok('privacy.update', { showNamesInLists: true });
    // Circulation (issue 9) on the closed case: refusals must not quote the applicant either. The packs themselves
    // are proved anonymous in test/unit/leak/circulation-packs.test.ts.
    const plan = await ok<{ planKey: string }>('circulation.plan', { caseId: id });
    await ok('circulation.preview', { caseId: id });
    await refused('circulation.send', { caseId: id, encrypt: true, planKey: plan.planKey });
    await refused('circulation.exportList', { caseId: id });
    await ok('circulation.addressList', { caseId: id });
    await ok('circulation.history', { caseId: id });
    await refused('circulation.revealPassphrase', { circulationId: 1 });
    await ok('circulation.partnerRequests', { partnerId: partner.id });
    await ok('circulation.batchCandidates');
    core.dialogs.save.push(path.join(outside, 'packs'));
    await ok('circulation.batchRun', { task: 'leak', encrypt: false, caseIds: [id] });
    await ok('circulation.batchCancel', { task: 'leak' });
    await ok('circulation.updatePolicy', { ...(await ok<object>('circulation.getPolicy')), showRiskCategory: true });

    // Reports (issue 13): counts and case references, never identity, on the screen and in the exported files.
    const year = { from: '2025-04-01', to: '2026-03-31' };
    const yearEnd = JSON.stringify(await ok('reports.yearEnd', { ...year, mode: 'internal' }));
    expect(yearEnd).toContain(created.reference);
    expect(markersIn(yearEnd)).toEqual([]);
    expect(markersIn(JSON.stringify(await ok('reports.yearEnd', { ...year, mode: 'publishable' })))).toEqual([]);
    expect(markersIn(JSON.stringify(await ok('reports.operational', {})))).toEqual([]);
    await refused('reports.yearEnd', { from: TODAY, to: '2026-01-01', mode: 'internal' });
    core.dialogs.save.push(path.join(outside, 'year-end.csv'));
    await ok('reports.export', { report: 'year_end', format: 'csv', ...year, mode: 'internal' });
    core.dialogs.save.push(path.join(outside, 'operational.pdf'));
    await ok('reports.export', { report: 'operational', format: 'pdf', from: '2026-03-01', to: TODAY, mode: 'publishable' });
    await ok('reports.updatePolicy', { ...(await ok<object>('reports.getPolicy')), threshold: 5 });

    const list = await ok<{ rows: { applicantName: string }[] }>('cases.list', { search: MARK.surname, includeClosed: true });
    const dashboard = await ok<{ recent: { summary: string }[] }>('cases.dashboard');
    const audit = await ok<{ entries: { summary: string; changes: unknown[] }[] }>('audit.list', { limit: 500 });
    await ok('audit.list', { reference: created.reference });
    await ok('audit.list', { caseId: id, actor: 'Sam Coordinator', from: '2026-01-01', to: TODAY });
    await ok('audit.verify');
    const detail = await ok<{ referral: ReferralInput; timeline: { summary: string; text: string }[] }>('cases.get', { id });

    // Directory export and import through the dialog queues, to a folder outside the data folder.
    const exported = path.join(outside, 'directory.csv');
    core.dialogs.save.push(exported);
    await ok('partners.export');
    const importFile = path.join(outside, 'import.csv');
    const row = [
      'Peabody',
      'Housing association',
      'Active',
      '01/04/2020',
      '01/04/2020',
      'Hackney; Camden',
      '',
      'Named Lead',
      'Lee Lead',
      '',
      '',
      'lee@example.org',
      '',
    ];
    fs.writeFileSync(importFile, `${DIRECTORY_COLUMNS.join(',')}\r\n${row.join(',')}\r\n`);
    core.dialogs.open.push(importFile);
    const preview = await ok<{ status: string; token: string }>('partners.importPreview');
    expect(preview.status).toBe('ready');
    await ok('partners.importConfirm', { token: preview.token });
    core.dialogs.open.push(path.join(outside, 'missing.csv'));
    await ok('partners.importPreview');
    core.dialogs.save.push(path.join(outside, 'no-such-folder', 'directory.csv'));
    await refused('partners.export', {});

    // Backups, shares and restore (issue 12): the files are age-encrypted, and no copy is left readable anywhere.
    const backupDir = path.join(outside, 'backups');
    fs.mkdirSync(backupDir);
    const backupPass = 'a passphrase for the backups';
    core.dialogs.folder.push(backupDir);
    await ok('backups.chooseFolder');
    await ok('backups.setPassphrase', { passphrase: backupPass, confirmPassphrase: backupPass });
    await ok('backups.getSchedule');
    await ok('backups.updateSchedule', { cadence: 'weekly' });
    const backup = await ok<{ filePath: string }>('backups.runNow');
    await ok('backups.status');
    await ok('backups.list');
    await ok('backups.identity');
    const colleague = await ok<{ id: number }>('backups.addContact', {
      name: 'Kim Manager',
      publicKey: await identityToRecipient(await generateX25519Identity()),
    });
    await ok('backups.contacts');
    const shareFile = path.join(backupDir, 'share.plhr.age');
    core.dialogs.save.push(shareFile);
    await ok('backups.share', { contactIds: [colleague.id], includeMe: true });
    core.dialogs.open.push(shareFile);
    await ok('shares.open');
    await ok('shares.current');
    await ok('shares.close');
    await ok('backups.removeContact', { id: colleague.id });
    core.dialogs.open.push(backup.filePath);
    const restore = await ok<{ token: string }>('restore.choose');
    await refused('restore.open', { token: restore.token, passphrase: `${MARK.firstName} is not the passphrase` });
    await ok('restore.open', { token: restore.token, passphrase: backupPass });
    await ok('restore.cancel', { token: restore.token });
    await refused('restore.confirm', { token: restore.token, passphrase: 'a restored passphrase', confirmPassphrase: 'a restored passphrase', replace: true });

    // Settings, the vault and the session, including failures.
    await ok('settings.getGeneral');
    await ok('settings.updateGeneral', { autoLockMinutes: 10 });
    await ok('session.status');
    await ok('session.activity');
    await ok('session.about');
    await ok('database.integrityCheck');
    await ok('jobs.status');
    await ok('vault.copyRecoveryKey', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' });
    // The recovery key file holds no applicant data; it is written apart from the exports checked below.
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reciprocal-key-'));
    core.dialogs.save.push(path.join(keyDir, 'recovery key.txt'));
    await ok('vault.saveRecoveryKey', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' });
    fs.rmSync(keyDir, { recursive: true, force: true });
    await ok('vault.confirmRecoveryKey');
    await refused('database.startAgain', { confirmation: 'start again' });
    await ok('jobs.cancel', { jobId: 'no-such-job' });
    await refused('vault.changePassphrase', {
      current: 'not the passphrase',
      passphrase: 'a brand new passphrase',
      confirmPassphrase: 'a brand new passphrase',
    });
    const { recoveryKey } = await ok<{ recoveryKey: string }>('vault.newRecoveryKey', { current: PASSPHRASE });
    await ok('session.lock');
    await refused('cases.get', { id });
    await refused('vault.unlock', { passphrase: `${PASSPHRASE} typo` });
    await ok('vault.unlock', { passphrase: PASSPHRASE });
    core.core.lock('manual');
    await ok('vault.unlockWithRecoveryKey', { recoveryKey });
    await refused('cases.get', { id });
    const renewed = 'a renewed passphrase after recovery';
    await ok('vault.setPassphraseAfterRecovery', { passphrase: renewed, confirmPassphrase: renewed });
    await ok('vault.changePassphrase', { current: renewed, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
    await refused('vault.create', { coordinatorName: 'Someone Else', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });

    // Retention and erasure (issue 15): the previews and the refusals quote no one. Erasing is proved in test/unit/rights.
    await ok('rights.getRetention');
    await ok('rights.updateRetention', { closedMoreThanYears: 6 });
    await ok('rights.retentionPreview');
    await refused('rights.retentionRun', { closedBefore: '2020-03-10', expectedCount: 1 });
    await refused('rights.erase', { caseId: id, reason: `${MARK.firstName} asked by letter`, confirmReference: 'PLHR-2026-9999' });
    // The subject access export is the one deliberate full-record export: the markers are allowed there, encrypted.
    core.dialogs.save.push(path.join(outside, 'subject-access.pdf'));
    const sar = await ok<{ passphrase: string }>('rights.subjectAccess', { caseId: id });
    const sarReader = new Decrypter();
    sarReader.addPassphrase(sar.passphrase);
    const sarJson = await sarReader.decrypt(fs.readFileSync(path.join(outside, 'subject-access.json.age')), 'text');
    expect(markersIn(sarJson)).toEqual(expect.arrayContaining([MARK.surname, MARK.renamed, MARK.dob, MARK.postcode, MARK.risk, MARK.marac]));
    // ... and it is the only export recorded as holding identity.
    expect(core.core.services.db().prepare('SELECT file_name FROM exports WHERE holds_identity = 1 ORDER BY id', { pluck: true }).all()).toEqual([
      'subject-access.pdf',
      'subject-access.json.age',
    ]);

    // Every channel in the contract was driven above: a new channel must be added here too.
    expect(Object.keys(contract).filter((c) => !driven.has(c))).toEqual([]);

    // Where the coordinator needs the details, they are there.
    expect(detail.referral.applicant.fullName).toBe(`${MARK.renamed} ${MARK.surname}`);
    expect(detail.referral.applicant.dateOfBirth).toBe(MARK.dob);
    expect(detail.referral.applicant.address.postcode).toBe(MARK.postcode);
    expect(detail.referral.risk.summary).toContain(MARK.risk);
    expect(detail.referral.nominatingOfficers[0]?.email).toContain(MARK.officerEmail);
    expect(list.rows.map((r) => r.applicantName)).toEqual([`${MARK.renamed} ${MARK.surname}`]);
    expect(detail.timeline.map((e) => e.text).join('\n')).toContain(MARK.firstName);
    // Before and after values are kept in the (encrypted) audit log, so a change can be traced.
    expect(markersIn(JSON.stringify(audit.entries.map((e) => e.changes)))).toEqual(expect.arrayContaining([MARK.firstName, MARK.renamed, MARK.dob]));

    // Where it must never be.
    expect(audit.entries.length).toBeGreaterThan(15);
    expect(markersIn(audit.entries.map((e) => e.summary).join('\n'))).toEqual([]);
    expect(markersIn(dashboard.recent.map((e) => e.summary).join('\n'))).toEqual([]);
    expect(markersIn(detail.timeline.map((e) => e.summary).join('\n'))).toEqual([]);
    expect(errors.length).toBeGreaterThan(10);
    expect(markersIn(errors.join('\n'))).toEqual([]);
    expect(markersIn(fs.readFileSync(exported, 'utf8'))).toEqual([]);

    core.core.close();
    const written = [...filesUnder(core.dataDir), ...filesUnder(outside)];
    const store = written.filter((f) => path.dirname(f) === core.dataDir && /^reciprocal\.db(-wal|-shm|-journal)?$/.test(path.basename(f)));
    expect(store.length).toBeGreaterThan(0);
    const logs = written.filter((f) => f.includes(`${path.sep}logs${path.sep}`));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n')).toContain('cases.created');
    for (const file of written) {
      // The store itself is encrypted, so no marker can be read from it either.
      expect(markersIn(fs.readFileSync(file).toString('latin1')), path.relative(os.tmpdir(), file)).toEqual([]);
      expect(markersIn(fs.readFileSync(file, 'utf8')), path.relative(os.tmpdir(), file)).toEqual([]);
    }
    // Nothing else was left behind beside the files the app is meant to write (no temporary copies of an export).
    expect(
      filesUnder(outside)
        .map((f) => path.basename(f))
        .filter((f) => !f.endsWith('.plhr.age'))
        .sort(),
    ).toEqual([
      'directory.csv',
      'first-pack.pdf',
      'import.csv',
      'operational.pdf',
      'second-pack.pdf',
      'statement.csv',
      'statement.pdf',
      'subject-access.json.age',
      'subject-access.pdf',
      'year-end.csv',
    ]);
    expect(filesUnder(backupDir).filter((f) => f.endsWith('.plhr.age'))).toHaveLength(2);
  }, 480_000);
});
