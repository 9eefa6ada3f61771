import type { CaseState } from '../../contract/cases';

/*
 * Issue 9: sending the request to partners is `circulation.send`, which makes the pack and records who it went to in
 * the same transaction as the move to 'Circulated'. A bare state change to 'Circulated' from 'Approved' (a first
 * circulation) or from 'Circulated' (a re-circulation) would claim a send that has no pack and no recipients, so the
 * generic transition refuses it. Going back into circulation after a decline, and resuming a held case, send
 * nothing new: the request already went out and its record stands, so those stay plain transitions.
 */
export function isPackDriven(from: CaseState, to: CaseState): boolean {
  return to === 'circulated' && (from === 'approved' || from === 'circulated');
}

export const CIRCULATE_FROM_PANEL = "Circulate the request from the case's Circulation panel: the pack and its recipients are recorded there.";
