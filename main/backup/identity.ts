import { z } from 'zod';
import QRCode from 'qrcode';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import type { BackupContact } from '../../contract/backup-types';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';
import { readSetting, writeSetting } from '../settings/settings-repo';

const IDENTITY_KEY = 'backups.identity';
const identitySchema = z.object({ secret: z.string().startsWith('AGE-SECRET-KEY-1'), publicKey: z.string().startsWith('age1'), createdAt: z.string() });
export type StoredIdentity = z.infer<typeof identitySchema>;

/** The coordinator's own age key pair: the secret half stays in the encrypted store and never leaves in a share. */
export function readIdentity(db: Db): StoredIdentity | null {
  return readSetting(db, IDENTITY_KEY, identitySchema.nullable(), null);
}

export async function newIdentity(now: Date): Promise<StoredIdentity> {
  const secret = await generateX25519Identity();
  return { secret, publicKey: await identityToRecipient(secret), createdAt: now.toISOString() };
}

export function saveIdentity(db: Db, identity: StoredIdentity): void {
  writeSetting(db, IDENTITY_KEY, identity);
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

interface ContactRow {
  id: number;
  name: string;
  public_key: string;
  added_at: string;
}

const toContact = (r: ContactRow): BackupContact => ({ id: r.id, name: r.name, publicKey: r.public_key, addedAt: r.added_at });

export function listContacts(db: Db): BackupContact[] {
  return (db.prepare('SELECT * FROM backup_contacts WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE, id').all() as unknown as ContactRow[]).map(
    toContact,
  );
}

export function getContact(db: Db, id: number): BackupContact {
  const row = db.prepare('SELECT * FROM backup_contacts WHERE id = ? AND removed_at IS NULL').get([id]) as unknown as ContactRow | undefined;
  if (!row) throw new AppFailure('NOT_FOUND', 'That colleague is not in the address book. Nothing was changed.');
  return toContact(row);
}

export function addContact(db: Db, input: { name: string; publicKey: string }, now: Date): BackupContact {
  const existing = db.prepare('SELECT name FROM backup_contacts WHERE public_key = ? AND removed_at IS NULL', { pluck: true }).get([input.publicKey]);
  if (typeof existing === 'string') {
    throw new AppFailure('CONFLICT', `That key is already in the address book, for ${existing}. Nothing was changed.`, {
      fields: { publicKey: 'This key is already in the address book' },
    });
  }
  const id = db
    .prepare('INSERT INTO backup_contacts (name, public_key, added_at) VALUES (?, ?, ?)')
    .run([input.name, input.publicKey, now.toISOString()]).lastInsertRowid;
  return getContact(db, id);
}

export function removeContact(db: Db, id: number, now: Date): BackupContact {
  const contact = getContact(db, id);
  db.prepare('UPDATE backup_contacts SET removed_at = ? WHERE id = ?').run([now.toISOString(), id]);
  return contact;
}
