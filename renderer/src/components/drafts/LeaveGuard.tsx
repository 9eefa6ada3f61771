import { useBlocker } from 'react-router';
import { Dialog } from '../Dialog';

/**
 * Leaving a form with unsaved changes asks first. The typing is kept as a draft either way, unless the coordinator
 * chooses to discard it, so "Leave" loses nothing: the form comes back as it was when it is opened again.
 */
export function LeaveGuard({ when, onDiscard, what }: { when: () => boolean; onDiscard(): Promise<void>; what: string }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && when());
  if (blocker.state !== 'blocked') return null;
  return (
    <Dialog title="Leave without saving?" name="leave-form" closeLabel="Stay" onClose={() => blocker.reset()}>
      <p>{what} is not saved yet. What you typed is kept as a draft, so it will be here when you come back to the form.</p>
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={() => blocker.reset()}>
          Stay on the form
        </button>
        <button type="button" className="button" onClick={() => blocker.proceed()}>
          Leave, keep the draft
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            void onDiscard().then(() => blocker.proceed());
          }}
        >
          Discard what I typed
        </button>
      </div>
    </Dialog>
  );
}
