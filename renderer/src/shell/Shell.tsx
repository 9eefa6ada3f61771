import { useEffect, useRef, useState } from 'react';
import { Outlet } from 'react-router';
import { DraftOffer } from '../components/drafts/DraftOffer';
import { api } from '../services/api';
import { useSession } from '../stores/session-store';
import { Nav } from './Nav';
import { AboutDialog } from './AboutDialog';
import { BackupStatusLine } from '../screens/backups/BackupStatusLine';

const ACTIVITY_PING_MS = 2000;

/** The frame behind the lock: navigation, the lock button and shortcut, and activity reports for auto-lock. */
export function Shell() {
  const lockNow = useSession((s) => s.lockNow);
  const name = useSession((s) => s.status?.coordinatorName);
  const [aboutOpen, setAboutOpen] = useState(false);
  // On a narrow window the navigation folds away behind a Menu button; Lock now stays in view.
  const [menuOpen, setMenuOpen] = useState(false);
  const lastPing = useRef(0);

  useEffect(() => {
    const onActivity = () => {
      const now = Date.now();
      if (now - lastPing.current < ACTIVITY_PING_MS) return;
      lastPing.current = now;
      void api().session.activity({});
    };
    const onKey = (event: KeyboardEvent) => {
      // Ctrl+L (Cmd+L on a Mac) locks at once, wherever focus is.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lockNow();
      }
    };
    window.addEventListener('keydown', onKey);
    for (const type of ['keydown', 'pointerdown', 'wheel'] as const) window.addEventListener(type, onActivity, { passive: true });
    return () => {
      window.removeEventListener('keydown', onKey);
      for (const type of ['keydown', 'pointerdown', 'wheel'] as const) window.removeEventListener(type, onActivity);
    };
  }, [lockNow]);

  return (
    <div className={menuOpen ? 'shell shell--menu-open' : 'shell'}>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <aside className="shell__side">
        <p className="shell__brand">
          <span className="auth__logo" aria-hidden="true">
            R
          </span>
          Reciprocal
        </p>
        <button
          type="button"
          className="button button--small shell__menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="shell-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        {/* Choosing a screen folds the menu away again. */}
        <div id="shell-nav" className="shell__nav" onClick={() => setMenuOpen(false)}>
          <Nav />
        </div>
        <div className="shell__foot">
          {name && <p className="shell__user">Signed in as {name}</p>}
          <BackupStatusLine />
          <button type="button" className="button button--lock" onClick={() => void lockNow()} aria-keyshortcuts="Control+L">
            Lock now <kbd>Ctrl+L</kbd>
          </button>
          <button type="button" className="link-button link-button--light" onClick={() => setAboutOpen(true)}>
            About Reciprocal
          </button>
        </div>
      </aside>
      <main id="content" className="shell__main" tabIndex={-1}>
        <DraftOffer />
        <Outlet />
      </main>
      {aboutOpen && <AboutDialog onClose={() => setAboutOpen(false)} />}
    </div>
  );
}
