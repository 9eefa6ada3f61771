import type { Migration } from '../types';

/**
 * `col = 'a' OR col = 'b' …` rather than `col IN ('a', 'b', …)`: SQLite builds a temporary index for an IN list of
 * three or more values every time the CHECK runs, which made each case insert about 0.5 ms slower (measured with
 * SQLCipher). NULL passes, as with IN; nullable columns say so explicitly anyway.
 */
const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = '${v}'`).join(' OR ')})`;
const DATE = (column: string) => `CHECK (${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
// Written out rather than imported from contract/: a shipped migration must not change when the app's lists do.
const CASE_STATES = [
  'referral_received',
  'awaiting_landlord_approval',
  'approved',
  'landlord_declined',
  'circulated',
  'offer_made',
  'viewing',
  'offer_accepted',
  'offer_declined',
  'moved',
  'closed',
  'on_hold',
  'withdrawn',
];
const CLOSURE_REASONS = ['moved', 'withdrawn', 'ineligible', 'landlord_declined', 'no_offer_in_time', 'other'];
const RISK_CATEGORIES = ['domestic_abuse', 'sexual_violence_exploitation', 'honour_based_violence', 'stalking', 'hate_crime', 'serious_youth_violence'];

const BOOL = (column: string) => `CHECK (${column} IN (0, 1))`;

/**
 * Cases: referrals, their people, boroughs, risks and timeline.
 *
 * Designed for the issues that follow:
 * - offers (matching) will reference `cases.id`; `offers_made` and `last_offer_on` are kept on the case so the offer
 *   cap and the no-offer review work before offers exist as rows, and stay the fast path afterwards;
 * - the ledger reads moved cases by `home_landlord_id`, and the receiving landlord from the offer;
 * - reports read `case_events` (time in each stage), `closure_reason`, `case_risk_categories` and `case_equality`,
 *   which is a table of its own so anonymised reports never touch the applicant's identity.
 *
 * Cases are never deleted (the audit trail points at them), so child tables use ON DELETE RESTRICT, and the
 * timeline is append-only like the audit log.
 */
export const m003Cases: Migration = {
  version: 3,
  name: 'cases',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE CHECK (reference GLOB 'PLHR-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
        ref_year INTEGER NOT NULL,
        ref_seq INTEGER NOT NULL CHECK (ref_seq >= 1),

        state TEXT NOT NULL CHECK (${oneOf('state', CASE_STATES)}),
        state_before_hold TEXT CHECK (state_before_hold IS NULL OR ${oneOf('state_before_hold', CASE_STATES)}),
        state_entered_on TEXT NOT NULL ${DATE('state_entered_on')},
        closure_reason TEXT CHECK (closure_reason IS NULL OR ${oneOf('closure_reason', CLOSURE_REASONS)}),
        needs_recirculation INTEGER NOT NULL DEFAULT 0 ${BOOL('needs_recirculation')},
        recirculation_requested_on TEXT ${DATE('recirculation_requested_on')},
        offers_made INTEGER NOT NULL DEFAULT 0 CHECK (offers_made >= 0),

        received_on TEXT NOT NULL ${DATE('received_on')},
        sent_for_approval_on TEXT ${DATE('sent_for_approval_on')},
        approved_on TEXT ${DATE('approved_on')},
        circulated_on TEXT ${DATE('circulated_on')},
        last_circulated_on TEXT ${DATE('last_circulated_on')},
        last_offer_on TEXT ${DATE('last_offer_on')},
        last_reviewed_on TEXT ${DATE('last_reviewed_on')},
        closed_on TEXT ${DATE('closed_on')},
        -- The soonest deadline, kept up to date on every change (and when the policy changes) so that the
        -- dashboard and the "overdue" filter are one indexed range query, even at tens of thousands of cases.
        next_due_on TEXT ${DATE('next_due_on')},
        next_due_kind TEXT CHECK (next_due_kind IS NULL OR ${oneOf('next_due_kind', ['chase_approval', 'circulate', 'recirculate', 'review_no_offer'])}),

        referring_agency_name TEXT NOT NULL,
        referring_agency_kind TEXT NOT NULL,

        -- The applicant: held only here, never circulated, never in an audit summary or a log line.
        applicant_name TEXT NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 200),
        -- Lower-cased for search.
        applicant_name_key TEXT NOT NULL,
        applicant_dob TEXT NOT NULL ${DATE('applicant_dob')},
        applicant_phone TEXT NOT NULL DEFAULT '',
        applicant_email TEXT NOT NULL DEFAULT '',
        applicant_safe_contact TEXT NOT NULL DEFAULT '',
        address_line1 TEXT NOT NULL,
        address_line2 TEXT NOT NULL DEFAULT '',
        address_town TEXT NOT NULL DEFAULT '',
        address_postcode TEXT NOT NULL,

        risk_summary TEXT NOT NULL,
        marac_reference TEXT NOT NULL DEFAULT '',

        -- For a household in temporary accommodation: the landlord of the social tenancy they held before.
        home_landlord_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        current_borough TEXT NOT NULL REFERENCES boroughs(code) ON DELETE RESTRICT,
        bedrooms INTEGER NOT NULL CHECK (bedrooms BETWEEN 0 AND 7),
        property_type TEXT NOT NULL CHECK (${oneOf('property_type', ['flat', 'maisonette', 'house', 'bungalow', 'bedsit', 'other'])}),
        floor INTEGER NOT NULL CHECK (floor BETWEEN -1 AND 50),
        tenancy_type TEXT NOT NULL CHECK (${oneOf('tenancy_type', ['secure', 'assured', 'fixed_term', 'other_social', 'none'])}),
        overcrowded INTEGER NOT NULL ${BOOL('overcrowded')},
        in_temporary_accommodation INTEGER NOT NULL ${BOOL('in_temporary_accommodation')},

        access_need TEXT NOT NULL CHECK (${oneOf('access_need', ['none', 'step_free', 'wheelchair'])}),
        medical_needs TEXT NOT NULL DEFAULT '',
        has_pets INTEGER NOT NULL ${BOOL('has_pets')},
        would_consider_rehoming TEXT CHECK (would_consider_rehoming IS NULL OR would_consider_rehoming IN ('yes', 'no')),

        requested_boroughs_reason TEXT NOT NULL DEFAULT '',
        consent_given INTEGER NOT NULL ${BOOL('consent_given')},
        consent_date TEXT NOT NULL ${DATE('consent_date')},
        -- JSON array of consent scopes.
        consent_covers TEXT NOT NULL,
        consent_notes TEXT NOT NULL DEFAULT '',
        housing_moves TEXT NOT NULL CHECK (${oneOf('housing_moves', ['yes', 'no', 'not_known'])}),

        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (ref_year, ref_seq)
      ) STRICT;
      CREATE INDEX cases_state ON cases(state);
      -- Covering index for the case list: every column it filters, sorts or searches on, and none of the long
      -- text. Paging 50,000 cases then reads this narrow index instead of decrypting every page of the table.
      CREATE INDEX cases_list ON cases(state, next_due_on, ref_year, ref_seq, reference, applicant_name_key, home_landlord_id, current_borough, received_on, updated_at);
      CREATE INDEX cases_next_due ON cases(next_due_on) WHERE next_due_on IS NOT NULL;
      CREATE INDEX cases_home_landlord ON cases(home_landlord_id);
      CREATE INDEX cases_current_borough ON cases(current_borough);
      CREATE INDEX cases_received ON cases(received_on);
      CREATE INDEX cases_updated ON cases(updated_at);
      CREATE INDEX cases_applicant_name ON cases(applicant_name_key);

      CREATE TABLE case_nominating_officers (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        organisation TEXT NOT NULL,
        role TEXT NOT NULL,
        phone TEXT NOT NULL,
        email TEXT NOT NULL,
        secure_email TEXT NOT NULL DEFAULT '',
        UNIQUE (case_id, position)
      ) STRICT;

      -- The other members of the household, without names.
      CREATE TABLE case_household_members (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('adult', 'child')),
        age INTEGER NOT NULL CHECK (age BETWEEN 0 AND 120),
        sex_or_gender TEXT NOT NULL CHECK (${oneOf('sex_or_gender', ['female', 'male', 'non_binary', 'other', 'not_known'])}),
        UNIQUE (case_id, position)
      ) STRICT;

      CREATE TABLE case_risk_categories (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        category TEXT NOT NULL CHECK (${oneOf('category', RISK_CATEGORIES)}),
        PRIMARY KEY (case_id, category)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_risk_categories_category ON case_risk_categories(category, case_id);

      -- Requested and unsafe boroughs. added_on tells re-circulation which boroughs are new.
      CREATE TABLE case_boroughs (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        kind TEXT NOT NULL CHECK (kind IN ('requested', 'unsafe')),
        borough_code TEXT NOT NULL REFERENCES boroughs(code) ON DELETE RESTRICT,
        added_on TEXT NOT NULL ${DATE('added_on')},
        PRIMARY KEY (case_id, kind, borough_code)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_boroughs_borough ON case_boroughs(kind, borough_code, case_id);

      -- Opt-in equality monitoring, one row per case that opted in; every answer may be 'prefer_not_to_say'.
      CREATE TABLE case_equality (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE RESTRICT,
        age_band TEXT NOT NULL,
        gender TEXT NOT NULL,
        ethnicity TEXT NOT NULL,
        sexual_orientation TEXT NOT NULL,
        trans_status TEXT NOT NULL,
        disability TEXT NOT NULL,
        care_leaver TEXT NOT NULL,
        criminal_justice_contact TEXT NOT NULL
      ) STRICT;

      -- Eligibility rules a coordinator went past, with why.
      CREATE TABLE case_overrides (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        rule TEXT NOT NULL CHECK (rule IN ('landlord_suspended', 'ledger_cap')),
        reason TEXT NOT NULL CHECK (length(reason) >= 1),
        at TEXT NOT NULL,
        actor TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_overrides_case ON case_overrides(case_id);

      -- The timeline: transitions, notes, Nominating Officer updates, edits. Append-only.
      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        at TEXT NOT NULL,
        on_date TEXT NOT NULL ${DATE('on_date')},
        kind TEXT NOT NULL CHECK (${oneOf('kind', ['created', 'transition', 'note', 'no_update', 'review', 'updated', 'boroughs_added'])}),
        actor TEXT NOT NULL,
        from_state TEXT CHECK (from_state IS NULL OR ${oneOf('from_state', CASE_STATES)}),
        to_state TEXT CHECK (to_state IS NULL OR ${oneOf('to_state', CASE_STATES)}),
        text TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_events_case ON case_events(case_id, id);
      -- Reports measure time in each stage from transitions.
      CREATE INDEX case_events_transitions ON case_events(to_state, on_date) WHERE kind = 'transition';

      -- The audit log screen filters by action and by person; these keep its filter lists quick on a long log.
      CREATE INDEX audit_log_action ON audit_log(action);
      CREATE INDEX audit_log_actor ON audit_log(actor);

      CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'The case timeline is append-only'); END;
      CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
        BEGIN SELECT RAISE(ABORT, 'The case timeline is append-only'); END;
    `);
  },
};
