import { z } from 'zod';
import { passphraseSchema } from './passphrase';

/** What is inside a `*.plhr.age` file, beside the snapshot. Shown before any restore. */
export const BACKUP_FORMAT = 'reciprocal-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.plhr.age';

export const manifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string().max(50),
  schemaVersion: z.number().int().min(1),
  createdAt: z.string().max(40),
  createdBy: z.string().max(100),
  kind: z.enum(['backup', 'share']),
  /** Made from a demonstration store (a later issue): restoring one into real data needs an explicit yes. */
  demo: z.boolean(),
  counts: z.strictObject({
    cases: z.number().int().min(0),
    partners: z.number().int().min(0),
    moves: z.number().int().min(0),
    ledgerEntries: z.number().int().min(0),
    auditEntries: z.number().int().min(0),
  }),
  snapshot: z.strictObject({ file: z.string().max(100), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  auditHead: z.strictObject({ id: z.number().int().min(0), hash: z.string().max(64) }),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupCounts = BackupManifest['counts'];

export const cadenceSchema = z.enum(['daily', 'weekly'], { error: 'Choose daily or weekly' });
export type Cadence = z.infer<typeof cadenceSchema>;

export const scheduleSettingsSchema = z.strictObject({
  cadence: cadenceSchema,
  folder: z.string().max(1000).nullable(),
  keep: z.number({ error: 'Enter a number of backups' }).int('Enter a whole number').min(1, 'Keep at least 1 backup').max(365, 'Keep at most 365 backups'),
});
export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;
export const DEFAULT_SCHEDULE: ScheduleSettings = { cadence: 'daily', folder: null, keep: 14 };

export interface ScheduleView extends ScheduleSettings {
  hasPassphrase: boolean;
  /** Set when the live data folder looks cloud-synced or on a network drive. Never about the backup folder. */
  dataFolderWarning: string | null;
}

export interface BackupRecordView {
  id: number;
  kind: 'backup' | 'share';
  trigger: 'schedule' | 'manual';
  fileName: string;
  filePath: string;
  createdAt: string;
  size: number;
  verified: boolean;
  problem: string | null;
  recipients: string[];
}

export interface BackupStatus {
  lastBackup: BackupRecordView | null;
  /** A plain-words warning when no verified backup has run for longer than the schedule allows. */
  overdue: string | null;
  ready: boolean;
  running: boolean;
  dataFolderWarning: string | null;
}

export interface OwnIdentity {
  publicKey: string;
  /** The public key as an SVG QR code, for a colleague to scan. */
  qrSvg: string;
}

export interface BackupContact {
  id: number;
  name: string;
  publicKey: string;
  addedAt: string;
}

export interface RestorePreview {
  token: string;
  fileName: string;
  manifest: BackupManifest;
  /** The snapshot is of an older data version and will be migrated when restored. */
  willMigrate: boolean;
}

export interface ShareView {
  fileName: string;
  folder: string;
  manifest: BackupManifest;
  cases: { reference: string; state: string; receivedOn: string; nextDueOn: string | null }[];
  partners: { name: string; status: string }[];
}

const passphraseConfirm = z.string({ error: 'Enter the passphrase again' }).max(1024, 'The passphrase must be at most 1,024 characters long');

export const backupPassphraseSchema = z
  .strictObject({ passphrase: passphraseSchema, confirmPassphrase: passphraseConfirm })
  .refine((v) => v.passphrase === v.confirmPassphrase, { message: 'The two passphrases do not match', path: ['confirmPassphrase'] });

export const AGE_PUBLIC_KEY = /^age1[02-9ac-hj-np-z]{58}$/;

export const contactInputSchema = z.strictObject({
  name: z.string({ error: 'Enter the colleague’s name' }).trim().min(1, 'Enter the colleague’s name').max(100, 'The name must be at most 100 characters long'),
  publicKey: z
    .string({ error: 'Enter their public key' })
    .trim()
    .max(100, 'That is longer than an age public key')
    .regex(AGE_PUBLIC_KEY, 'That is not an age public key: it starts with age1 and has 62 letters and digits'),
});

export const restoreOpenSchema = z.strictObject({
  token: z.string().max(64),
  /** The backup's passphrase. Left out to use this coordinator's own key (a share made for them). */
  passphrase: z.string().max(1024).optional(),
});

export const restoreConfirmSchema = z
  .strictObject({
    token: z.string().max(64),
    passphrase: passphraseSchema,
    confirmPassphrase: passphraseConfirm,
    replace: z.literal(true, { error: 'Confirm that the current data will be replaced' }),
    acceptDemo: z.boolean().optional(),
  })
  .refine((v) => v.passphrase === v.confirmPassphrase, { message: 'The two passphrases do not match', path: ['confirmPassphrase'] });
