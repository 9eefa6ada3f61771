import type { Db, Migration } from '../types';

/*
 * Properties, offers and moves (issue 10). Replaces the offer counter on the case with real rows and carries every
 * existing case across: its offers are rebuilt from the case timeline (which records every offer transition), and
 * anything the timeline cannot give (which landlord, which property, the tenancy start) is kept as "recorded before
 * properties were tracked", for the case page to ask about.
 *
 * Enum values are written out here rather than imported: a shipped migration must not change when the app's lists do.
 */

const oneOf = (column: string, values: readonly string[]) => `(${values.map((v) => `${column} = '${v}'`).join(' OR ')})`;
const DATE = (column: string) => `CHECK (${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;
const BOOL = (column: string) => `CHECK (${column} = 0 OR ${column} = 1)`;

const PROPERTY_TYPES = ['flat', 'maisonette', 'house', 'bungalow'];
const PROPERTY_STATES = ['available', 'offered', 'let', 'withdrawn'];
const ACCESS = ['none', 'step_free', 'wheelchair'];
const TENANCY = ['secure', 'assured', 'fixed_term', 'other_social'];
const OUTCOMES = ['accepted', 'declined', 'withdrawn_by_landlord', 'fell_through', 'not_recorded'];
const DECLINE_REASONS = [
  'area_not_safe',
  'too_far_from_support',
  'schools_or_work',
  'property_size_or_layout',
  'property_condition',
  'access_or_medical',
  'rent_not_affordable',
  'no_longer_wants_to_move',
  'other',
];
const ROUTES = ['reciprocal', 'housing_moves', 'other'];

export const m004Offers: Migration = {
  version: 9,
  name: 'offers',
  up(db) {
    db.exec(`
      -- A property a partner makes available. No address here: it is recorded on the accepted offer only.
      CREATE TABLE properties (
        id INTEGER PRIMARY KEY,
        partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        borough_code TEXT NOT NULL REFERENCES boroughs(code) ON DELETE RESTRICT,
        bedrooms INTEGER NOT NULL CHECK (bedrooms BETWEEN 0 AND 7),
        property_type TEXT NOT NULL CHECK (${oneOf('property_type', PROPERTY_TYPES)}),
        floor INTEGER NOT NULL CHECK (floor BETWEEN -1 AND 50),
        has_lift INTEGER NOT NULL ${BOOL('has_lift')},
        access TEXT NOT NULL CHECK (${oneOf('access', ACCESS)}),
        pets_allowed INTEGER NOT NULL ${BOOL('pets_allowed')},
        weekly_rent_pence INTEGER NOT NULL CHECK (weekly_rent_pence BETWEEN 0 AND 200000),
        tenancy_type TEXT NOT NULL CHECK (${oneOf('tenancy_type', TENANCY)}),
        available_from TEXT NOT NULL ${DATE('available_from')},
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (${oneOf('status', PROPERTY_STATES)}),
        status_changed_on TEXT NOT NULL ${DATE('status_changed_on')},
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Case → properties reads available properties by borough and bedrooms: one index range per requested borough.
      CREATE INDEX properties_matching ON properties(status, borough_code, bedrooms);
      CREATE INDEX properties_partner ON properties(partner_id, status);

      CREATE TABLE offers (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT,
        -- NULL only for offers recorded before properties were tracked (legacy = 1).
        property_id INTEGER REFERENCES properties(id) ON DELETE RESTRICT,
        -- The receiving landlord; NULL only for a legacy offer whose landlord the coordinator has not yet given.
        partner_id INTEGER REFERENCES partners(id) ON DELETE RESTRICT,
        legacy INTEGER NOT NULL DEFAULT 0 ${BOOL('legacy')},
        offered_on TEXT NOT NULL ${DATE('offered_on')},
        viewing_on TEXT ${DATE('viewing_on')},
        -- NULL while the offer is open.
        outcome TEXT CHECK (outcome IS NULL OR ${oneOf('outcome', OUTCOMES)}),
        decided_on TEXT ${DATE('decided_on')},
        decline_reason TEXT CHECK (decline_reason IS NULL OR ${oneOf('decline_reason', DECLINE_REASONS)}),
        outcome_text TEXT NOT NULL DEFAULT '',
        -- The day the offer entered its current stage on the Offers board.
        stage_entered_on TEXT NOT NULL ${DATE('stage_entered_on')},
        planned_start_on TEXT ${DATE('planned_start_on')},
        -- Matching rules the coordinator went past, and why (JSON array of rule ids; NULL when none).
        override_rules TEXT,
        override_reason TEXT,
        -- The address, recorded only once the applicant has accepted.
        address_line1 TEXT,
        address_line2 TEXT,
        address_town TEXT,
        address_postcode TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (legacy = 1 OR (property_id IS NOT NULL AND partner_id IS NOT NULL)),
        CHECK ((outcome IS NULL) = (decided_on IS NULL)),
        CHECK ((outcome IS 'declined') = (decline_reason IS NOT NULL)),
        CHECK (outcome IS NOT 'fell_through' OR length(outcome_text) >= 1),
        CHECK (outcome IS 'accepted' OR (address_line1 IS NULL AND address_postcode IS NULL)),
        CHECK ((override_rules IS NULL) = (override_reason IS NULL))
      ) STRICT;
      CREATE INDEX offers_case ON offers(case_id, offered_on);
      CREATE INDEX offers_property ON offers(property_id);
      -- "Has declined an offer from this landlord": one index probe per (landlord, case).
      CREATE INDEX offers_declined ON offers(partner_id, case_id) WHERE outcome = 'declined';
      -- The Offers board and the matching rule "not under another live offer".
      CREATE INDEX offers_open ON offers(case_id) WHERE outcome IS NULL;
      -- At most one open offer per case.
      CREATE UNIQUE INDEX offers_one_open_per_case ON offers(case_id) WHERE outcome IS NULL;

      -- The completed move: the event the ledger books. Everything the ledger needs is on the row.
      CREATE TABLE moves (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id) ON DELETE RESTRICT,
        offer_id INTEGER UNIQUE REFERENCES offers(id) ON DELETE RESTRICT,
        route TEXT NOT NULL CHECK (${oneOf('route', ROUTES)}),
        -- The applicant's landlord when the move completed: the side that owes a property.
        home_partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE RESTRICT,
        -- The landlord that let the new home: the side that is owed one. NULL for Housing Moves and legacy gaps.
        receiving_partner_id INTEGER REFERENCES partners(id) ON DELETE RESTRICT,
        receiving_borough TEXT REFERENCES boroughs(code) ON DELETE RESTRICT,
        tenancy_start_on TEXT ${DATE('tenancy_start_on')},
        adults INTEGER CHECK (adults IS NULL OR adults BETWEEN 1 AND 20),
        children INTEGER CHECK (children IS NULL OR children BETWEEN 0 AND 20),
        legacy INTEGER NOT NULL DEFAULT 0 ${BOOL('legacy')},
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        CHECK (legacy = 1 OR (tenancy_start_on IS NOT NULL AND adults IS NOT NULL AND children IS NOT NULL AND receiving_borough IS NOT NULL)),
        CHECK (route <> 'reciprocal' OR legacy = 1 OR (offer_id IS NOT NULL AND receiving_partner_id IS NOT NULL)),
        CHECK (route <> 'housing_moves' OR offer_id IS NULL)
      ) STRICT;
      CREATE INDEX moves_home_partner ON moves(home_partner_id, tenancy_start_on);
      CREATE INDEX moves_receiving_partner ON moves(receiving_partner_id, tenancy_start_on);
      CREATE TRIGGER moves_no_delete BEFORE DELETE ON moves
        BEGIN SELECT RAISE(ABORT, 'A move is never deleted: the ledger points at it'); END;
    `);
    carryOverCases(db);
  },
};

type CaseRow = {
  id: number;
  state: string;
  state_before_hold: string | null;
  state_entered_on: string;
  closure_reason: string | null;
  offers_made: number;
  last_offer_on: string | null;
  circulated_on: string | null;
  received_on: string;
  closed_on: string | null;
  home_landlord_id: number;
};
type EventRow = { on_date: string; from_state: string | null; to_state: string | null; text: string };
type Legacy = {
  offeredOn: string;
  viewingOn: string | null;
  outcome: string | null;
  decidedOn: string | null;
  declineReason: string | null;
  text: string;
  stageOn: string;
  moved: { on: string } | null;
};

const OFFER_STATES = new Set(['offer_made', 'viewing', 'offer_accepted']);

/** Rebuilds each case's offers from its timeline, then fills any gap the counter or the state shows. */
function carryOverCases(db: Db): void {
  const cases = db
    .prepare(
      `SELECT id, state, state_before_hold, state_entered_on, closure_reason, offers_made, last_offer_on, circulated_on, received_on, closed_on, home_landlord_id
       FROM cases
       WHERE offers_made > 0 OR state IN ('offer_made', 'viewing', 'offer_accepted', 'offer_declined', 'moved') OR closure_reason = 'moved'
          OR state_before_hold IN ('offer_made', 'viewing', 'offer_accepted', 'offer_declined')`,
    )
    .all<CaseRow>();
  const events = db.prepare("SELECT on_date, from_state, to_state, text FROM case_events WHERE case_id = ? AND kind = 'transition' ORDER BY on_date, id");
  const now = new Date().toISOString();
  const insertOffer = db.prepare(
    `INSERT INTO offers (case_id, legacy, offered_on, viewing_on, outcome, decided_on, decline_reason, outcome_text, stage_entered_on, created_at, updated_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMove = db.prepare(
    `INSERT INTO moves (case_id, offer_id, route, home_partner_id, tenancy_start_on, legacy, created_at, actor)
     VALUES (?, ?, 'reciprocal', ?, NULL, 1, ?, 'Data migration')`,
  );
  for (const c of cases) {
    const offers = fromTimeline(events.all<EventRow>([c.id]));
    const fallbackOn = c.last_offer_on ?? c.circulated_on ?? c.received_on;
    // The counter may know of offers the timeline does not (older or imported data): keep them, counted as before.
    for (let n = offers.length; n < c.offers_made; n++) {
      offers.unshift(legacyOffer(fallbackOn, 'not_recorded', fallbackOn, 'Recorded before properties were tracked; the outcome was not recorded.'));
    }
    const live = c.state === 'on_hold' ? c.state_before_hold : c.state;
    const last = offers.at(-1);
    if (live !== null && OFFER_STATES.has(live) && (last === undefined || (last.outcome !== null && last.outcome !== 'accepted'))) {
      offers.push(legacyOffer(c.last_offer_on ?? c.state_entered_on, null, null, ''));
    }
    const current = offers.at(-1);
    if (current && live === 'viewing' && current.viewingOn === null) current.viewingOn = c.state_entered_on;
    if (current && live === 'offer_accepted' && current.outcome === null) Object.assign(current, { outcome: 'accepted', decidedOn: c.state_entered_on });
    const hasMoved = c.state === 'moved' || c.closure_reason === 'moved';
    if (hasMoved && !offers.some((o) => o.moved)) {
      const accepted = [...offers].reverse().find((o) => o.outcome === 'accepted');
      const target = accepted ?? legacyOffer(c.last_offer_on ?? c.state_entered_on, 'accepted', c.last_offer_on ?? c.state_entered_on, '');
      if (!accepted) offers.push(target);
      target.moved = { on: c.state === 'moved' ? c.state_entered_on : (c.closed_on ?? c.state_entered_on) };
    }
    for (const o of offers) {
      const offerId = insertOffer.run([c.id, o.offeredOn, o.viewingOn, o.outcome, o.decidedOn, o.declineReason, o.text, o.stageOn, now, now]).lastInsertRowid;
      if (o.moved) insertMove.run([c.id, offerId, c.home_landlord_id, now]);
    }
  }
}

function legacyOffer(on: string, outcome: string | null, decidedOn: string | null, text: string): Legacy {
  return {
    offeredOn: on,
    viewingOn: null,
    outcome,
    decidedOn,
    declineReason: outcome === 'declined' ? 'other' : null,
    text,
    stageOn: decidedOn ?? on,
    moved: null,
  };
}

/** Every offer the old state machine recorded: an offer starts at 'offer_made' (not a resume from hold) and ends at a decision. */
function fromTimeline(rows: readonly EventRow[]): Legacy[] {
  const out: Legacy[] = [];
  let open: Legacy | null = null;
  for (const e of rows) {
    const resumed = e.from_state === 'on_hold';
    if (e.to_state === 'offer_made' && !resumed) {
      open = legacyOffer(e.on_date, null, null, '');
      out.push(open);
      continue;
    }
    // Resuming from hold returns to a state already counted; only a withdrawal from hold ends the offer.
    if (open === null || (resumed && e.to_state !== 'withdrawn')) continue;
    switch (e.to_state) {
      case 'viewing':
        open.viewingOn = e.on_date;
        open.stageOn = e.on_date;
        break;
      case 'offer_accepted':
        Object.assign(open, { outcome: 'accepted', decidedOn: e.on_date, stageOn: e.on_date });
        break;
      case 'offer_declined':
        Object.assign(open, { outcome: 'declined', decidedOn: e.on_date, declineReason: 'other', text: e.text, stageOn: e.on_date });
        open = null;
        break;
      case 'circulated':
        if (e.from_state !== null && OFFER_STATES.has(e.from_state)) {
          Object.assign(open, { outcome: 'fell_through', decidedOn: e.on_date, text: e.text.trim() || 'The offer fell through.', stageOn: e.on_date });
        }
        open = null;
        break;
      case 'withdrawn':
        if (open.outcome === null || open.outcome === 'accepted') {
          Object.assign(open, {
            outcome: 'fell_through',
            decidedOn: e.on_date,
            text: `The case was withdrawn while the offer was open. ${e.text}`.trim(),
            stageOn: e.on_date,
          });
        }
        open = null;
        break;
      case 'moved':
        open.moved = { on: e.on_date };
        open = null;
        break;
      default:
        break;
    }
  }
  return out;
}
