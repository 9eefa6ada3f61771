// How a landlord's name is compared with the directory. Coordinators hear a landlord's name on the phone as the
// Nominating Officer says it: "Hackney Council", "LB Hackney", "Peabody Trust". The directory holds "London Borough
// of Hackney" and "Peabody". The words that differ are the ones that say what kind of body it is, not which one,
// so the match key leaves them out, with punctuation, accents and case.

// Longest first, so that "london borough of" goes before a shorter phrase could split it.
const DROPPED_PHRASES = ['royal borough of', 'london borough of', 'borough council', 'city council', 'borough of', 'city of'];
const DROPPED_WORDS = new Set(['lb', 'lbo', 'rb', 'council', 'homes', 'housing', 'trust', 'group', 'ltd', 'limited', 'the', 'association']);

/** Lower case, no accents, apostrophes and full stops dropped ("St. Mary’s" is "st marys", "L.B." is "lb"), other punctuation a space. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en-GB')
    .replace(/['’‘ʼ`.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key two names of the same landlord share: "Hackney Council", "LB Hackney" and "London Borough of Hackney" are
 * all "hackney". A name made only of dropped words ("Housing Trust") keeps them rather than become empty.
 */
export function partnerMatchKey(name: string): string {
  const folded = ` ${foldText(name)} `;
  let text = folded;
  for (const phrase of DROPPED_PHRASES) text = text.split(` ${phrase} `).join(' ');
  const words = text.split(' ').filter((w) => w !== '' && !DROPPED_WORDS.has(w));
  return words.length > 0 ? words.join(' ') : folded.trim();
}

function bigrams(text: string): Map<string, number> {
  const padded = ` ${text} `;
  const out = new Map<string, number>();
  for (let i = 0; i < padded.length - 1; i += 1) {
    const gram = padded.slice(i, i + 2);
    out.set(gram, (out.get(gram) ?? 0) + 1);
  }
  return out;
}

/** Dice similarity of two match keys, 0 to 1: tolerant of a typo ("Peabdoy") and of word order. */
export function nameSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [gram, n] of x) {
    shared += Math.min(n, y.get(gram) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return (2 * shared) / total;
}
