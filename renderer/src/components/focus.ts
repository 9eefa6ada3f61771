/** What keyboard focus can land on, for moving focus into a dialog or to a field. */
export const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex="0"]';

/**
 * Focus what matches `selector` once React has drawn it: the first field of a part just added, or the button that
 * stays when the part it belonged to is removed.
 */
export function focusSoon(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}
