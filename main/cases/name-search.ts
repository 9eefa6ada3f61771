// Case search by applicant name, over the FTS5 index of migration 005-intake-ux (`cases_fts`). The index folds
// case and accents (unicode61, remove_diacritics 2) and holds each name without apostrophes, plus hyphenated
// names joined up; the query is folded the same way here, so that "obrien", "o'brien" and "O’Brien" all find
// O’Brien, and "okafor amara" finds Amara Okafor.

/** The FTS5 query for what was typed, or null if it has no word to look for. */
export function nameMatchQuery(search: string): string | null {
  const words = search
    .normalize('NFKC')
    .replace(/['’‘ʼ`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .slice(0, 8);
  if (words.length === 0) return null;
  // Every word must start a word of the name, in any order. Words hold only letters and digits, so quoting them
  // cannot break out of the query syntax.
  return words.map((w) => `"${w}"*`).join(' ');
}
