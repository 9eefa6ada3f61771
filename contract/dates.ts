// UK conventions: dates cross IPC and sit in the store as ISO yyyy-mm-dd; people see and type dd/mm/yyyy.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** 2026-04-01 → 01/04/2026. Timestamps (with a time part) are shown in the user's local date. */
export function formatUkDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = ISO_DATE.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export function formatUkDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatUkDate(value)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "Nov", "November", "Sept" or "sep." → 11 or 9; null for anything that is not an English month name. */
function monthFromName(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '');
  if (key.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.startsWith(key));
  return index < 0 ? null : index + 1;
}

const toIso = (y: string, m: number | string, d: string): string | null => {
  const iso = `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
};

/**
 * A date as a coordinator types it, read one way only: 01/04/2026 (or 1/4/2026, 1-4-2026, 1.4.2026), 2026-04-01 (ISO, in full),
 * or 1 Apr 2026 / 1 April 2026. Day before month always (UK order); null when it is not a real date. A two-digit
 * year is not guessed at (is 14/07/91 in 1991 or 2091?): `dateInputProblem` asks for the year in full.
 */
export function parseUkDate(text: string): string | null {
  const t = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) return toIso(dmy[3]!, dmy[2]!, dmy[1]!);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return toIso(iso[1]!, iso[2]!, iso[3]!);
  const named = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(t);
  if (named) {
    const month = monthFromName(named[2]!);
    return month === null ? null : toIso(named[3]!, month, named[1]!);
  }
  return null;
}

/** Why typed text is not a date, in words that say what to type instead. */
export function dateInputProblem(text: string): string {
  const t = text.trim();
  // A two-digit year could be either century (a date of birth in 1991, a referral in 2026), so it is not guessed.
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(t) || /^\d{1,2}\s+[A-Za-z]+\.?\s+\d{2}$/.test(t)) return 'Enter the year in full, with 4 digits, like 27/03/2026';
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(t) || /^\d{4}-\d{2}-\d{2}$/.test(t))
    return 'That date does not exist; check the day and month (day first, like 27/03/2026)';
  return 'Enter a date as day/month/year, like 27/03/2026 (27 Mar 2026 and 2026-03-27 also work)';
}

/** The financial year (April to March) a date falls in, named by its starting year: 2026-03-31 → 2025. */
export function financialYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export function financialYearLabel(startYear: number): string {
  return `April ${startYear} to March ${startYear + 1}`;
}
