import { useState, type ReactNode } from 'react';

/**
 * The applicant's identity, shown only when asked for, so that a case open on a desk shows nobody to someone
 * passing. It hides again when the case is left or the app locks (the component is not kept).
 */
export function IdentityReveal({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="identity-reveal">
      <button type="button" className="button button--small" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide applicant details' : 'Show applicant details'}
      </button>
      {shown && <div className="identity-reveal__body">{children}</div>}
    </div>
  );
}
