import { z } from 'zod';
import { channel } from './channel';
import { enteredPassphraseSchema, passphraseSchema } from './passphrase';

export type SessionState = 'needs-setup' | 'locked' | 'unlocked';

export interface SessionStatus {
  state: SessionState;
  /** Set after a recovery-key unlock: the app asks for a new passphrase before anything else. */
  mustChangePassphrase: boolean;
  /** When the next unlock attempt is allowed (ms from now), after repeated failures. */
  retryAfterMs: number;
  coordinatorName: string | null;
}

export type LockReason = 'manual' | 'idle' | 'suspend' | 'screen-lock' | 'shutdown';

export interface AboutInfo {
  appName: string;
  version: string;
  dataDir: string;
  databaseFile: string;
  logFile: string;
  sqlcipherVersion: string | null;
  schemaVersion: number | null;
}

export interface IntegrityReport {
  ok: boolean;
  problems: string[];
  checkedAt: string;
}

const coordinatorNameSchema = z
  .string({ error: 'Enter your name' })
  .trim()
  .min(1, 'Enter your name, as it should appear in the audit log')
  .max(100, 'The name must be at most 100 characters long');

const recoveryKeySchema = z.string({ error: 'Enter the recovery key' }).trim().min(1, 'Enter the recovery key').max(200, 'That is longer than a recovery key');

/** The passphrase typed a second time: only compared with the first, so only its length is checked here. */
const confirmSchema = z.string({ error: 'Enter the passphrase again' }).max(1024, 'The passphrase must be at most 1,024 characters long');

export const sessionChannels = {
  'session.status': channel<SessionStatus>()(z.object({}).strict()),
  'session.activity': channel<null>()(z.object({}).strict()),
  'session.lock': channel<null>()(z.object({}).strict()),
  'session.about': channel<AboutInfo>()(z.object({}).strict()),
  'vault.create': channel<{ recoveryKey: string }>()(
    z
      .object({
        coordinatorName: coordinatorNameSchema,
        passphrase: passphraseSchema,
        confirmPassphrase: confirmSchema,
      })
      .strict()
      .refine((v) => v.passphrase === v.confirmPassphrase, {
        message: 'The two passphrases do not match',
        path: ['confirmPassphrase'],
      }),
  ),
  'vault.unlock': channel<SessionStatus>()(z.object({ passphrase: enteredPassphraseSchema }).strict()),
  'vault.unlockWithRecoveryKey': channel<SessionStatus>()(z.object({ recoveryKey: recoveryKeySchema }).strict()),
  /** Only after a recovery-key unlock: sets a new passphrase without knowing the old one. */
  'vault.setPassphraseAfterRecovery': channel<SessionStatus>()(
    z
      .object({ passphrase: passphraseSchema, confirmPassphrase: confirmSchema })
      .strict()
      .refine((v) => v.passphrase === v.confirmPassphrase, {
        message: 'The two passphrases do not match',
        path: ['confirmPassphrase'],
      }),
  ),
  'vault.changePassphrase': channel<null>()(
    z
      .object({ current: enteredPassphraseSchema, passphrase: passphraseSchema, confirmPassphrase: confirmSchema })
      .strict()
      .refine((v) => v.passphrase === v.confirmPassphrase, {
        message: 'The two passphrases do not match',
        path: ['confirmPassphrase'],
      }),
  ),
  /** Replaces the recovery key: the old one stops working. Needs the current passphrase. */
  'vault.newRecoveryKey': channel<{ recoveryKey: string }>()(z.object({ current: enteredPassphraseSchema }).strict()),
  'database.integrityCheck': channel<IntegrityReport>()(z.object({}).strict()),
};

export { coordinatorNameSchema };
