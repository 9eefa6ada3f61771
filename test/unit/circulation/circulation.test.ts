import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  BatchCandidate,
  BatchOutcome,
  CaseCirculations,
  CirculationPlan,
  PackPreview,
  PartnerRequestReceived,
  SendOutcome,
} from '../../../contract/circulation';
import type { CaseDetail } from '../../../contract/case-views';
import { PASSPHRASE_WORDS } from '../../../main/circulation/passphrase';
import { circulationWorld, lettings, type CirculationWorld } from './circulation-fixture';

/*
 * Circulation through the real registry and store: the distribution list, marking a pack sent as one transaction,
 * the frozen record, re-circulation, the exports, and the batch. Every refusal leaves every table as it was.
 */

const CAMDEN = 'E09000007';
const BARNET = 'E09000003';
const BRENT = 'E09000005';
const WESTMINSTER = 'E09000033';
const TABLES = ['cases', 'case_events', 'audit_log', 'circulations', 'circulation_recipients', 'circulation_boroughs', 'exports'];

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function directory(w: CirculationWorld) {
  const peabody = await w.partner('Peabody', [CAMDEN, WESTMINSTER], {
    contacts: [
      { kind: 'named_lead', name: 'Pat Lead', role: 'Named Lead', phone: '020 7946 0301', email: 'pat@peabody.example.org' },
      lettings('Lee Lettings', 'lee@peabody.example.org', 'lee@peabody.example.org.cjsm.net'),
    ],
  });
  const clarion = await w.partner('Clarion Housing', [BARNET]);
  const suspended = await w.partner('Suspended Homes', [CAMDEN], { status: 'suspended' });
  const left = await w.partner('Former Homes', [CAMDEN], { status: 'left' });
  const noEmail = await w.partner('Quiet Homes', [BRENT], {
    contacts: [{ kind: 'named_lead', name: 'Quinn Lead', role: 'Named Lead', phone: '020 7946 0401' }],
  });
  return { peabody, clarion, suspended, left, noEmail };
}

/** The requested boroughs of the builder's referral (Barnet, Brent, Camden, Croydon, Ealing). */
const counts = (w: CirculationWorld) => Object.fromEntries(TABLES.map((t) => [t, w.count(t)]));

describe('circulation', () => {
  let w: CirculationWorld;
  afterEach(() => w.cleanup());

  it('lists every active partner with stock in a requested borough and its circulation contacts, and says why the others are left out', async () => {
    w = await circulationWorld();
    const d = await directory(w);
    const id = await w.approvedCase();
    const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });

    expect(plan.kind).toBe('first');
    expect(plan.blockedBecause).toBeNull();
    expect(plan.recipients.map((r) => [r.partnerName, r.boroughs, r.contacts.map((c) => c.name)])).toEqual([
      ['Clarion Housing', [BARNET], ['Clarion Lead']],
      // Lettings contacts receive requests; the Named Lead only when there is no lettings contact.
      ['Peabody', [CAMDEN], ['Lee Lettings']],
    ]);
    const why = Object.fromEntries(plan.excluded.map((e) => [e.partnerId, [e.reason, e.message]]));
    expect(why[d.suspended]).toEqual(['suspended', 'Suspended since 01/04/2024']);
    expect(why[d.left]).toEqual(['left', 'Left the scheme on 01/04/2024']);
    expect(why[d.noEmail]?.[0]).toBe('no_contact');
    expect(why[w.landlordId]).toEqual(['no_stock', 'No stock in the requested boroughs']);

    const addresses = await w.ok<{ text: string; count: number }>('circulation.addressList', { caseId: id });
    expect(addresses).toEqual({ text: 'Clarion Lead <clarion@example.gov.uk>; Lee Lettings <lee@peabody.example.org.cjsm.net>', count: 2 });
  });

  it('saves the pack and marks it sent in one transaction: circulation, frozen recipients, export, state and audit', async () => {
    w = await circulationWorld();
    const d = await directory(w);
    const id = await w.approvedCase();
    const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });

    const preview = await w.ok<PackPreview>('circulation.preview', { caseId: id });
    const previewFile = path.join(w.outside, 'preview.pdf');
    fs.writeFileSync(previewFile, Buffer.from(preview.pdfBase64, 'base64'));
    expect(pdfText(previewFile)).toContain(`Property request ${plan.reference}`);
    // A preview is not an export: nothing is recorded or sent.
    expect(w.count('exports')).toBe(0);
    fs.rmSync(previewFile);

    const file = path.join(w.outside, 'pack.pdf');
    w.t.dialogs.save.push(file);
    const sent = await w.ok<SendOutcome>('circulation.send', { caseId: id, encrypt: false, planKey: plan.planKey });
    if (sent.cancelled) throw new Error('cancelled');
    expect(sent.passphrase).toBeNull();
    expect(sent.circulation.packSha256).toBe(sha256(file));
    expect(sent.circulation.kind).toBe('first');
    expect(sent.circulation.circulatedOn).toBe('2026-03-10');
    expect(sent.circulation.boroughs.map((b) => b.code)).toEqual(plan.boroughs);
    expect(sent.circulation.recipients.map((r) => `${r.partnerName}: ${r.contactName}`)).toEqual(['Clarion Housing: Clarion Lead', 'Peabody: Lee Lettings']);

    const detail = await w.ok<CaseDetail>('cases.get', { id });
    expect(detail.state).toBe('circulated');
    expect(detail.dates.circulatedOn).toBe('2026-03-10');
    expect(detail.timeline.some((e) => e.kind === 'transition' && e.toState === 'circulated')).toBe(true);
    const exported = w.t.core.services.db().prepare('SELECT kind, case_id, sha256, holds_identity, encrypted, file_name FROM exports').all();
    expect(exported).toEqual([{ kind: 'pack', case_id: id, sha256: sha256(file), holds_identity: 0, encrypted: 0, file_name: 'pack.pdf' }]);
    const audit = await w.ok<{ entries: { action: string; summary: string }[] }>('audit.list', { caseId: id });
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['circulation.sent', 'case.transition']));

    // A later directory edit does not rewrite who received it.
    const peabody = await w.ok<{ partner: Record<string, unknown> & { contacts: Record<string, unknown>[] } }>('partners.get', { id: d.peabody });
    await w.ok('partners.update', {
      ...peabody.partner,
      name: 'Peabody Trust',
      contacts: peabody.partner.contacts.map((c) => ({ ...c, name: c['kind'] === 'lettings' ? 'Lou Renamed' : c['name'] })),
    });
    const history = await w.ok<CaseCirculations>('circulation.history', { caseId: id });
    expect(history.unrecorded).toBeNull();
    expect(history.circulations[0]?.recipients.map((r) => `${r.partnerName}: ${r.contactName}`)).toEqual([
      'Clarion Housing: Clarion Lead',
      'Peabody: Lee Lettings',
    ]);
    const received = await w.ok<PartnerRequestReceived[]>('circulation.partnerRequests', { partnerId: d.peabody });
    expect(received.map((r) => [r.reference, r.circulatedOn, r.contacts])).toEqual([[plan.reference, '2026-03-10', ['Lee Lettings']]]);
    expect(await w.ok('circulation.partnerRequests', { partnerId: d.suspended })).toEqual([]);

    // Unchanged since it went out: sending again is refused and changes nothing.
    const before = counts(w);
    const again = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
    expect(again.blockedBecause).toMatch(/has not changed since it was circulated/);
    w.t.dialogs.save.push(path.join(w.outside, 'again.pdf'));
    expect((await w.refused('circulation.send', { caseId: id, encrypt: false, planKey: again.planKey })).code).toBe('RULE');
    expect(counts(w)).toEqual(before);
    expect(fs.existsSync(path.join(w.outside, 'again.pdf'))).toBe(false);
  });

  it('a cancelled dialog, a stale plan or a file that cannot be written leaves every table and the case as they were', async () => {
    w = await circulationWorld();
    await directory(w);
    const id = await w.approvedCase();
    const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
    const before = counts(w);

    w.t.dialogs.save.push(null);
    expect(await w.ok('circulation.send', { caseId: id, encrypt: true, planKey: plan.planKey })).toEqual({ cancelled: true });
    expect((await w.refused('circulation.send', { caseId: id, encrypt: false, planKey: 'not-the-plan' })).code).toBe('CONFLICT');

    // The directory changes after the coordinator looked: the list they saw is not the list it would go to.
    await w.partner('Camden Council', [CAMDEN]);
    const afterPartner = counts(w);
    // Refused before the save dialog is even shown.
    expect((await w.refused('circulation.send', { caseId: id, encrypt: false, planKey: plan.planKey })).code).toBe('CONFLICT');
    expect(counts(w)).toEqual(afterPartner);

    const fresh = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
    w.t.dialogs.save.push(path.join(w.outside, 'no-such-folder', 'pack.pdf'));
    const failed = await w.refused('circulation.send', { caseId: id, encrypt: false, planKey: fresh.planKey });
    expect(failed.code).toBe('IO');
    expect(counts(w)).toEqual(afterPartner);
    expect((await w.ok<CaseDetail>('cases.get', { id })).state).toBe('approved');
    expect(before['circulations']).toBe(0);
    expect(fs.readdirSync(w.outside)).toEqual([]);
  });

  it('a case whose boroughs have no active partner cannot be sent, and says why', async () => {
    w = await circulationWorld();
    await directory(w);
    const id = await w.approvedCase(() => ({ requestedBoroughs: ['E09000020', 'E09000021'], requestedBoroughsReason: 'Only these are safe' }));
    const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
    expect(plan.recipients).toEqual([]);
    expect(plan.blockedBecause).toMatch(/^No active partner with a circulation contact holds stock in any of the requested boroughs/);
    expect(plan.excluded.length).toBeGreaterThan(0);
    const before = counts(w);
    w.t.dialogs.save.push(path.join(w.outside, 'pack.pdf'));
    const refused = await w.refused('circulation.send', { caseId: id, encrypt: false, planKey: plan.planKey });
    expect(refused).toMatchObject({ code: 'RULE', message: expect.stringMatching(/Nothing was sent\.$/) });
    expect((await w.refused('circulation.exportList', { caseId: id })).code).toBe('RULE');
    expect(counts(w)).toEqual(before);
    expect((await w.ok<CaseDetail>('cases.get', { id })).state).toBe('approved');
  });

  it('re-circulates after boroughs are added: new partners only by default, everyone on request, with what changed', async () => {
    w = await circulationWorld();
    const d = await directory(w);
    const id = await w.approvedCase();
    const first = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
    w.t.dialogs.save.push(path.join(w.outside, 'first.pdf'));
    await w.ok('circulation.send', { caseId: id, encrypt: false, planKey: first.planKey });

    const westway = await w.partner('Westway Homes', [WESTMINSTER], {
      contacts: [
        lettings('Wes Lettings', 'wes@westway.example.org'),
        { kind: 'named_lead', name: 'Wyn Lead', role: 'Named Lead', email: 'wyn@westway.example.org' },
      ],
    });
    await w.ok('cases.addBoroughs', { id, boroughs: [WESTMINSTER], note: '' });
    const plan = await w.ok<CirculationPlan>('circulation.plan', { caseId: id });
    expect(plan.kind).toBe('recirculation');
    expect(plan.audience).toBe('new_partners');
    expect(plan.newBoroughs).toEqual([WESTMINSTER]);
    expect(plan.changes).toEqual(['Boroughs added: Westminster.']);
    expect(plan.recipients.map((r) => [r.partnerName, r.isNew])).toEqual([['Westway Homes', true]]);
    expect(plan.excluded.find((e) => e.partnerId === d.peabody)).toMatchObject({
      reason: 'already_received',
      message: 'Already received this request on 10/03/2026',
    });

    const everyone = await w.ok<CirculationPlan>('circulation.plan', { caseId: id, audience: 'everyone' });
    expect(everyone.recipients.map((r) => [r.partnerName, r.isNew])).toEqual([
      ['Clarion Housing', false],
      ['Peabody', false],
      ['Westway Homes', true],
    ]);
    // Peabody's Westminster stock now counts too.
    expect(everyone.recipients.find((r) => r.partnerId === d.peabody)?.boroughs).toEqual([CAMDEN, WESTMINSTER]);

    const file = path.join(w.outside, 'second.pdf');
    w.t.dialogs.save.push(file);
    const sent = await w.ok<SendOutcome>('circulation.send', { caseId: id, encrypt: true, planKey: plan.planKey });
    if (sent.cancelled) throw new Error('cancelled');
    const words = sent.passphrase?.split(' ') ?? [];
    expect(words.length).toBeGreaterThanOrEqual(5);
    expect(words.every((word) => PASSPHRASE_WORDS.includes(word))).toBe(true);
    expect(sent.circulation).toMatchObject({ sequence: 2, kind: 'recirculation', encrypted: true, changes: ['Boroughs added: Westminster.'] });
    expect(sent.circulation.recipients.map((r) => r.partnerId)).toEqual([westway]);
    expect(sent.circulation.boroughs.filter((b) => b.isNew).map((b) => b.code)).toEqual([WESTMINSTER]);
    const decrypted = path.join(w.outside, 'decrypted.pdf');
    execFileSync('qpdf', [`--password=${sent.passphrase}`, '--decrypt', file, decrypted]);
    const text = pdfText(decrypted);
    expect(text).toContain('What changed since the last circulation');
    expect(text).toContain('Boroughs added: Westminster.');

    const detail = await w.ok<CaseDetail>('cases.get', { id });
    expect(detail.needsRecirculation).toBe(false);
    const history = await w.ok<CaseCirculations>('circulation.history', { caseId: id });
    expect(history.circulations.map((c) => c.sequence)).toEqual([2, 1]);

    // The passphrase can be read out again later; that is recorded.
    const shown = await w.ok<{ passphrase: string }>('circulation.revealPassphrase', { circulationId: sent.circulation.id });
    expect(shown.passphrase).toBe(sent.passphrase);
    const audit = await w.ok<{ entries: { action: string }[] }>('audit.list', { caseId: id });
    expect(audit.entries.map((e) => e.action)).toContain('circulation.passphrase_shown');
    expect((await w.refused('circulation.revealPassphrase', { circulationId: history.circulations[1]!.id })).code).toBe('RULE');
  });

  it('exports the distribution list as CSV and records the export', async () => {
    w = await circulationWorld();
    await directory(w);
    const id = await w.approvedCase();
    const file = path.join(w.outside, 'list.csv');
    w.t.dialogs.save.push(file);
    expect(await w.ok('circulation.exportList', { caseId: id })).toEqual({ cancelled: false, fileName: 'list.csv', rows: 2 });
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Reference,Partner,Type,Stock in requested boroughs,New for this circulation,Contact,Role,Secure email,Email,Phone');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 2)[0])).toEqual(['Clarion Housing', 'Peabody']);
    expect(w.t.core.services.db().prepare('SELECT kind, holds_identity FROM exports').all()).toEqual([{ kind: 'distribution_list', holds_identity: 0 }]);
  });

  it('circulates every approved case in one batch, with progress, skipping the ones that cannot be sent, and stops when cancelled', async () => {
    w = await circulationWorld();
    await directory(w);
    const a = await w.approvedCase();
    const b = await w.approvedCase();
    const empty = await w.approvedCase(() => ({ requestedBoroughs: ['E09000020'], requestedBoroughsReason: 'Only one is safe' }));
    const candidates = await w.ok<BatchCandidate[]>('circulation.batchCandidates');
    expect(candidates.map((c) => [c.caseId, c.blockedBecause === null])).toEqual([
      [a, true],
      [b, true],
      [empty, false],
    ]);

    const folder = path.join(w.outside, 'Property requests');
    w.t.dialogs.save.push(folder);
    const outcome = await w.ok<BatchOutcome>('circulation.batchRun', { task: 'batch-1', encrypt: true, caseIds: [a, b, empty] });
    if (outcome.cancelled) throw new Error('cancelled');
    expect(outcome.results.map((r) => r.status)).toEqual(['sent', 'sent', 'skipped']);
    expect(outcome.results[2]?.message).toMatch(/No active partner/);
    expect(outcome.results.filter((r) => r.status === 'sent').every((r) => (r.passphrase?.split(' ').length ?? 0) >= 5)).toBe(true);
    expect(fs.readdirSync(folder).sort()).toEqual(outcome.results.flatMap((r) => (r.fileName ? [r.fileName] : [])).sort());
    // Progress from the worker that made the packs, then from recording each one as sent.
    const progress = (kind: string) => w.t.events.flatMap((e) => (e.type === 'progress' && e.kind === kind ? [`${e.done}/${e.total}`] : []));
    expect(progress('circulation.packs')).toEqual(['0/0', '0/3', '1/3', '2/3', '3/3']);
    expect(progress('circulation.record')).toEqual(['1/3', '2/3', '3/3']);
    for (const id of [a, b]) expect((await w.ok<CaseDetail>('cases.get', { id })).state).toBe('circulated');
    expect((await w.ok<CaseDetail>('cases.get', { id: empty })).state).toBe('approved');
    expect(w.count('exports')).toBe(2);

    // Cancelled after the first pack is recorded: that case is sent, the others untouched.
    const more = [await w.approvedCase(), await w.approvedCase(), await w.approvedCase()];
    w.t.dialogs.save.push(path.join(w.outside, 'second batch'));
    const running = w.t.call('circulation.batchRun', { task: 'batch-2', encrypt: false, caseIds: more });
    while (!w.t.events.some((e) => e.type === 'progress' && e.taskId === 'batch-2' && e.kind === 'circulation.record' && e.done === 1))
      await new Promise((r) => setImmediate(r));
    expect(await w.ok('circulation.batchCancel', { task: 'batch-2' })).toEqual({ cancelled: true });
    const stopped = (await running).value as BatchOutcome;
    if (stopped.cancelled) throw new Error('cancelled');
    expect(stopped.stoppedEarly).toBe(true);
    expect(stopped.results.length).toBeLessThan(3);
    const states = await Promise.all(more.map(async (id) => (await w.ok<CaseDetail>('cases.get', { id })).state));
    expect(states.filter((s) => s === 'circulated').length).toBe(stopped.sent);
    expect(w.count('circulations')).toBe(2 + stopped.sent);
    expect(await w.ok('circulation.batchCancel', { task: 'batch-2' })).toEqual({ cancelled: false });
  }, 120_000);

  it('keeps its policy: risk category off by default, re-circulation to new partners only, both audited when changed', async () => {
    w = await circulationWorld();
    expect(await w.ok('circulation.getPolicy')).toEqual({ showRiskCategory: false, recirculationAudience: 'new_partners' });
    await w.ok('circulation.updatePolicy', { showRiskCategory: true, recirculationAudience: 'everyone' });
    expect(await w.ok('circulation.getPolicy')).toEqual({ showRiskCategory: true, recirculationAudience: 'everyone' });
    expect((await w.refused('circulation.updatePolicy', { showRiskCategory: 'yes', recirculationAudience: 'everyone' })).code).toBe('VALIDATION');
    const audit = await w.ok<{ entries: { action: string }[] }>('audit.list', {});
    expect(audit.entries.map((e) => e.action)).toContain('settings.circulation_policy_updated');
  });
});
