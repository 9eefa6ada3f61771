import { parsePhoneNumberFromString } from 'libphonenumber-js';

/*
 * One phone-number rule for the whole app (Nominating Officers, applicants, partner contacts), so that a number
 * accepted in one form is never refused in another. libphonenumber-js (Google's libphonenumber metadata, kept up to
 * date by its maintainers) reads the forms people really write: "+44 (0)20 7946 0123", "0044 20 7946 0123",
 * "(020) 7946-0123". Possible rather than valid: Ofcom's ranges for drama and training (020 7946 0xxx,
 * 07700 900xxx) are "not valid" to the library, yet they are what test data and training material use.
 */

/** Digits, spaces, brackets, dashes, dots and a leading +: anything else (letters, "ext") is not a phone number. */
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

function parseUk(value: string): string | null {
  const text = value.trim();
  if (!PHONE_CHARACTERS.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, 'GB');
  if (parsed === undefined || parsed.countryCallingCode !== '44' || !parsed.isPossible()) return null;
  return parsed.number;
}

/*
 * A referral's numbers are read three times in one save (the IPC schema, the intake rules, the duplicate check), and
 * parsing is most of a save's validation. The last few answers are kept, few because they are personal details, and
 * main forgets them at the end of each IPC call (`forgetRecentPhones`).
 */
const RECENT = 16;
const recent = new Map<string, string | null>();

function ukKey(value: string): string | null {
  const known = recent.get(value);
  if (known !== undefined) return known;
  const key = parseUk(value);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(value, key);
  return key;
}

/** Drops the kept answers: main calls it when each IPC call ends, so no number outlives the call that brought it. */
export function forgetRecentPhones(): void {
  recent.clear();
}

/** A UK phone number, however it is punctuated. */
export function isUkPhone(value: string): boolean {
  return ukKey(value) !== null;
}

/** One key per number however it was written (+442079460123), for comparing numbers; null when not a UK number. */
export function phoneKey(value: string): string | null {
  return ukKey(value);
}

export const UK_PHONE_MESSAGE = 'Enter a UK phone number, like 020 7946 0000, 07700 900 000 or +44 20 7946 0000';
