/*
 * Scheme references, e.g. PLHR-2026-0042: shown everywhere instead of the applicant's name. The sequence restarts
 * each year and is zero-padded to four digits; a busy year simply grows to five.
 */

export interface CaseReference {
  year: number;
  sequence: number;
}

const PREFIX = 'PLHR';
const PATTERN = /^PLHR-(\d{4})-(\d{4,})$/;

export function formatReference({ year, sequence }: CaseReference): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Not a scheme year: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Not a reference sequence: ${sequence}`);
  return `${PREFIX}-${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Reads a reference as a coordinator might type it: any case, surrounding spaces, and spaces instead of dashes.
 * Strict about the parts, so that "PLHR-2026-0" or "PLHR-26-0042" are not mistaken for a real reference.
 */
export function parseReference(value: string): CaseReference | null {
  const normalised = value.trim().toUpperCase().replace(/\s+/g, '-');
  const match = PATTERN.exec(normalised);
  if (!match) return null;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  if (year < 2000 || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { year, sequence };
}

/** The canonical spelling, or null: `plhr-2026-42`-style input is not accepted, as it is ambiguous to read aloud. */
export function normaliseReference(value: string): string | null {
  const parsed = parseReference(value);
  return parsed === null ? null : formatReference(parsed);
}

export function nextReference(year: number, lastSequenceThisYear: number | null): string {
  return formatReference({ year, sequence: (lastSequenceThisYear ?? 0) + 1 });
}
