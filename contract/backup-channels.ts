import { z } from 'zod';
import { channel } from './channel';
import {
  backupPassphraseSchema,
  cadenceSchema,
  contactInputSchema,
  restoreConfirmSchema,
  restoreOpenSchema,
  type BackupContact,
  type BackupRecordView,
  type BackupStatus,
  type OwnIdentity,
  type RestorePreview,
  type ScheduleView,
  type ShareView,
} from './backup-types';

const empty = z.strictObject({});
type Cancelled = { cancelled: true };

// Channels of backups, shares and restore (issue 12).
export const backupChannels = {
  'backups.status': channel<BackupStatus>()(empty),
  'backups.getSchedule': channel<ScheduleView>()(empty),
  'backups.updateSchedule': channel<ScheduleView>()(
    z.strictObject({
      cadence: cadenceSchema.optional(),
      keep: z
        .number({ error: 'Enter a number of backups' })
        .int('Enter a whole number')
        .min(1, 'Keep at least 1 backup')
        .max(365, 'Keep at most 365 backups')
        .optional(),
    }),
  ),
  /** Asks for the folder through the dialog port. */
  'backups.chooseFolder': channel<ScheduleView | Cancelled>()(empty),
  'backups.setPassphrase': channel<ScheduleView>()(backupPassphraseSchema),
  /** Writes and verifies a backup now; progress comes as `progress` events with taskId `backup`. */
  'backups.runNow': channel<BackupRecordView>()(empty),
  'backups.list': channel<BackupRecordView[]>()(empty),
  'backups.identity': channel<OwnIdentity>()(empty),
  'backups.contacts': channel<BackupContact[]>()(empty),
  'backups.addContact': channel<BackupContact>()(contactInputSchema),
  'backups.removeContact': channel<null>()(z.strictObject({ id: z.number().int().positive() })),
  /** A share for colleagues' keys (and optionally this coordinator's own), saved where the coordinator chooses. */
  'backups.share': channel<BackupRecordView | Cancelled>()(
    z.strictObject({
      contactIds: z.array(z.number().int().positive()).max(50, 'Choose at most 50 colleagues'),
      includeMe: z.boolean(),
    }),
  ),
  /** Restore works locked, unlocked or before setup: none of these needs the current database open. */
  'restore.choose': channel<{ token: string; fileName: string } | Cancelled>()(empty),
  'restore.open': channel<RestorePreview>()(restoreOpenSchema),
  'restore.confirm': channel<{ recoveryKey: string }>()(restoreConfirmSchema),
  'restore.cancel': channel<null>()(z.strictObject({ token: z.string().max(64) })),
  'shares.open': channel<ShareView | Cancelled>()(empty),
  'shares.current': channel<ShareView | null>()(empty),
  'shares.close': channel<null>()(empty),
};
