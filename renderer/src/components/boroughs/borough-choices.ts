import { BOROUGHS_ALPHABETICAL, type BoroughCode } from '../../../../contract/boroughs';

/** The 33 boroughs A to Z, as options for a select or a group of checkboxes. */
export const BOROUGH_CHOICES: readonly { value: BoroughCode; label: string }[] = BOROUGHS_ALPHABETICAL.map((b) => ({ value: b.code, label: b.name }));
