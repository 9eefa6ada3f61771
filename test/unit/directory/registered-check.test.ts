import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Partner, RegisteredCheckResult } from '../../../contract/partners';
import { partnerMatchKey } from '../../../contract/partner-names';
import { createTestCore, setUp, type TestCore } from '../helpers/test-core';
import { tableSnapshot } from '../helpers/table-snapshot';
import { csvBytes, parseCsv, writeCsv } from '../../../main/directory/csv';
import { aContact, aPartnerInput } from './builders';

// The registered check as the referral form and the Partners screen call it: through the IPC registry.

let t: TestCore;
const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
  const res = await t.call(channel, payload);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error?.message}`);
  return res.value as T;
};
const check = (name: string) => ok<RegisteredCheckResult>('partners.registeredCheck', { name });

beforeEach(async () => {
  t = createTestCore({ today: () => '2026-03-02' });
  await setUp(t);
});
afterEach(() => t.cleanup());

describe('match key', () => {
  it('drops the words that say what kind of body a landlord is, and punctuation', () => {
    for (const name of ['Hackney Council', 'LB Hackney', 'London Borough of Hackney', 'L.B. Hackney', 'Hackney Borough Council']) {
      expect(partnerMatchKey(name), name).toBe(partnerMatchKey('hackney'));
    }
    expect(partnerMatchKey('Royal Borough of Kensington & Chelsea')).toBe('kensington and chelsea');
    expect(partnerMatchKey('Peabody Trust')).toBe('peabody');
    expect(partnerMatchKey('Clarion Housing Group Ltd')).toBe('clarion');
    expect(partnerMatchKey('Notting Hill Genesis')).toBe('notting hill genesis');
    // A name made only of such words keeps them rather than match everything.
    expect(partnerMatchKey('Housing Trust')).toBe('housing trust');
  });
});

describe('partners.registeredCheck', () => {
  beforeEach(async () => {
    await ok('partners.create', aPartnerInput({ name: 'London Borough of Hackney', stockBoroughs: ['E09000012'] }));
    await ok('partners.create', aPartnerInput({ name: 'Peabody', type: 'housing_association', stockBoroughs: ['E09000012', 'E09000030'] }));
    await ok('partners.create', aPartnerInput({ name: 'Royal Borough of Greenwich', stockBoroughs: ['E09000011'] }));
  });

  it('finds "Hackney Council", "LB Hackney" and "Peabody Trust" by their normalised names', async () => {
    for (const [typed, partner] of [
      ['Hackney Council', 'London Borough of Hackney'],
      ['LB Hackney', 'London Borough of Hackney'],
      ['Peabody Trust', 'Peabody'],
      ['greenwich council', 'Royal Borough of Greenwich'],
    ] as const) {
      const result = await check(typed);
      expect(result, typed).toMatchObject({ state: 'registered', matchedBy: 'normalised', partner: { name: partner } });
      expect(result.message).toBe(`“${typed}” is ${partner}. ${partner} is registered with the scheme and active.`);
    }
  });

  it('finds a partner by one of its other names, which are saved, audited and kept unique', async () => {
    const hackney = (await ok<Partner[]>('partners.list', { search: 'hackney' }))[0]!;
    const detail = await ok<{ partner: Partner }>('partners.get', { id: hackney.id });
    const saved = await ok<Partner>('partners.update', { ...detail.partner, aliases: ['LBH', 'Hackney Homes Direct'] });
    expect(saved.aliases).toEqual(['Hackney Homes Direct', 'LBH']);
    expect(await check('lbh')).toMatchObject({ state: 'registered', matchedBy: 'alias', partner: { id: hackney.id } });

    const history = await ok<{ history: { summary: string }[] }>('partners.get', { id: hackney.id });
    expect(history.history[0]?.summary).toBe('Partner London Borough of Hackney updated: other names');

    // Another partner cannot claim the same other name, nor take it as its own name: nothing changes.
    const db = t.core.services.db();
    const before = tableSnapshot(db);
    const peabody = (await ok<Partner[]>('partners.list', { search: 'peabody' }))[0]!;
    const peabodyDetail = await ok<{ partner: Partner }>('partners.get', { id: peabody.id });
    const clash = await t.call('partners.update', { ...peabodyDetail.partner, aliases: ['LBH'] });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: { 'aliases.0': 'This is already another name of London Borough of Hackney' } },
    });
    const named = await t.call('partners.create', aPartnerInput({ name: 'lbh', contacts: [aContact()] }));
    expect(named).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const own = await t.call('partners.update', { ...peabodyDetail.partner, aliases: ['Peabody'] });
    expect(own).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(tableSnapshot(db)).toEqual(before);
  });

  it('offers the closest partners, by name and by borough, when nothing matches', async () => {
    const typo = await check('Peabdoy');
    expect(typo).toMatchObject({ state: 'not_registered', matchedBy: null, partner: null });
    expect(typo.similar.map((p) => p.name)).toEqual(['Peabody']);

    const borough = await check('Hackney Homes Partnership');
    expect(borough.state).toBe('not_registered');
    expect(borough.similar[0]?.name).toBe('London Borough of Hackney');
    expect(borough.message).toBe('No partner called “Hackney Homes Partnership” is registered. Did you mean one of the partners below?');

    expect(await check('Barnet Homes')).toMatchObject({ state: 'not_registered', similar: [] });
  });

  it('never picks one of two partners that share a normalised name', async () => {
    await ok('partners.create', aPartnerInput({ name: 'Hackney Homes', type: 'housing_association' }));
    const result = await check('Hackney Council');
    expect(result).toMatchObject({ state: 'not_registered', partner: null });
    expect(result.similar.map((p) => p.name).sort()).toEqual(['Hackney Homes', 'London Borough of Hackney']);
  });
});

describe('other names in the directory CSV', () => {
  it('exports them and imports them back; an older file without the column leaves them alone', async () => {
    await ok('partners.create', aPartnerInput({ name: 'London Borough of Hackney', aliases: ['LBH', 'Hackney Council'] }));
    const file = path.join(t.dataDir, 'directory.csv');
    t.dialogs.save.push(file);
    await ok('partners.export');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\r\n')[0]?.endsWith(',partner_aliases')).toBe(true);
    expect(text).toContain('Hackney Council; LBH');

    // Change the names in the file, import: the partner now has the file's names.
    fs.writeFileSync(file, text.replace('Hackney Council; LBH', 'LB Hackney'));
    t.dialogs.open.push(file);
    const preview = await ok<{ token: string; toUpdate: { changes: string[] }[] }>('partners.importPreview');
    expect(preview.toUpdate[0]?.changes).toEqual(['Other names added: LB Hackney', 'Other names removed: Hackney Council, LBH']);
    await ok('partners.importConfirm', { token: preview.token });
    expect(await check('LB Hackney')).toMatchObject({ matchedBy: 'alias' });

    // A contact list from before other names existed: 13 columns, no partner_aliases.
    const parsed = parseCsv(fs.readFileSync(file));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const old = parsed.records.map((r) => r.cells.slice(0, 13).map((c) => c.replace('Emergency panel, meets Tuesdays', 'Panel on Fridays')));
    fs.writeFileSync(file, csvBytes(writeCsv(old)));
    t.dialogs.open.push(file);
    const second = await ok<{ token: string; toUpdate: { changes: string[] }[] }>('partners.importPreview');
    expect(second.toUpdate[0]?.changes).toEqual(['Approval route notes changed']);
    await ok('partners.importConfirm', { token: second.token });
    const [partner] = await ok<Partner[]>('partners.list', {});
    expect((await ok<{ partner: Partner }>('partners.get', { id: partner!.id })).partner.aliases).toEqual(['LB Hackney']);
  });
});
