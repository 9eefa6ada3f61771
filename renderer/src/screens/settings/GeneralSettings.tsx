import { useEffect, useState } from 'react';
import { generalSettingsSchema } from '../../../../contract/settings';
import { CheckboxField, Field } from '../../components/Field';
import { SettingsPanel, typedNumber } from '../../components/SettingsPanel';
import { useSubmission } from '../../components/form';
import { api, errorMessage, unwrap } from '../../services/api';
import { useSession } from '../../stores/session-store';

export function GeneralSettings({ onLoaded }: { onLoaded(): void }) {
  const [coordinatorName, setName] = useState('');
  const [autoLock, setAutoLock] = useState('');
  const [hideFromScreenCapture, setHide] = useState(true);
  const [saved, setSaved] = useState<string | null>(null);
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
    setSaved(null);
    const result = await form.run(generalSettingsSchema, { coordinatorName, autoLockMinutes: typedNumber(autoLock), hideFromScreenCapture }, (req) =>
      unwrap(api().settings.updateGeneral(req)),
    );
    if (result) {
      setSaved('Settings saved.');
      // "Signed in as …" in the sidebar follows a new name at once.
      void refreshSession();
    }
  };

  return (
    <SettingsPanel
      id="general"
      title="General"
      loadError={loadError}
      ready
      onSubmit={submit}
      error={form.error}
      busy={form.busy}
      submitLabel="Save settings"
      saved={saved}
    >
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
    </SettingsPanel>
  );
}
