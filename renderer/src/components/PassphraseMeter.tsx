import { estimateStrength } from '../../../contract/passphrase';

/** Strength of a new passphrase, in words as well as colour so it does not rely on colour alone. */
export function PassphraseMeter({ value }: { value: string }) {
  const strength = estimateStrength(value);
  return (
    <div className="meter" aria-live="polite">
      <div className="meter__bar" data-score={strength.score}>
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={n <= strength.score ? 'on' : ''} />
        ))}
      </div>
      <div className="meter__text">
        <strong>Strength: {strength.label}.</strong> {strength.hint}
      </div>
    </div>
  );
}
