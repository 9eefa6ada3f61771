import type { Db, Migration } from '../types';

/*
 * The scheme's intake and lifecycle rules (issue 7). Values are written out here, not imported from contract/, so
 * that this migration never changes when the app's lists do.
 */

const DATE = (column: string) => `CHECK (${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = '${v}'`).join(' OR ')})`;

/**
 * Widens one CHECK constraint of a table in place, by editing its CREATE statement, as SQLite documents for changes
 * that cannot invalidate stored rows (https://www.sqlite.org/lang_altertable.html, "otheralter"): a new allowed value
 * only relaxes the check. Rebuilding `cases` instead would have to drop it, which its ON DELETE RESTRICT children
 * refuse, and would silently drop the indexes and triggers other features hang on it.
 */
function widenCheck(db: Db, table: string, from: string, to: string): void {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", { pluck: true }).get([table]);
  if (typeof sql !== 'string') throw new Error(`Migration 004: no table ${table}`);
  const at = sql.indexOf(from);
  if (at < 0 || sql.indexOf(from, at + 1) >= 0) throw new Error(`Migration 004: the check on ${table} is not as expected`);
  const version = Number(db.pragma('schema_version', { simple: true }));
  db.exec('PRAGMA writable_schema = ON');
  try {
    db.prepare("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?").run([sql.replace(from, to), table]);
    // A new schema version makes every connection (this one included) re-read the schema.
    db.exec(`PRAGMA schema_version = ${version + 1}`);
  } finally {
    db.exec('PRAGMA writable_schema = OFF');
  }
}

const QUIET_DEFAULTS = {
  referral_received: 5,
  landlord_declined: 10,
  offer_made: 10,
  viewing: 5,
  offer_accepted: 10,
  moved: 10,
  on_hold: 20,
  withdrawn: 5,
};

/** Calendar days → working days, 5 for every 7: "a week" becomes 5 working days, 90 days becomes 64. */
const toWorkingDays = (days: unknown, fallback: number, min: number, max: number) =>
  typeof days === 'number' && Number.isFinite(days) ? Math.min(max, Math.max(min, Math.round((days * 5) / 7))) : fallback;

/** The stored policy, re-expressed in working days, with the new settings at their defaults. */
function migratePolicy(db: Db): void {
  const raw = db.prepare("SELECT value FROM settings WHERE key = 'cases.policy'", { pluck: true }).get();
  if (typeof raw !== 'string') return;
  let old: Record<string, unknown>;
  try {
    old = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return; // unreadable: the app falls back to the defaults, as it did before
  }
  const { circulateWithinDays, reviewNoOfferAfterDays, ...rest } = old;
  const next = {
    ...rest,
    circulateWithinWorkingDays: toWorkingDays(circulateWithinDays, 5, 1, 60),
    chaseIntervalWorkingDays: 5,
    reviewNoOfferAfterWorkingDays: toWorkingDays(reviewNoOfferAfterDays, 65, 5, 500),
    noProgressWorkingDays: QUIET_DEFAULTS,
    minApplicantAge: 18,
  };
  db.prepare("UPDATE settings SET value = ? WHERE key = 'cases.policy'").run([JSON.stringify(next)]);
}

export const m004IntakeRules: Migration = {
  version: 8,
  name: 'intake-rules',
  up(db) {
    // A new closure reason, two new deadline kinds, chases on the timeline, and overrides for a landlord that left.
    widenCheck(db, 'cases', "closure_reason = 'other')", "closure_reason = 'other' OR closure_reason = 'offer_declined_no_further_offer')");
    widenCheck(
      db,
      'cases',
      "next_due_kind = 'review_no_offer')",
      "next_due_kind = 'review_no_offer' OR next_due_kind = 'no_progress' OR next_due_kind = 'close_case')",
    );
    widenCheck(db, 'case_events', "kind = 'boroughs_added')", "kind = 'boroughs_added' OR kind = 'chase')");
    widenCheck(db, 'case_overrides', "rule IN ('landlord_suspended', 'ledger_cap')", oneOf('rule', ['landlord_suspended', 'ledger_cap', 'landlord_left']));

    db.exec(`
      -- Chasing: the landlord's approval falls due again from the last chase; any contact restarts "no progress".
      ALTER TABLE cases ADD COLUMN last_landlord_chase_on TEXT ${DATE('last_landlord_chase_on')};
      ALTER TABLE cases ADD COLUMN last_contact_on TEXT ${DATE('last_contact_on')};
      -- Temporary accommodation: who placed the household, and where. The home landlord and borough stay those of
      -- the social tenancy held before, whose landlord approves.
      ALTER TABLE cases ADD COLUMN ta_placing_council TEXT NOT NULL DEFAULT '';
      ALTER TABLE cases ADD COLUMN ta_borough TEXT REFERENCES boroughs(code) ON DELETE RESTRICT;

      -- Overrides are recorded at the step they allowed: the referral, the approval or the circulation.
      ALTER TABLE case_overrides ADD COLUMN step TEXT NOT NULL DEFAULT 'referral' CHECK (${oneOf('step', ['referral', 'approved', 'circulated'])});

      -- Household members by year of birth rather than age, so ages stay right while a case waits. The age was
      -- recorded at referral, so the year is the referral's year less the age (a birthday later that year would
      -- make it one earlier: a year of birth is as precise as an age ever was).
      CREATE TABLE case_household_members_new (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind = 'adult' OR kind = 'child'),
        year_of_birth INTEGER NOT NULL CHECK (year_of_birth BETWEEN 1900 AND 2100),
        sex_or_gender TEXT NOT NULL CHECK (${oneOf('sex_or_gender', ['female', 'male', 'non_binary', 'other', 'not_known'])}),
        UNIQUE (case_id, position)
      ) STRICT;
      INSERT INTO case_household_members_new (id, case_id, position, kind, year_of_birth, sex_or_gender)
        SELECT m.id, m.case_id, m.position, m.kind, CAST(substr(c.received_on, 1, 4) AS INTEGER) - m.age, m.sex_or_gender
        FROM case_household_members m JOIN cases c ON c.id = m.case_id;
      DROP TABLE case_household_members;
      ALTER TABLE case_household_members_new RENAME TO case_household_members;

      -- Enquiries that did not become cases. No identity at all: reports count them by date, agency and reason.
      CREATE TABLE enquiries (
        id INTEGER PRIMARY KEY,
        received_on TEXT NOT NULL ${DATE('received_on')},
        agency_kind TEXT NOT NULL CHECK (${oneOf('agency_kind', ['housing', 'domestic_abuse_service', 'social_services', 'police', 'probation', 'health', 'youth_service', 'other'])}),
        reason TEXT NOT NULL CHECK (${oneOf('reason', ['out_of_london', 'landlord_not_partner', 'no_social_tenancy', 'not_at_risk', 'information_only', 'other'])}),
        -- JSON array of signposts.
        signposting TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX enquiries_received ON enquiries(received_on);
    `);

    migratePolicy(db);
    // Due dates stored by the old rules are counted again by the app on first use (main/cases/deadline-upgrade.ts),
    // as an audited change; a migration must not run the app's live rules itself.
    const open = db.prepare("SELECT count(*) FROM cases WHERE state <> 'closed'", { pluck: true }).get();
    if (Number(open) > 0) db.prepare("INSERT INTO settings (key, value) VALUES ('cases.deadlineRules', '1')").run();
  },
};
