import { z } from 'zod';
import { channel } from './channel';

/**
 * What the screens a passer-by can see show of an applicant. Off by default: lists show the reference and initials
 * only, and main does not even send the names, so a laptop left open on a shared desk shows nobody's identity.
 */
export const listPrivacySchema = z.strictObject({
  showNamesInLists: z.boolean({ error: 'Choose whether lists show applicant names' }),
});
export type ListPrivacy = z.output<typeof listPrivacySchema>;

export const DEFAULT_LIST_PRIVACY: ListPrivacy = { showNamesInLists: false };

/** "Amara Okafor" is "A. O."; what a list shows when names are hidden. */
export function initialsOf(fullName: string): string {
  const words = fullName
    .normalize('NFC')
    .split(/[\s-]+/)
    .map((w) => w.replace(/^[^\p{L}]+/u, ''))
    .filter((w) => w !== '');
  return words.map((w) => `${[...w][0]?.toLocaleUpperCase('en-GB') ?? ''}.`).join(' ');
}

export const privacyChannels = {
  'privacy.get': channel<ListPrivacy>()(z.strictObject({})),
  'privacy.update': channel<ListPrivacy>()(listPrivacySchema),
};
