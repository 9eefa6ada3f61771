import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PartnerListQueryInput } from '../../../contract/partners';
import { partnerListQuerySchema } from '../../../contract/partners';
import type { ChangeContext } from '../../../main/app/services';
import { appendAudit, listAudit, verifyAuditChain } from '../../../main/audit/audit';
import { AppFailure } from '../../../main/errors';
import { exportDirectory } from '../../../main/directory/csv-format';
import { confirmImport, previewImport } from '../../../main/directory/import-session';
import {
  activePartnersWithStockIn,
  allPartners,
  coverageByBorough,
  getPartner,
  insertPartner,
  listPartners,
  setPartnerStatus,
  updatePartner,
} from '../../../main/directory/partners-repo';
import { registeredCheck } from '../../../main/directory/registered-check';
import { openTestDb, type TestDb } from '../helpers/test-db';
import { aContact, aPartnerInput } from './builders';

const NOW = new Date('2026-11-27T10:00:00Z');

describe('partners repository', () => {
  let t: TestDb;
  beforeEach(() => {
    t = openTestDb();
  });
  afterEach(() => t.cleanup());

  const list = (q: PartnerListQueryInput = {}) => listPartners(t.db, partnerListQuerySchema.parse(q)).map((p) => p.name);

  it('adds a partner and reads it back whole', () => {
    const added = insertPartner(
      t.db,
      aPartnerInput({
        stockBoroughs: ['E09000028', 'E09000001', 'E09000022'],
        contacts: [aContact(), aContact({ name: 'Ben Walsh' }), aContact({ kind: 'lettings', name: 'Ali' })],
      }),
      NOW,
    );
    expect(getPartner(t.db, added.id)).toEqual(added);
    expect(added.stockBoroughs).toEqual(['E09000001', 'E09000022', 'E09000028']);
    expect(added.contacts.map((c) => [c.kind, c.name])).toEqual([
      ['named_lead', 'Amira Okafor'],
      ['named_lead', 'Ben Walsh'],
      ['lettings', 'Ali'],
    ]);
  });

  it('refuses the same partner name twice, ignoring case and spacing', () => {
    insertPartner(t.db, aPartnerInput({ name: 'Peabody' }), NOW);
    const attempt = () => insertPartner(t.db, aPartnerInput({ name: '  PEABODY ' }), NOW);
    expect(attempt).toThrow(AppFailure);
    expect(attempt).toThrow('A partner called “Peabody” is already in the directory. Nothing was saved.');
    const other = insertPartner(t.db, aPartnerInput({ name: 'Clarion' }), NOW);
    expect(() => updatePartner(t.db, { ...other, name: 'peabody' }, NOW)).toThrow(/already in the directory/);
  });

  it('updates contacts in place, adds new ones and retires removed ones', () => {
    const p = insertPartner(t.db, aPartnerInput({ contacts: [aContact(), aContact({ kind: 'lettings', name: 'Ali' })] }), NOW);
    const [lead, lettings] = p.contacts;
    const after = updatePartner(t.db, { ...p, contacts: [{ ...lead!, phone: '020 7946 0999' }, aContact({ kind: 'other', name: 'Zed' })] }, NOW);
    expect(after.contacts.map((c) => [c.id === lead!.id, c.name, c.phone])).toEqual([
      [true, 'Amira Okafor', '020 7946 0999'],
      [false, 'Zed', '020 7946 0018'],
    ]);
    const retired = t.db.prepare('SELECT removed_at FROM contacts WHERE id = ?', { pluck: true }).get([lettings!.id!]);
    expect(retired).toBe(NOW.toISOString());
  });

  it('lets two contacts swap names', () => {
    const p = insertPartner(t.db, aPartnerInput({ contacts: [aContact({ name: 'Jo' }), aContact({ name: 'Sam' })] }), NOW);
    const [jo, sam] = p.contacts;
    const after = updatePartner(
      t.db,
      {
        ...p,
        contacts: [
          { ...jo!, name: 'Sam' },
          { ...sam!, name: 'Jo' },
        ],
      },
      NOW,
    );
    expect(after.contacts.map((c) => [c.id, c.name])).toEqual([
      [sam!.id, 'Jo'],
      [jo!.id, 'Sam'],
    ]);
  });

  it('refuses a contact id that belongs to nobody here', () => {
    const p = insertPartner(t.db, aPartnerInput(), NOW);
    expect(() => updatePartner(t.db, { ...p, contacts: [aContact({ id: 9999 })] }, NOW)).toThrow(/changed or removed elsewhere/);
  });

  it('will not make a partner without a Named Lead active', () => {
    const p = insertPartner(t.db, aPartnerInput({ status: 'suspended', contacts: [] }), NOW);
    expect(() => setPartnerStatus(t.db, p.id, 'active', '2026-11-27', NOW)).toThrow(/has no Named Lead/);
    expect(setPartnerStatus(t.db, p.id, 'left', '2026-11-27', NOW).status).toBe('left');
  });

  it('searches, filters and sorts', () => {
    insertPartner(
      t.db,
      aPartnerInput({ name: 'Peabody', type: 'housing_association', joinedOn: '2018-01-01', statusChangedOn: '2018-01-01', stockBoroughs: ['E09000028'] }),
      NOW,
    );
    insertPartner(
      t.db,
      aPartnerInput({
        name: 'London Borough of Camden',
        stockBoroughs: ['E09000007'],
        contacts: [aContact({ name: 'Jo Bloggs', email: 'jo@camden.example' })],
      }),
      NOW,
    );
    insertPartner(
      t.db,
      aPartnerInput({
        name: 'Clarion 100%',
        type: 'housing_association',
        status: 'suspended',
        statusChangedOn: '2025-01-01',
        stockBoroughs: ['E09000028', 'E09000007'],
      }),
      NOW,
    );
    expect(list()).toEqual(['Clarion 100%', 'London Borough of Camden', 'Peabody']);
    expect(list({ direction: 'desc' })).toEqual(['Peabody', 'London Borough of Camden', 'Clarion 100%']);
    expect(list({ search: 'camden' })).toEqual(['London Borough of Camden']);
    expect(list({ search: 'JO BLOGGS' })).toEqual(['London Borough of Camden']);
    expect(list({ search: 'camden.example' })).toEqual(['London Borough of Camden']);
    expect(list({ search: '100%' })).toEqual(['Clarion 100%']);
    expect(list({ search: '%' })).toEqual(['Clarion 100%']);
    expect(list({ search: "'; DROP TABLE partners; --" })).toEqual([]);
    expect(list({ type: 'housing_association' })).toEqual(['Clarion 100%', 'Peabody']);
    expect(list({ status: 'suspended' })).toEqual(['Clarion 100%']);
    expect(list({ borough: 'E09000028' })).toEqual(['Clarion 100%', 'Peabody']);
    expect(list({ borough: 'E09000028', status: 'active' })).toEqual(['Peabody']);
    expect(list({ sort: 'joinedOn' })).toEqual(['Peabody', 'Clarion 100%', 'London Borough of Camden']);
    expect(list({ sort: 'status' })).toEqual(['London Borough of Camden', 'Peabody', 'Clarion 100%']);
    expect(list({ sort: 'type' })).toEqual(['Clarion 100%', 'Peabody', 'London Borough of Camden']);
    const camden = listPartners(t.db, partnerListQuerySchema.parse({ search: 'camden' }))[0];
    expect(camden).toMatchObject({ namedLeads: ['Jo Bloggs'], contactCount: 1, stockBoroughs: ['E09000007'] });
  });

  it('counts active partners with stock per borough, and lists them for circulation', () => {
    insertPartner(t.db, aPartnerInput({ name: 'A', stockBoroughs: ['E09000028', 'E09000007'] }), NOW);
    insertPartner(t.db, aPartnerInput({ name: 'B', stockBoroughs: ['E09000028'] }), NOW);
    insertPartner(t.db, aPartnerInput({ name: 'C', status: 'suspended', stockBoroughs: ['E09000028'] }), NOW);
    const coverage = new Map(coverageByBorough(t.db).map((c) => [c.code, c.activePartners]));
    expect(coverage.size).toBe(33);
    expect(coverage.get('E09000028')).toBe(2);
    expect(coverage.get('E09000007')).toBe(1);
    expect(coverage.get('E09000001')).toBe(0);
    expect(activePartnersWithStockIn(t.db, ['E09000007', 'E09000028']).map((p) => p.name)).toEqual(['A', 'B']);
    expect(activePartnersWithStockIn(t.db, [])).toEqual([]);
  });
});

describe('registered check', () => {
  let t: TestDb;
  beforeEach(() => {
    t = openTestDb();
    insertPartner(t.db, aPartnerInput({ name: 'Peabody' }), NOW);
    insertPartner(t.db, aPartnerInput({ name: 'Peabody Trust South', status: 'suspended', statusChangedOn: '2026-03-05' }), NOW);
    insertPartner(t.db, aPartnerInput({ name: 'Old Homes', status: 'left', statusChangedOn: '2024-01-31', contacts: [] }), NOW);
  });
  afterEach(() => t.cleanup());

  it('says registered, suspended or left, with the date', () => {
    expect(registeredCheck(t.db, ' peabody ')).toMatchObject({ state: 'registered', message: 'Peabody is registered with the scheme and active.' });
    expect(registeredCheck(t.db, 'Peabody Trust South')).toMatchObject({
      state: 'suspended',
      message: 'Peabody Trust South is registered but suspended since 05/03/2026. Check with the scheme lead before taking a referral.',
    });
    expect(registeredCheck(t.db, 'OLD HOMES').message).toBe(
      'Old Homes left the scheme on 31/01/2024. It is no longer registered, so its tenants cannot be referred.',
    );
  });

  it('never guesses: a partial name only gives suggestions', () => {
    const result = registeredCheck(t.db, 'Trust');
    expect(result.state).toBe('not_registered');
    expect(result.partner).toBeNull();
    expect(result.similar.map((s) => [s.name, s.status])).toEqual([['Peabody Trust South', 'suspended']]);
    expect(registeredCheck(t.db, 'Nobody Homes')).toMatchObject({ state: 'not_registered', similar: [] });
  });
});

describe('import preview and confirm', () => {
  let t: TestDb;
  let file: string;
  beforeEach(() => {
    t = openTestDb();
    file = path.join(t.dir, 'directory.csv');
  });
  afterEach(() => t.cleanup());

  function change<T>(fn: (tx: ChangeContext) => T): T {
    return t.db.transaction(() => fn({ db: t.db, now: NOW, actor: 'Sam', audit: (input) => void appendAudit(t.db, 'Sam', NOW, input) }))();
  }

  const HEADER =
    'partner_name,partner_type,status,status_changed_on,joined_on,stock_boroughs,approval_route_notes,contact_kind,contact_name,contact_role,contact_phone,contact_email,contact_secure_email';

  function writeCsv(lines: string[]) {
    fs.writeFileSync(file, [HEADER, ...lines].join('\r\n'));
  }

  it('previews without writing, then confirms the valid partners in one go, audited', () => {
    const existing = insertPartner(t.db, aPartnerInput({ name: 'Peabody', type: 'housing_association', stockBoroughs: ['E09000028'] }), NOW);
    writeCsv([
      'Peabody,Housing association,Active,01/04/2019,01/04/2019,Southwark; Lambeth,"Emergency panel, meets Tuesdays",Named Lead,Amira Okafor,Housing Needs Manager,020 7946 0018,amira.okafor@example.gov.uk,amira.okafor@example.gov.uk.cjsm.net',
      'Clarion,Housing association,Active,01/04/2020,01/04/2020,Croydon,,Named Lead,Jo Bloggs,,020 7946 0000,,',
      'Broken,Housing association,Active,01/04/2020,01/04/2020,Narnia,,Named Lead,Jo Bloggs,,020 7946 0000,,',
    ]);
    const preview = previewImport(t.db, file);
    if (preview.cancelled || preview.status !== 'ready') throw new Error('expected a ready preview');
    expect(preview.toAdd.map((a) => a.name)).toEqual(['Clarion']);
    expect(preview.toUpdate).toEqual([{ id: existing.id, name: 'Peabody', lines: [2], changes: ['Stock boroughs added: Lambeth'] }]);
    expect(preview.errors).toEqual([{ line: 4, partnerName: 'Broken', message: 'Stock borough "Narnia" is not a London borough' }]);
    expect(allPartners(t.db).map((p) => p.name)).toEqual(['Peabody']);

    const outcome = change((tx) => confirmImport(tx, preview.token));
    expect(outcome).toEqual({ added: 1, updated: 1, skippedPartners: 1 });
    expect(allPartners(t.db).map((p) => [p.name, p.stockBoroughs])).toEqual([
      ['Clarion', ['E09000008']],
      ['Peabody', ['E09000022', 'E09000028']],
    ]);
    expect(listAudit(t.db).map((e) => e.summary)).toEqual([
      'Directory import: 1 added, 1 updated, 0 unchanged, 1 skipped',
      'Partner Peabody updated by import: stock boroughs',
      'Partner Clarion added by import',
    ]);
    expect(verifyAuditChain(t.db).ok).toBe(true);
  });

  it('refuses a stale token and a directory changed since the preview, writing nothing', () => {
    writeCsv(['Clarion,Housing association,Active,01/04/2020,01/04/2020,Croydon,,Named Lead,Jo Bloggs,,020 7946 0000,,']);
    const preview = previewImport(t.db, file);
    if (preview.cancelled || preview.status !== 'ready') throw new Error('expected a ready preview');
    expect(() => change((tx) => confirmImport(tx, 'not-the-token'))).toThrow(/no longer current/);
    insertPartner(t.db, aPartnerInput({ name: 'Clarion' }), NOW);
    expect(() => change((tx) => confirmImport(tx, preview.token))).toThrow(/changed since the preview/);
    expect(allPartners(t.db).map((p) => p.type)).toEqual(['local_authority']);
  });

  it('is one transaction: a failure part-way leaves the directory exactly as it was', () => {
    writeCsv([
      'Alpha,Housing association,Active,01/04/2020,01/04/2020,Croydon,,Named Lead,Jo Bloggs,,020 7946 0000,,',
      'Omega,Housing association,Active,01/04/2020,01/04/2020,Croydon,,Named Lead,Jo Bloggs,,020 7946 0000,,',
    ]);
    const before = exportDirectory(allPartners(t.db));
    const preview = previewImport(t.db, file);
    if (preview.cancelled || preview.status !== 'ready') throw new Error('expected a ready preview');
    t.db.exec("CREATE TRIGGER fail_omega BEFORE INSERT ON partners WHEN NEW.name = 'Omega' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
    expect(() => change((tx) => confirmImport(tx, preview.token))).toThrow(/disk on fire/);
    expect(exportDirectory(allPartners(t.db)).equals(before)).toBe(true);
    expect(listAudit(t.db)).toEqual([]);
  });

  it('reports a file-level problem without remembering anything', () => {
    fs.writeFileSync(file, Buffer.from('partner_name\nZo\xeb\n', 'latin1'));
    const preview = previewImport(t.db, file);
    expect(preview).toMatchObject({ status: 'file_error', fileName: 'directory.csv' });
    if (!preview.cancelled && preview.status === 'file_error') expect(preview.message).toMatch(/not UTF-8/);
  });

  it('round trips through the store: export then import changes nothing', () => {
    insertPartner(
      t.db,
      aPartnerInput({
        name: 'Peabody',
        approvalRouteNotes: '=HYPERLINK("http://x","y")',
        contacts: [aContact(), aContact({ kind: 'lettings', phone: '+44 20 7946 0000' })],
      }),
      NOW,
    );
    insertPartner(t.db, aPartnerInput({ name: 'Old Homes', status: 'left', contacts: [], stockBoroughs: [] }), NOW);
    fs.writeFileSync(file, exportDirectory(allPartners(t.db)));
    const preview = previewImport(t.db, file);
    expect(preview).toMatchObject({ status: 'ready', toAdd: [], toUpdate: [], unchanged: 2, errors: [] });
  });
});
