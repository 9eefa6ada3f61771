import { useEffect, useState } from 'react';
import { JobProgress, useJobProgress } from '../components/job-progress';
import { errorMessage } from '../services/api';
import { useDemo } from '../stores/demo-store';
import { useSession } from '../stores/session-store';

/**
 * Demo mode (issue 14): on every screen, a banner that says DEMO and gives the demonstration store's passphrase,
 * and DEMO in the window title. The first time the demonstration store is open, it is filled with made-up data on
 * main's job runner, with its progress and a Cancel button here. "Leave demo" goes back to the real store.
 */
export function DemoBanner() {
  const state = useSession((s) => s.status?.state);
  const { status, load, leave, fill, filling, problem } = useDemo();
  const progress = useJobProgress('demo.fill');
  const [leaving, setLeaving] = useState(false);
  const [leaveProblem, setLeaveProblem] = useState<string | null>(null);

  useEffect(() => {
    void load().catch(() => undefined);
  }, [state, load]);

  const needsFill = status?.demo === true && state === 'unlocked' && !status.filled;
  useEffect(() => {
    if (needsFill) void fill();
  }, [needsFill, fill]);

  if (!status?.demo) return null;
  return (
    <aside className="demo-banner" aria-label="Demo mode" data-testid="demo-banner">
      <div className="demo-banner__line">
        <span>
          <strong>DEMO</strong> Made-up cases only, in a separate demonstration store. Its passphrase is <code>{status.passphrase}</code>
        </span>
        {status.canSwitch && (
          <button
            className="button demo-banner__leave"
            type="button"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              void leave()
                .catch((err: unknown) => setLeaveProblem(errorMessage(err)))
                .finally(() => setLeaving(false));
            }}
          >
            {leaving ? 'Leaving demo…' : 'Leave demo'}
          </button>
        )}
      </div>
      {filling && <div className="demo-banner__progress">{progress ? <JobProgress progress={progress} /> : <span role="status">Making demo data…</span>}</div>}
      {(problem ?? leaveProblem) && <p role="alert">{problem ?? leaveProblem}</p>}
    </aside>
  );
}
