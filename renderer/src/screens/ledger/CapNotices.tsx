import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { capOverrideSchema, type CapStanding, type CaseCapStanding } from '../../../../contract/ledger';
import { TextAreaField } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, unwrap } from '../../services/api';
import './ledger.css';

/*
 * The cap where coordinators meet it: a warning near the cap (the partner page, the referral form), a block with the
 * override at the cap (the approval and circulation dialog), and the list of partners at the cap on Home. Main
 * decides; these only show what it says.
 */

/** Near or at the cap, for one partner. Nothing when the partner is well within it. */
export function PartnerCapNotice({ partnerId, context }: { partnerId: number | undefined; context: 'partner' | 'referral' }) {
  const [s, setS] = useState<CapStanding | null>(null);
  useEffect(() => {
    if (partnerId === undefined) return;
    let live = true;
    unwrap(api().ledger.partnerCap({ partnerId })).then(
      (v) => live && setS(v),
      () => live && setS(null),
    );
    return () => {
      live = false;
    };
  }, [partnerId]);
  // A standing for a landlord no longer chosen is not shown.
  if (!s || s.partnerId !== partnerId || (s.status !== 'near_cap' && s.status !== 'at_cap')) return null;
  const at = s.status === 'at_cap';
  return (
    <div className={`alert ${at ? 'alert--error' : 'alert--warn'} ledger-cap-notice`} data-testid="ledger-cap-notice">
      <strong>{at ? 'At the ledger cap' : 'Near the ledger cap'}</strong> ({s.unreciprocated} of {s.cap}).{' '}
      {context === 'referral' && at ? `The moves behind it: ${s.moves.join(', ') || 'its opening balance'}. ` : `${s.message} `}
      <Link to={`/ledger/${s.partnerId}`}>See the statement</Link>
    </div>
  );
}

/** In the approval and circulation dialog: warns near the cap; at the cap, blocks and offers the one-case override. */
export function CaseCapPanel({ caseId, onOverridden }: { caseId: number; onOverridden?(): void }) {
  const [s, setS] = useState<CaseCapStanding | null>(null);
  const [reason, setReason] = useState('');
  const form = useSubmission();
  useEffect(() => {
    unwrap(api().ledger.caseCap({ caseId })).then(setS, () => setS(null));
  }, [caseId]);
  if (!s) return null;
  if (s.override) {
    return (
      <p className="alert alert--warn" data-testid="ledger-cap-overridden">
        The ledger cap is overridden for case {s.caseReference}: {s.override.reason}
      </p>
    );
  }
  if (s.status === 'near_cap') {
    return (
      <p className="alert alert--warn" data-testid="ledger-cap-notice">
        <strong>Near the ledger cap.</strong> {s.message}
      </p>
    );
  }
  if (!s.blocked) return null;
  const override = async () => {
    const next = await form.run(capOverrideSchema, { caseId, reason }, (req) => unwrap(api().ledger.overrideCap(req)));
    if (next) {
      setS(next);
      onOverridden?.();
    }
  };
  return (
    <div className="alert alert--error ledger-cap-block" data-testid="ledger-cap-block">
      <p>
        <strong>At the ledger cap.</strong> {s.message}
      </p>
      <TextAreaField
        label="Override the cap for this case only: why?"
        hint="Recorded on the case, in the ledger and in the audit log."
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={form.fields['reason']}
      />
      {form.error && <p role="alert">{form.error}</p>}
      <button type="button" className="button" disabled={form.busy} onClick={() => void override()}>
        Override the cap for {s.caseReference}
      </button>
    </div>
  );
}

/** On Home: every partner at the cap, each linked to the statement that explains it. */
export function AtCapPanel() {
  const [list, setList] = useState<CapStanding[] | null>(null);
  useEffect(() => {
    unwrap(api().ledger.atCap({})).then(setList, () => setList(null));
  }, []);
  if (!list) return null;
  return (
    <section className="panel" aria-labelledby="home-at-cap-heading" data-testid="home-at-cap">
      <h2 id="home-at-cap-heading">Partners at the ledger cap ({list.length})</h2>
      {list.length === 0 ? (
        <p className="muted">No partner is at the cap.</p>
      ) : (
        <ul className="divided-list">
          {list.map((s) => (
            <li key={s.partnerId}>
              <Link to={`/ledger/${s.partnerId}`}>{s.name}</Link>: {s.unreciprocated} of {s.cap} not yet reciprocated
              {s.moves.length > 0 && <span className="muted"> ({s.moves.join(', ')})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
