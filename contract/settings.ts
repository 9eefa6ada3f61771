import { z } from 'zod';
import { channel } from './channel';

/**
 * App-wide settings kept inside the encrypted database. Policy settings of later features
 * (deadlines, offer cap, minimum boroughs) live with their feature but are stored the same way.
 */
export const generalSettingsSchema = z
  .object({
    coordinatorName: z.string().trim().min(1, 'Enter your name').max(100, 'The name must be at most 100 characters long'),
    autoLockMinutes: z
      .number({ error: 'Enter a number of minutes' })
      .int('Enter a whole number of minutes')
      .min(1, 'Auto-lock must be at least 1 minute')
      .max(120, 'Auto-lock must be at most 120 minutes'),
    /** Screen privacy: the window is left out of screenshots, screen recording and screen sharing. */
    hideFromScreenCapture: z.boolean({ error: 'Choose whether to hide the window from screen capture' }),
  })
  .strict();

export type GeneralSettings = z.infer<typeof generalSettingsSchema>;

export const DEFAULT_GENERAL_SETTINGS: GeneralSettings = { coordinatorName: 'Coordinator', autoLockMinutes: 5, hideFromScreenCapture: true };

export const settingsChannels = {
  'settings.getGeneral': channel<GeneralSettings>()(z.object({}).strict()),
  'settings.updateGeneral': channel<GeneralSettings>()(generalSettingsSchema.partial().strict()),
};
