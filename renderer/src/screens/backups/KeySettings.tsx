import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { contactInputSchema, type BackupContact, type OwnIdentity } from '../../../../contract/backup-types';
import { CheckboxField, Field, Form, FormAlert } from '../../components/Field';
import { useSubmission, useTask } from '../../components/form';
import { useJobProgress } from '../../components/job-progress';
import { api, unwrap } from '../../services/api';
import './backups.css';

/**
 * Settings → Shares: this coordinator's own public key (text and QR code, for colleagues to add), the address book of
 * colleagues' keys, making a share for some of them, and opening a share made for this coordinator, read-only.
 */
export function KeySettings() {
  const [identity, setIdentity] = useState<OwnIdentity | null>(null);
  const [contacts, setContacts] = useState<BackupContact[]>([]);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [includeMe, setIncludeMe] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  const show = useTask();
  const add = useSubmission();
  const share = useTask();
  const open = useTask();
  const navigate = useNavigate();
  const progress = useJobProgress('backup.write');

  const loadContacts = useCallback(async () => setContacts(await unwrap(api().backups.contacts({}))), []);
  useEffect(() => {
    unwrap(api().backups.contacts({})).then(setContacts, () => undefined);
  }, []);

  const showKey = async () => {
    const result = await show.run(() => unwrap(api().backups.identity({})));
    if (result) setIdentity(result);
  };
  const addContact = async () => {
    setMessage(null);
    const result = await add.run(contactInputSchema, { name, publicKey }, (req) => unwrap(api().backups.addContact(req)));
    if (result) {
      setName('');
      setPublicKey('');
      setMessage(`${result.name} added to the address book.`);
      await loadContacts();
    }
  };
  const remove = async (c: BackupContact) => {
    setMessage(null);
    await unwrap(api().backups.removeContact({ id: c.id }));
    setMessage(`${c.name} removed from the address book.`);
    chosen.delete(c.id);
    setChosen(new Set(chosen));
    await loadContacts();
  };
  const makeShare = async () => {
    setMessage(null);
    const result = await share.run(() => unwrap(api().backups.share({ contactIds: [...chosen], includeMe })));
    if (result && !('cancelled' in result)) setMessage(`Share saved as ${result.fileName}, for ${result.recipients.join(', ')}.`);
  };
  const openShare = async () => {
    const result = await open.run(() => unwrap(api().shares.open({})));
    if (result && !('cancelled' in result)) navigate('/shares');
  };

  return (
    <section className="panel" aria-labelledby="shares-heading" data-testid="share-settings">
      <h2 id="shares-heading">Shares with colleagues</h2>
      <p>
        A share is an encrypted copy of your data that only the colleagues you choose can open, with their own key. Use it to hand over a caseload or for a
        manager’s review.
      </p>

      <h3>Your key</h3>
      {identity ? (
        <div className="backup-key">
          <div className="backup-key__qr" role="img" aria-label="Your public key as a QR code" dangerouslySetInnerHTML={{ __html: identity.qrSvg }} />
          <p className="backup-key__text">
            Give colleagues this public key so that they can make shares for you. It is safe to send: it cannot open anything.
            <br />
            <span className="mono" data-testid="own-key">
              {identity.publicKey}
            </span>
          </p>
        </div>
      ) : (
        <button className="button" type="button" onClick={() => void showKey()} disabled={show.busy}>
          Show my public key
        </button>
      )}
      <FormAlert message={show.error} />

      <h3>Colleagues’ keys</h3>
      {contacts.length === 0 ? (
        <p className="muted">No colleagues yet.</p>
      ) : (
        <ul className="divided-list">
          {contacts.map((c) => (
            <li key={c.id}>
              <CheckboxField
                label={`${c.name} (${c.publicKey.slice(0, 12)}…${c.publicKey.slice(-6)})`}
                checked={chosen.has(c.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(c.id);
                  else next.delete(c.id);
                  setChosen(next);
                }}
              />
              <button className="button button--small" type="button" onClick={() => void remove(c)} aria-label={`Remove ${c.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <Form onSubmit={addContact} error={add.error}>
        <Field label="Colleague’s name" value={name} onChange={(e) => setName(e.target.value)} error={add.fields['name']} />
        <Field
          label="Their public key"
          hint="Starts with age1. Ask them for it: Settings → Shares → Show my public key."
          className="mono"
          spellCheck={false}
          value={publicKey}
          onChange={(e) => setPublicKey(e.target.value)}
          error={add.fields['publicKey']}
        />
        <button className="button" type="submit" disabled={add.busy}>
          Add colleague
        </button>
      </Form>

      <h3>Make a share</h3>
      <CheckboxField
        label="Include my own key, so that I can check and open the share too"
        checked={includeMe}
        onChange={(e) => setIncludeMe(e.target.checked)}
      />
      <div className="button-row">
        <button className="button button--primary" type="button" onClick={() => void makeShare()} disabled={share.busy || (chosen.size === 0 && !includeMe)}>
          {share.busy
            ? 'Making the share…'
            : `Make a share for ${chosen.size === 0 ? 'me' : chosen.size === 1 ? 'one colleague' : `${chosen.size} colleagues`}…`}
        </button>
        <button className="button" type="button" onClick={() => void openShare()} disabled={open.busy}>
          {open.busy ? 'Opening…' : 'Open a share made for me…'}
        </button>
      </div>
      {share.busy && progress && (
        <div className="backup-progress">
          <span id="share-progress-label">{progress.label}…</span>{' '}
          <progress aria-labelledby="share-progress-label" max={progress.total || 100} value={progress.done} />
        </div>
      )}
      <FormAlert message={share.error ?? open.error} />
      {message && (
        <p className="saved" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
