import { BOROUGHS } from '../../contract/boroughs';
import { formatUkDate } from '../../contract/dates';
import { missingCase } from '../../contract/missing-case';
import { foldText, nameSimilarity, partnerMatchKey } from '../../contract/partner-names';
import { partnerNameKey } from '../../contract/partners';
import type { RegisteredCheckResult, RegisteredMatch, RegisteredPartnerRef } from '../../contract/partners';
import type { Db } from '../db/types';
import { partnerRowByName } from './partners-repo';
import type { PartnerRow } from './partners-repo';

// "Is this landlord registered with us?": the first question of every referral. The answer comes from the
// partner's name or one of its other names (ignoring case and spacing), or from the one partner whose name means
// the same once "Council", "LB", "Trust" and the like are dropped ("Hackney Council" is "London Borough of
// Hackney"). Anything looser only offers suggestions, because a wrong "yes" starts a referral that the landlord
// never agreed to, and a wrong "no" turns away an eligible tenant.

const SUGGESTIONS = 5;
/** Below this, two names share too little to be worth offering (measured on the scheme's partner list). */
const SIMILAR_ENOUGH = 0.6;

function ref(row: PartnerRow): RegisteredPartnerRef {
  return { id: row.id, name: row.name, type: row.type, status: row.status, statusChangedOn: row.status_changed_on };
}

interface Candidate {
  row: PartnerRow;
  /** Match keys of its name and other names. */
  keys: string[];
  /** Its names folded but whole, for a partial name such as "Trust". */
  texts: string[];
}

function candidates(db: Db): Candidate[] {
  const rows = db.prepare('SELECT * FROM partners ORDER BY name_key').all() as unknown as PartnerRow[];
  const aliases = db.prepare('SELECT partner_id, alias FROM partner_aliases').all() as unknown as { partner_id: number; alias: string }[];
  const byPartner = new Map<number, string[]>();
  for (const a of aliases) byPartner.set(a.partner_id, [...(byPartner.get(a.partner_id) ?? []), a.alias]);
  return rows.map((row) => {
    const names = [row.name, ...(byPartner.get(row.id) ?? [])];
    return { row, keys: names.map(partnerMatchKey), texts: names.map(foldText) };
  });
}

/** Boroughs named in the text: "Hackney Homes" is about Hackney, so Hackney's council is a fair suggestion. */
function boroughsNamed(key: string): string[] {
  const padded = ` ${key} `;
  return BOROUGHS.map((b) => partnerMatchKey(b.name)).filter((b) => padded.includes(` ${b} `));
}

function score(typed: string, folded: string, boroughs: readonly string[], c: Candidate): number {
  let best = c.texts.some((t) => ` ${t} `.includes(` ${folded} `)) ? 0.75 : 0;
  for (const key of c.keys) {
    let s = nameSimilarity(typed, key);
    // One name inside the other ("peabody" in "peabody south"), or the same borough, is closer than letters say.
    // An empty key (a name of only punctuation, such as "%") is inside every name, so it is close to none.
    if (typed !== '' && key !== '' && (key.includes(typed) || typed.includes(key))) s = Math.max(s, 0.75);
    if (boroughs.some((b) => ` ${key} `.includes(` ${b} `))) s = Math.max(s, c.row.type === 'local_authority' ? 0.9 : 0.7);
    best = Math.max(best, s);
  }
  return best;
}

function answer(row: PartnerRow, typed: string, matchedBy: RegisteredMatch): RegisteredCheckResult {
  const since = formatUkDate(row.status_changed_on);
  // Say which partner the typed name was taken to mean, so the coordinator can see it is the right one.
  const known = matchedBy === 'name' ? '' : `“${typed}” is ${row.name}. `;
  const base = { partner: ref(row), similar: [], matchedBy };
  switch (row.status) {
    case 'active':
      return { ...base, state: 'registered', message: `${known}${row.name} is registered with the scheme and active.` };
    case 'suspended':
      return {
        ...base,
        state: 'suspended',
        message: `${known}${row.name} is registered but suspended since ${since}. Check with the scheme lead before taking a referral.`,
      };
    case 'left':
      return {
        ...base,
        state: 'left',
        message: `${known}${row.name} left the scheme on ${since}. It is no longer registered, so its tenants cannot be referred.`,
      };
    default:
      return missingCase(row.status);
  }
}

export function registeredCheck(db: Db, name: string): RegisteredCheckResult {
  const exact = partnerRowByName(db, name);
  if (exact !== null) return answer(exact, name, 'name');
  const alias = db
    .prepare('SELECT p.* FROM partner_aliases a JOIN partners p ON p.id = a.partner_id WHERE a.alias_key = ?')
    .get([partnerNameKey(name)]) as unknown as PartnerRow | undefined;
  if (alias !== undefined) return answer(alias, name, 'alias');

  const typed = partnerMatchKey(name);
  const all = candidates(db);
  const same = all.filter((c) => c.keys.includes(typed));
  if (same.length === 1 && same[0] !== undefined) return answer(same[0].row, name, 'normalised');

  const boroughs = boroughsNamed(typed);
  const similar =
    same.length > 1
      ? same.map((c) => c.row)
      : all
          .map((c) => ({ row: c.row, score: score(typed, foldText(name), boroughs, c) }))
          .filter((c) => c.score >= SIMILAR_ENOUGH)
          .sort((a, b) => b.score - a.score || a.row.name.localeCompare(b.row.name, 'en-GB'))
          .slice(0, SUGGESTIONS)
          .map((c) => c.row);
  const message =
    same.length > 1
      ? `More than one partner could be “${name}”. Choose the right one below, or add “${name}” to its other names.`
      : similar.length > 0
        ? `No partner called “${name}” is registered. Did you mean one of the partners below?`
        : `No partner called “${name}” is registered with the scheme. Its tenants cannot be referred.`;
  return { state: 'not_registered', matchedBy: null, message, partner: null, similar: similar.map(ref) };
}
