import { boroughName, type BoroughCode } from './boroughs';

/** "Harrow, Hillingdon and Hounslow": a list in plain English. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The warning for requested boroughs where no active partner holds stock, in the same words on the referral form,
 * the case page and (later) the circulation preview. Boroughs in alphabetical order, so the sentence reads the same
 * however they were picked.
 */
export function coverageMessage(uncovered: readonly BoroughCode[]): string | null {
  if (uncovered.length === 0) return null;
  const names = uncovered.map(boroughName).sort((a, b) => a.localeCompare(b, 'en-GB'));
  return `Nobody would receive this request for ${listInWords(names)}: no active partner holds stock there.`;
}
