import { useEffect, useState } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';
import { useSession } from './stores/session-store';
import { Shell } from './shell/Shell';
import { DemoBanner } from './shell/DemoBanner';
import { SetupScreen } from './screens/setup/SetupScreen';
import { UnlockScreen } from './screens/unlock/UnlockScreen';
import { NewPassphraseScreen } from './screens/unlock/NewPassphraseScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { partnerRoutes } from './screens/partners/routes';
import { caseRoutes } from './screens/cases/routes';
import { circulationRoutes } from './screens/circulation/routes';
import { offerRoutes } from './screens/offers/routes';
import { ledgerRoutes } from './screens/ledger/routes';
import { api } from './services/api';
import { useBackups } from './stores/backups-store';
import { RestoreScreen } from './screens/backups/RestoreScreen';
import { ShareScreen } from './screens/backups/ShareScreen';
import { RestoreFromBackupButton } from './screens/backups/RestoreFromBackupButton';
import { DamagedScreen } from './screens/damaged/DamagedScreen';
import { RecoveryKeyReminder } from './screens/unlock/RecoveryKeyReminder';
import { useDemo } from './stores/demo-store';

function createRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <Shell />,
      children: [
        ...caseRoutes,
        ...partnerRoutes,
        ...circulationRoutes,
        ...offerRoutes,
        ...ledgerRoutes,
        { path: 'reports', element: <ReportsScreen /> },
        { path: 'settings', element: <SettingsScreen /> },
        { path: 'shares', element: <ShareScreen /> },
      ],
    },
  ]);
}

/** Every screen, under the DEMO banner when this is the demonstration store. */
export function App() {
  return (
    <>
      <DemoBanner />
      <Gate />
    </>
  );
}

/** The gate: nothing behind the lock renders (or keeps state) until the session is unlocked. */
function Gate() {
  const { status, loadError, refresh, locked } = useSession();
  const restoring = useBackups((s) => s.restoring);
  const storedWhileLocked = useSession((s) => s.recoveryKeyStoredWhileLocked);
  // Once the demo fill ends, the screens start again on Home and read the made-up scheme.
  const demoGeneration = useDemo((s) => s.generation);

  useEffect(() => {
    void refresh();
    return api().onEvent((event) => {
      if (event.type === 'locked') locked(event.reason);
      // A call found the database damaged: main has closed it; drop every screen's state and show what happened.
      if (event.type === 'database-damaged') locked('damaged');
    });
  }, [refresh, locked]);

  if (loadError) {
    return (
      <main className="auth" data-screen="error" data-ready="true">
        <div className="auth__card" role="alert">
          <h1>Reciprocal could not start</h1>
          <p>{loadError}</p>
        </div>
      </main>
    );
  }
  if (!status) return <main className="auth" data-screen="loading" data-ready="false" aria-busy="true" />;
  // Above the lock gate: a restore works before setup and while locked, and it locks the app itself.
  if (restoring) return <RestoreScreen />;
  if (status.state === 'needs-setup') return <SetupScreen />;
  if (status.state === 'locked') return <UnlockScreen />;
  if (status.state === 'damaged') return <DamagedScreen restoreAction={<RestoreFromBackupButton />} />;
  if (status.mustChangePassphrase) return <NewPassphraseScreen />;
  if (status.recoveryKeyUnconfirmed) return storedWhileLocked ? <RecordStoredRecoveryKey /> : <RecoveryKeyReminder />;
  return <UnlockedApp key={demoGeneration} />;
}

/** Records the confirmation given on the restore screen, now that the store is open (see the session store). */
function RecordStoredRecoveryKey() {
  const record = useSession((s) => s.recordStoredRecoveryKey);
  useEffect(() => {
    void record();
  }, [record]);
  return <main className="auth" data-screen="loading" data-ready="false" aria-busy="true" />;
}

function UnlockedApp() {
  // A fresh router per unlock: after a lock, the app reopens on Home with no history of the last session.
  const [router] = useState(() => {
    window.location.hash = '#/';
    return createRouter();
  });
  return <RouterProvider router={router} />;
}
