import { z } from 'zod';
import { channel } from './channel';
import { enteredPassphraseSchema, passphraseSchema } from './passphrase';

export type SessionState = 'needs-setup' | 'locked' | 'unlocked' | 'damaged';

/** What is wrong with the database file, when the state is `damaged`. */
export type DamageKind = 'missing' | 'empty' | 'truncated' | 'corrupt';

export interface DatabaseDamage {
  kind: DamageKind;
  /** Names the problem for the coordinator, in plain words. */
  message: string;
  /** Whether the integrity check can open the file (the key is held since an unlock). */
  canCheck: boolean;
}

/** The words the coordinator types to start again with an empty store; the damaged files are kept aside. */
export const START_AGAIN_CONFIRMATION = 'start again';

export interface SessionStatus {
  state: SessionState;
  /** Set after a recovery-key unlock: the app asks for a new passphrase before anything else. */
  mustChangePassphrase: boolean;
  /** When the next unlock attempt is allowed (ms from now), after repeated failures. */
  retryAfterMs: number;
  coordinatorName: string | null;
  /** Set when the state is `damaged`. */
  damage: DatabaseDamage | null;
  /** Unlocked, and the coordinator never confirmed storing the current recovery key (setup or a new key interrupted). */
  recoveryKeyUnconfirmed: boolean;
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
  /** The Electron this build runs on, and whether it is still within Electron's supported window as of the build date. */
  electron: ElectronSupport | null;
  /** Whether the window is hidden from screen capture and screen sharing. */
  screenPrivacy: ScreenPrivacy;
}

export interface ElectronSupport {
  version: string;
  major: number;
  buildDate: string;
  /** The oldest major Electron still patched on the build date (the latest three are). */
  oldestSupportedMajor: number;
  supported: boolean;
  /** A warning for the About panel when `supported` is false. */
  warning: string | null;
}

/** `unknown` while locked: the setting lives in the encrypted store, and the window is hidden until it is read. */
export type ScreenPrivacy = { hidden: boolean; platformSupported: boolean };

export interface StartAgainResult {
  /** The folder the damaged files were moved to: nothing is deleted. */
  movedTo: string | null;
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
  /** Only in the `damaged` state, after typing the confirmation: moves the damaged files aside and goes back to setup. */
  'database.startAgain': channel<StartAgainResult>()(
    z
      .object({
        confirmation: z
          .string({ error: `Type ${START_AGAIN_CONFIRMATION} to confirm` })
          .max(100, `Type ${START_AGAIN_CONFIRMATION} to confirm`)
          .refine((v) => v.trim().toLowerCase() === START_AGAIN_CONFIRMATION, `Type ${START_AGAIN_CONFIRMATION} to confirm`),
      })
      .strict(),
  ),
  /** Copies the recovery key on show to the clipboard (main's: the window may not); cleared again after a while. */
  'vault.copyRecoveryKey': channel<{ clearsAfterSeconds: number }>()(z.object({ recoveryKey: recoveryKeySchema }).strict()),
  /** Saves the recovery key on show to a text file the coordinator chooses (to put on a USB stick kept apart). */
  'vault.saveRecoveryKey': channel<{ cancelled: true } | { cancelled: false; fileName: string }>()(z.object({ recoveryKey: recoveryKeySchema }).strict()),
  /** The coordinator has stored the recovery key shown at setup or by vault.newRecoveryKey. */
  'vault.confirmRecoveryKey': channel<SessionStatus>()(z.object({}).strict()),
};

export { coordinatorNameSchema };
