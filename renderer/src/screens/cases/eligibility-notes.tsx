import type { ReactNode } from 'react';
import type { EligibilityFailure } from '../../../../contract/case-views';

/** Eligibility's words at a field: a blocking error, or a warning or override that needs a reason to go on. */
export function EligibilityNotes({ failures, children }: { failures: readonly EligibilityFailure[]; children?: ReactNode }) {
  if (failures.length === 0) return null;
  return (
    <div className="referral-eligibility">
      {failures.map((f) => (
        <div key={f.rule} className={`alert ${f.severity === 'error' ? 'alert--error' : 'alert--warn'}`} data-rule={f.rule}>
          <strong>{f.severity === 'error' ? 'Not eligible. ' : f.severity === 'override' ? 'Needs an override. ' : 'Warning. '}</strong>
          {f.message.replace(/^Not eligible: /, '')}
        </div>
      ))}
      {children}
    </div>
  );
}
