import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../contract/session';
import { Dialog } from '../components/Dialog';
import { FormAlert } from '../components/Field';
import { api, errorMessage, unwrap } from '../services/api';

export function AboutDialog({ onClose }: { onClose(): void }) {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(api().session.about({})).then(setAbout, (err: unknown) => setError(errorMessage(err)));
  }, []);
  return (
    <Dialog title="About Reciprocal" onClose={onClose} name="about">
      <FormAlert message={error} />
      {about && <AboutDetails about={about} />}
    </Dialog>
  );
}

export function AboutDetails({ about }: { about: AboutInfo }) {
  return (
    <dl className="details">
      <dt>Version</dt>
      <dd data-testid="about-version">{about.version}</dd>
      <dt>Data folder</dt>
      <dd className="mono" data-testid="about-data-dir">
        {about.dataDir}
      </dd>
      <dt>Encrypted database</dt>
      <dd className="mono">{about.databaseFile}</dd>
      <dt>Log file</dt>
      <dd className="mono">{about.logFile}</dd>
      <dt>Encryption</dt>
      <dd>
        SQLCipher {about.sqlcipherVersion ?? ''} (AES-256), data version {about.schemaVersion ?? '–'}
      </dd>
      <dt>Electron</dt>
      <dd data-testid="about-electron">
        {about.electron ? (
          <>
            {about.electron.version} (built {about.electron.buildDate.split('-').reverse().join('/')})
            {about.electron.warning && (
              <span className="alert alert--warn about-warning" role="note">
                {about.electron.warning}
              </span>
            )}
          </>
        ) : (
          'Not running in Electron'
        )}
      </dd>
      <dt>Screen privacy</dt>
      <dd data-testid="about-screen-privacy">
        {about.screenPrivacy.hidden
          ? 'On: the window is hidden from screen capture and screen sharing'
          : 'Off: screen capture and screen sharing can show the window'}
        {about.screenPrivacy.hidden && !about.screenPrivacy.platformSupported && ' (this operating system does not support hiding it, so it may still show)'}
      </dd>
      <dt>Licence</dt>
      <dd>GNU Affero General Public License v3.0 only (AGPL-3.0-only)</dd>
    </dl>
  );
}
