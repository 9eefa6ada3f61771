import type { SentCirculation } from '../../../../contract/circulation';

/** Shown once a pack is saved and recorded: where it went, and the passphrase to send separately. */
export function SentNotice({ sent }: { sent: SentCirculation }) {
  const partners = new Set(sent.circulation.recipients.map((r) => r.partnerId)).size;
  return (
    <div className="alert alert--ok circulation-sent" data-testid="circulation-sent">
      <p>
        <strong>Saved {sent.circulation.fileName}</strong> and recorded as sent to {partners} {partners === 1 ? 'partner' : 'partners'}. Attach it to a secure
        email to the address list.
      </p>
      {sent.passphrase && (
        <>
          <p>
            Passphrase: <code className="mono circulation-passphrase">{sent.passphrase}</code>
          </p>
          <p>Read it out by phone, or send it by SMS. Never put it in the same email as the pack. It stays with this circulation if it is needed again.</p>
        </>
      )}
    </div>
  );
}
