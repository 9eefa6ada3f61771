import { BOROUGHS, isBoroughCode } from '../../contract/boroughs';
import type { BoroughCode } from '../../contract/boroughs';

export type BoroughMatch = { ok: true; code: BoroughCode } | { ok: false; reason: string };

// Matching is loose about spelling conventions (case, punctuation, "&", council prefixes and suffixes) but never
// fuzzy: a typo or half a name is an error, because a wrong borough sends a circulation to the wrong landlords or,
// worse, proposes a move into a borough where the applicant is at risk.

function normalise(input: string): string {
  return (
    input
      .normalize('NFKC')
      // Zero-width characters survive copy and paste from web pages and would otherwise defeat matching.
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

// Council styles that wrap a borough name. Stripped repeatedly, so "The Royal Borough of X Council" works.
const PREFIXES = ['the ', 'london borough of ', 'royal borough of ', 'borough of ', 'lb of ', 'lbo ', 'l b ', 'lb ', 'rb '];
// Trailing forms include the inverted style of official lists: "Kensington and Chelsea, Royal Borough of".
const SUFFIXES = [
  ' london borough council',
  ' borough council',
  ' city council',
  ' council',
  ' london borough',
  ' royal borough',
  ' borough',
  ' corporation',
  ' london borough of',
  ' royal borough of',
  ' borough of',
  ' city of',
];

const CANONICAL = new Map<string, BoroughCode>(BOROUGHS.map((b) => [normalise(b.name), b.code]));

// Other names in everyday use for exactly one borough. Each must be unambiguous among the 33.
const ALIASES = new Map<string, BoroughCode>([
  ['city of westminster', 'E09000033'],
  ['corporation of london', 'E09000001'],
  ['richmond', 'E09000027'],
  ['kingston', 'E09000021'],
  ['kingston on thames', 'E09000021'],
  ['richmond on thames', 'E09000027'],
  ['rbkc', 'E09000020'],
  ['k and c', 'E09000020'],
  ['lbhf', 'E09000013'],
  ['h and f', 'E09000013'],
  ['lbbd', 'E09000002'],
  ['lbth', 'E09000030'],
]);

// Inputs that could mean more than one area, or the whole of London. Checked at every stripping step, so that
// "The City" and "City Council" are refused with the reason rather than as unknown.
const AMBIGUOUS = new Map<string, string>([
  ['city', 'could mean the City of London or the City of Westminster'],
  ['the city', 'could mean the City of London or the City of Westminster'],
  ['london', 'is the whole of London, not one borough'],
  ['greater london', 'is the whole of London, not one borough'],
]);

// Half of a two-part borough name: tell the coordinator which borough we think they mean, but do not guess.
const PARTIAL = new Map<string, string>([
  ['hammersmith', 'Hammersmith and Fulham'],
  ['fulham', 'Hammersmith and Fulham'],
  ['kensington', 'Kensington and Chelsea'],
  ['chelsea', 'Kensington and Chelsea'],
  ['barking', 'Barking and Dagenham'],
  ['dagenham', 'Barking and Dagenham'],
  ['tower', 'Tower Hamlets'],
  ['waltham', 'Waltham Forest'],
]);

/** The input as it may safely appear inside an error message: one line, no control characters, not too long. */
function quoteForMessage(input: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const oneLine = input.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
  const shown = oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
  return `"${shown}"`;
}

function stripOnce(key: string): string {
  for (const prefix of PREFIXES) {
    if (key.startsWith(prefix)) return key.slice(prefix.length);
  }
  for (const suffix of SUFFIXES) {
    if (key.endsWith(suffix)) return key.slice(0, -suffix.length);
  }
  return key;
}

function lookup(key: string): BoroughCode | undefined {
  return CANONICAL.get(key) ?? ALIASES.get(key);
}

export function matchBorough(input: string): BoroughMatch {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'A borough name is empty' };
  if (trimmed.length > 200)
    return {
      ok: false,
      reason: `${quoteForMessage(trimmed)} is not a London borough`,
    };

  const upper = trimmed.toUpperCase();
  if (/^E09\d{6}$/.test(upper)) {
    return isBoroughCode(upper)
      ? { ok: true, code: upper }
      : {
          ok: false,
          reason: `${quoteForMessage(trimmed)} is not the code of a London borough`,
        };
  }

  let key = normalise(trimmed);
  // Bounded: each pass removes at least one word, and no real name has more than a handful of wrappers.
  for (let pass = 0; pass < 6; pass += 1) {
    const ambiguity = AMBIGUOUS.get(key);
    if (ambiguity !== undefined) {
      return {
        ok: false,
        reason: `${quoteForMessage(trimmed)} ${ambiguity}; write the borough's name in full`,
      };
    }
    const found = lookup(key);
    if (found !== undefined) return { ok: true, code: found };
    const stripped = stripOnce(key);
    if (stripped === key || stripped === '') break;
    key = stripped;
  }

  const partial = PARTIAL.get(key);
  if (partial !== undefined) {
    return {
      ok: false,
      reason: `${quoteForMessage(trimmed)} is part of a borough name; if you mean ${partial}, write it in full`,
    };
  }
  return {
    ok: false,
    reason: `${quoteForMessage(trimmed)} is not a London borough`,
  };
}
