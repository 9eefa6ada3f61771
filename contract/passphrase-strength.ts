import type { PassphraseStrength, StrengthScore } from './passphrase';
import { MIN_PASSPHRASE_LENGTH } from './passphrase';

/**
 * Passphrase strength from zxcvbn-ts (pattern matching over common passwords, names, English words, keyboard walks,
 * dates and repeats, scored by estimated guesses) with its common and English dictionaries. Main and the form use this
 * same function, so the meter never shows "Good" for a passphrase main refuses.
 *
 * The dictionaries are about 5 MB of JavaScript: they are loaded with a dynamic import, so the renderer fetches them
 * only when a passphrase field is shown, and main only when a passphrase is first chosen.
 */
export const MIN_STRENGTH_SCORE: StrengthScore = 3;

export type StrengthEstimator = (passphrase: string, userInputs?: string[]) => PassphraseStrength;

const LABELS = { 0: 'Weak', 1: 'Weak', 2: 'Fair', 3: 'Good', 4: 'Strong' } as const;

/** Words that make a passphrase easy to guess for anyone who knows where it is used. */
export const CONTEXT_WORDS = ['reciprocal', 'saferlondon', 'safer', 'london', 'housing', 'pan', 'tenancy', 'borough', 'coordinator'];

let loading: Promise<StrengthEstimator> | null = null;

export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  loading ??= (async () => {
    const [core, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    // The packages ship CommonJS for Node and ESM for bundlers; take the named exports from whichever this is.
    const pick = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T;
    const { ZxcvbnFactory } = pick(core);
    const c = pick(common);
    const e = pick(en);
    const zxcvbn = new ZxcvbnFactory({ dictionary: { ...c.dictionary, ...e.dictionary }, graphs: c.adjacencyGraphs, translations: e.translations });
    return (passphrase, userInputs = []) => {
      if (passphrase.length < MIN_PASSPHRASE_LENGTH) return { score: 0, label: 'Too short', hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` };
      // zxcvbn's cost grows with length; past 100 characters the extra ones add nothing to the estimate.
      const result = zxcvbn.check(passphrase.slice(0, 100), [...CONTEXT_WORDS, ...userInputs]);
      const score = result.score as StrengthScore;
      const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
      const hint =
        score >= 4
          ? 'A strong passphrase.'
          : score === MIN_STRENGTH_SCORE
            ? `A good passphrase. ${advice || 'A few more characters make it strong.'}`
            : `${advice || 'Add more words or characters.'} Four or more unrelated words work well.`;
      return { score, label: LABELS[score], hint };
    };
  })();
  return loading;
}

/** Main's rule and the form's: null when the passphrase may be used, else the message for its field. */
export function passphraseWeakness(strength: PassphraseStrength): string | null {
  if (strength.score >= MIN_STRENGTH_SCORE) return null;
  if (strength.label === 'Too short') return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`;
  return `This passphrase is too easy to guess. ${strength.hint}`;
}
