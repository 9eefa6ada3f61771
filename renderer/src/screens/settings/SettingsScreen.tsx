import { useCallback, useState } from 'react';
import { Screen } from '../../components/Screen';
import { GeneralSettings } from './GeneralSettings';
import { ChangePassphrase, NewRecoveryKey } from './SecuritySettings';
import { DatabaseSettings } from './DatabaseSettings';
import { featureSettingsSections } from './feature-sections';

export function SettingsScreen() {
  const [ready, setReady] = useState(false);
  const onLoaded = useCallback(() => setReady(true), []);
  return (
    <Screen name="settings" title="Settings" ready={ready}>
      <div className="settings-grid">
        <GeneralSettings onLoaded={onLoaded} />
        {featureSettingsSections.map((Section, i) => (
          <Section key={i} />
        ))}
        <ChangePassphrase />
        <NewRecoveryKey />
        <DatabaseSettings />
      </div>
    </Screen>
  );
}
