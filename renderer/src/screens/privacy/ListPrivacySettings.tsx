import { useEffect, useState } from 'react';
import { FormAlert } from '../../components/Field';
import { api, errorMessage, unwrap } from '../../services/api';
import { useCases } from '../../stores/cases-store';

/** "Show applicant names in lists", in Settings. Saved as soon as it is changed, and audited in main. */
export function ListPrivacySettings() {
  const [show, setShow] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invalidate = useCases((s) => s.invalidate);

  useEffect(() => {
    unwrap(api().privacy.get({})).then(
      (p) => setShow(p.showNamesInLists),
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  const change = async (next: boolean) => {
    setMessage(null);
    setError(null);
    try {
      const saved = await unwrap(api().privacy.update({ showNamesInLists: next }));
      setShow(saved.showNamesInLists);
      invalidate();
      setMessage(saved.showNamesInLists ? 'Lists now show applicant names.' : 'Lists now show references and initials only.');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="panel" aria-labelledby="list-privacy-heading">
      <h2 id="list-privacy-heading">Names on shared screens</h2>
      <FormAlert message={error} />
      {show !== null && (
        <label className="checkbox">
          <input type="checkbox" checked={show} onChange={(e) => void change(e.target.checked)} />
          <span>Show applicant names in lists</span>
        </label>
      )}
      <p className="field__hint">
        Off: lists show the reference and initials, and a case shows the applicant only after “Show applicant details”, so a laptop on a desk shows nobody’s
        identity to someone passing. Search by name works either way.
      </p>
      <p role="status">{message}</p>
    </section>
  );
}
