import type { AppServices } from '../app/services';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';
import { z } from 'zod';
import { resyncAllDeadlines } from './deadline-sync';
import { deadlinePolicy, readCasePolicy } from './policy';

/*
 * Stored due dates (`cases.next_due_on`) were counted by the rules of the app that wrote them. When the rules
 * change (calendar days became working days; every open state gained a "no progress" reminder), every open case is
 * counted again, once, as one audited change. A migration cannot do it: it must not run the app's live rules.
 */

const KEY = 'cases.deadlineRules';
/** Bump when the deadline rules change in a way that moves stored due dates. */
export const DEADLINE_RULES_VERSION = 2;

const checked = new WeakSet<Db>();

export function ensureDeadlinesCurrent(services: Pick<AppServices, 'db' | 'change'>): void {
  const db = services.db();
  if (checked.has(db)) return;
  // Absent means a database created with these rules; migration 004 writes 1 where older due dates are stored.
  const stored = readSetting(db, KEY, z.number().int(), DEADLINE_RULES_VERSION);
  if (stored !== DEADLINE_RULES_VERSION) {
    services.change((tx) => {
      const moved = resyncAllDeadlines(tx.db, deadlinePolicy(readCasePolicy(tx.db)));
      writeSetting(tx.db, KEY, DEADLINE_RULES_VERSION);
      tx.audit({
        action: 'cases.deadlines_recounted',
        entityType: 'settings',
        entityId: KEY,
        summary: `Deadlines counted again in working days, with a reminder in every open state; ${moved} ${moved === 1 ? 'case has' : 'cases have'} a new due date`,
        changes: [{ field: 'deadlineRules', before: stored, after: DEADLINE_RULES_VERSION }],
      });
    });
  }
  checked.add(db);
}
