import type { RecordChaseRequest } from '../../contract/case-channels';
import { CHASE_TARGET_LABELS } from '../../contract/case-channels';
import { CASE_STATE_LABELS, type CaseState } from '../../contract/cases';
import { formatUkDate } from '../../contract/dates';
import { AppFailure } from '../errors';
import type { CaseEnv, CaseTx } from './case-actions';
import { addEvent } from './case-events';
import { getCaseRow, type CaseRow } from './case-store';
import { syncNextDue } from './deadline-sync';
import { deadlinePolicy } from './policy';

/*
 * Chasing is an action: "chased the landlord" or "chased the Nominating Officer" goes on the timeline and moves the
 * reminder on by the policy's interval (the landlord's approval from the chase; "no progress" from any contact).
 */

/** While the case waits on a landlord: the home landlord's decision, or the receiving landlord during an offer. */
const LANDLORD_STATES: readonly CaseState[] = ['awaiting_landlord_approval', 'offer_made', 'viewing', 'offer_accepted'];

export function canChase(row: Pick<CaseRow, 'state'>): { landlord: boolean; nominatingOfficer: boolean } {
  return { landlord: LANDLORD_STATES.includes(row.state), nominatingOfficer: row.state !== 'closed' };
}

const later = (a: string | null, b: string) => (a !== null && a > b ? a : b);

export function recordChase(tx: CaseTx, req: Required<Pick<RecordChaseRequest, 'id' | 'who' | 'note'>> & RecordChaseRequest, env: CaseEnv): void {
  const row = getCaseRow(tx.db, req.id);
  if (row.state === 'closed') throw new AppFailure('RULE', `Case ${row.reference} is closed, so there is nobody to chase. Nothing was changed.`);
  if (req.who === 'landlord' && !canChase(row).landlord) {
    throw new AppFailure(
      'RULE',
      `While the case is '${CASE_STATE_LABELS[row.state]}' it is not waiting on a landlord; chase the Nominating Officer instead. Nothing was changed.`,
      { fields: { who: 'No landlord is being waited on now' } },
    );
  }
  const on = req.on ?? env.today;
  if (on > env.today) {
    throw new AppFailure('VALIDATION', `The date cannot be after today (${formatUkDate(env.today)}). Nothing was changed.`, {
      fields: { on: `Enter a date on or before ${formatUkDate(env.today)}` },
    });
  }
  if (on < row.state_entered_on) {
    throw new AppFailure(
      'VALIDATION',
      `The date cannot be before ${formatUkDate(row.state_entered_on)}, when the case became '${CASE_STATE_LABELS[row.state]}'. Nothing was changed.`,
      { fields: { on: `Enter a date on or after ${formatUkDate(row.state_entered_on)}` } },
    );
  }
  const landlordChase = req.who === 'landlord' ? later(row.last_landlord_chase_on, on) : row.last_landlord_chase_on;
  const contact = later(row.last_contact_on, on);
  const at = tx.now.toISOString();
  tx.db.prepare('UPDATE cases SET last_landlord_chase_on = ?, last_contact_on = ?, updated_at = ? WHERE id = ?').run([landlordChase, contact, at, req.id]);
  const label = CHASE_TARGET_LABELS[req.who];
  addEvent(tx.db, { caseId: req.id, at, on, kind: 'chase', actor: tx.actor, text: req.note, summary: label });
  syncNextDue(tx.db, req.id, deadlinePolicy(env.policy));
  const after = getCaseRow(tx.db, req.id);
  tx.audit({
    action: 'case.chased',
    entityType: 'case',
    entityId: req.id,
    caseId: req.id,
    summary: `Case ${row.reference}: ${label.toLowerCase()}`,
    changes: [
      { field: 'chased', before: null, after: req.who },
      { field: 'nextDueOn', before: row.next_due_on, after: after.next_due_on },
    ],
    reason: req.note === '' ? null : req.note,
  });
}
