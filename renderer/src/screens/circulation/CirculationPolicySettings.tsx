import { useEffect, useState } from 'react';
import { RECIRCULATION_AUDIENCE_LABELS, RECIRCULATION_AUDIENCES, type CirculationPolicy } from '../../../../contract/circulation';
import { FormAlert } from '../../components/Field';
import { api, errorMessage, unwrap } from '../../services/api';

/** Settings: whether packs show the risk category (off by default), and who a re-circulation goes to. */
export function CirculationPolicySettings() {
  const [policy, setPolicy] = useState<CirculationPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    unwrap(api().circulation.getPolicy({})).then(setPolicy, (err: unknown) => setError(errorMessage(err)));
  }, []);
  if (!policy) return <FormAlert message={error} />;
  const save = async (next: CirculationPolicy) => {
    setSaved(false);
    setError(null);
    try {
      setPolicy(await unwrap(api().circulation.updatePolicy(next)));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="panel" aria-labelledby="circulation-policy-heading">
      <h2 id="circulation-policy-heading">Circulation packs</h2>
      <div className="checkbox-field">
        <label className="checkbox">
          <input type="checkbox" checked={policy.showRiskCategory} onChange={(e) => void save({ ...policy, showRiskCategory: e.target.checked })} /> Show the
          risk category in packs
        </label>
        <p className="field__hint">Off by default: the category can narrow down who an applicant is. The risk narrative is never in a pack.</p>
      </div>
      <fieldset className="group">
        <legend>A re-circulation goes, by default, to</legend>
        {RECIRCULATION_AUDIENCES.map((a) => (
          <label key={a} className="choice">
            <input
              type="radio"
              name="recirculation-audience"
              checked={policy.recirculationAudience === a}
              onChange={() => void save({ ...policy, recirculationAudience: a })}
            />{' '}
            {RECIRCULATION_AUDIENCE_LABELS[a]}
          </label>
        ))}
      </fieldset>
      <div role="status">{saved && <p className="saved">Saved.</p>}</div>
      <FormAlert message={error} />
    </section>
  );
}
