import { afterEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../contract/case-views';
import { circulationWorld, type CirculationWorld } from '../circulation/circulation-fixture';
import { circulate } from '../helpers/circulate';
import { tableSnapshot } from '../helpers/table-snapshot';

/*
 * Issue 9's lifecycle gap: a case reaches 'Circulated' only with its pack and recipients recorded
 * (`circulation.send`). The plain state change is refused over IPC, for a first circulation and a re-circulation,
 * and changes nothing; the moves that send nothing new (resuming a held case, back into circulation after a
 * decline) stay plain transitions.
 */

const BARNET = 'E09000003';
const WESTMINSTER = 'E09000033';
const MESSAGE = "Circulate the request from the case's Circulation panel: the pack and its recipients are recorded there. Nothing was changed.";

let w: CirculationWorld;
afterEach(() => w.cleanup());

const snapshot = () => tableSnapshot(w.t.core.services.db());

describe('circulated only through circulation.send', () => {
  it('refuses a first circulation by plain transition, changing no table, and does not offer it as a button', async () => {
    w = await circulationWorld();
    await w.partner('Clarion Housing', [BARNET]);
    const id = await w.approvedCase();
    const detail = await w.ok<CaseDetail>('cases.get', { id });
    expect(detail.transitions.map((t) => t.to)).not.toContain('circulated');

    const before = snapshot();
    const err = await w.refused('cases.transition', { id, to: 'circulated' });
    expect(err).toMatchObject({ code: 'RULE', message: MESSAGE });
    // A backdated attempt, with a reason, is refused the same way.
    expect((await w.refused('cases.transition', { id, to: 'circulated', effectiveOn: '2026-03-09', reason: 'Sent by email' })).message).toBe(MESSAGE);
    expect(snapshot()).toEqual(before);

    await circulate(w.t, id);
    const sent = await w.ok<CaseDetail>('cases.get', { id });
    expect(sent.state).toBe('circulated');
    expect(w.count('circulations')).toBe(1);
    expect(w.count('circulation_recipients')).toBeGreaterThan(0);
  });

  it('refuses a re-circulation by plain transition even when the case needs one', async () => {
    w = await circulationWorld();
    await w.partner('Clarion Housing', [BARNET]);
    await w.partner('Westway Homes', [WESTMINSTER]);
    const id = await w.approvedCase();
    await circulate(w.t, id);
    await w.ok('cases.addBoroughs', { id, boroughs: [WESTMINSTER], note: '' });
    const detail = await w.ok<CaseDetail>('cases.get', { id });
    expect(detail.needsRecirculation).toBe(true);
    expect(detail.transitions.map((t) => t.to)).not.toContain('circulated');

    const before = snapshot();
    expect(await w.refused('cases.transition', { id, to: 'circulated' })).toMatchObject({ code: 'RULE', message: MESSAGE });
    expect(snapshot()).toEqual(before);

    await circulate(w.t, id);
    expect(w.count('circulations')).toBe(2);
    expect((await w.ok<CaseDetail>('cases.get', { id })).needsRecirculation).toBe(false);
  });

  it('still resumes a held case as circulated: nothing new is sent, the recorded circulation stands', async () => {
    w = await circulationWorld();
    await w.partner('Clarion Housing', [BARNET]);
    const id = await w.approvedCase();
    await circulate(w.t, id);
    await w.ok('cases.transition', { id, to: 'on_hold', reason: 'Applicant in hospital' });
    const held = await w.ok<CaseDetail>('cases.get', { id });
    expect(held.transitions.map((t) => t.to)).toContain('circulated');
    await w.ok('cases.transition', { id, to: 'circulated' });
    expect((await w.ok<CaseDetail>('cases.get', { id })).state).toBe('circulated');
    expect(w.count('circulations')).toBe(1);
  });
});
