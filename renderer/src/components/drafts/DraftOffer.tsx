import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { DraftSummary } from '../../../../contract/drafts';
import { formatUkDate } from '../../../../contract/dates';
import { api, unwrap } from '../../services/api';
import { Dialog } from '../Dialog';

function formPath(d: DraftSummary): string {
  return d.kind === 'referral' ? '/cases/new' : `/cases/${d.caseId ?? 0}/edit`;
}

/** "14:02" today, "28/11/2026 at 14:02" before. */
function when(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const local = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return local === today ? time : `${formatUkDate(local)} at ${time}`;
}

/**
 * After unlock, the drafts main kept are offered back: "You have an unsaved referral from 14:02: continue or
 * discard". Shown above every screen until answered, except on the form the draft belongs to.
 */
export function DraftOffer() {
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [answered, setAnswered] = useState<Set<string>>(new Set());
  // Discarding loses what was typed for good, so it asks first (issue 7).
  const [discarding, setDiscarding] = useState<DraftSummary | null>(null);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    let current = true;
    void unwrap(api().drafts.list({})).then(
      (list) => current && setDrafts(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  const open = drafts.filter((d) => !answered.has(d.key) && formPath(d) !== location.pathname);
  if (open.length === 0) return null;
  const answer = (key: string) => setAnswered((s) => new Set([...s, key]));
  const what = (d: DraftSummary) => (d.kind === 'referral' ? 'an unsaved referral' : `unsaved changes to ${d.reference ?? 'a case'}`);
  return (
    <section className="draft-offer" aria-label="Unsaved forms">
      {open.map((d) => (
        <div key={d.key} className="alert alert--warn draft-offer__item" data-draft={d.key}>
          <p>
            You have {what(d)} from {when(d.updatedAt)}: continue or discard?
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => {
                answer(d.key);
                void navigate(formPath(d));
              }}
            >
              Continue
            </button>
            <button type="button" className="button button--small" onClick={() => setDiscarding(d)}>
              Discard
            </button>
          </div>
        </div>
      ))}
      {discarding && (
        <Dialog
          title={discarding.kind === 'referral' ? 'Discard the unsaved referral?' : 'Discard the unsaved changes?'}
          name="discard-draft"
          closeLabel="Cancel"
          onClose={() => setDiscarding(null)}
        >
          <p>
            Everything typed in {what(discarding)} from {when(discarding.updatedAt)} will be deleted. This cannot be undone.
          </p>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => setDiscarding(null)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                const d = discarding;
                setDiscarding(null);
                answer(d.key);
                void api().drafts.discard({ key: d.key });
              }}
            >
              Discard it
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
