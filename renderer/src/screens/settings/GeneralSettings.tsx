import { useEffect, useState } from 'react';
import { generalSettingsSchema } from '../../../../contract/settings';
import { CheckboxField, Field, Form, FormAlert } from '../../components/Field';
import { useSubmission } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';

export function GeneralSettings({ onLoaded }: { onLoaded(): void }) {
  const [coordinatorName, setName] = useState('');
  const [autoLock, setAutoLock] = useState('');
  const [hideFromScreenCapture, setHide] = useState(true);
  const [saved, setSaved] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const form = useSubmission();
  const refreshSession = useSession((s) => s.refresh);

  useEffect(() => {
    unwrap(api().settings.getGeneral({})).then(
      (s) => {
        setName(s.coordinatorName);
        setAutoLock(String(s.autoLockMinutes));
        setHide(s.hideFromScreenCapture);
        onLoaded();
      },
      (err: unknown) => {
        setLoadError(errorMessage(err));
        onLoaded();
      },
    );
  }, [onLoaded]);

  const submit = async () => {
    setSaved(false);
    const minutes = autoLock.trim() === '' ? Number.NaN : Number(autoLock);
    const result = await form.run(generalSettingsSchema, { coordinatorName, autoLockMinutes: minutes, hideFromScreenCapture }, (req) =>
      unwrap(api().settings.updateGeneral(req)),
    );
    if (result) {
      setSaved(true);
      // "Signed in as …" in the sidebar follows a new name at once.
      void refreshSession();
    }
  };

  return (
    <section className="panel" aria-labelledby="general-heading">
      <h2 id="general-heading">General</h2>
      <FormAlert message={loadError} />
      <Form onSubmit={submit} error={form.error}>
        <Field
          label="Your name"
          hint="Recorded in the audit log against each change you make."
          value={coordinatorName}
          onChange={(e) => setName(e.target.value)}
          error={form.fields['coordinatorName']}
        />
        <Field
          label="Lock after this many minutes without activity"
          hint="Between 1 and 120 minutes. The app also locks when the computer sleeps or the screen locks."
          inputMode="numeric"
          className="input--short"
          value={autoLock}
          onChange={(e) => setAutoLock(e.target.value)}
          error={form.fields['autoLockMinutes']}
        />
        <CheckboxField
          label="Hide the window from screen capture and screen sharing"
          hint="Screenshots, screen recordings and shared screens in video calls show a blank window instead of case details. Works on Windows and macOS."
          checked={hideFromScreenCapture}
          onChange={(e) => setHide(e.target.checked)}
          error={form.fields['hideFromScreenCapture']}
        />
        <div className="button-row">
          <button className="button button--primary" type="submit" disabled={form.busy}>
            Save settings
          </button>
          {saved && (
            <span className="saved" role="status">
              Settings saved.
            </span>
          )}
        </div>
      </Form>
    </section>
  );
}
