import type { z } from 'zod';
import type { Db } from '../db/types';
import { DEFAULT_GENERAL_SETTINGS, generalSettingsSchema, type GeneralSettings } from '../../contract/settings';

/** Settings are JSON values by key. A stored value that no longer parses falls back to the default. */
export function readSetting<T>(db: Db, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?', { pluck: true }).get([key]);
  if (typeof raw !== 'string') return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run([key, JSON.stringify(value)]);
}

export function readGeneralSettings(db: Db): GeneralSettings {
  const out = { ...DEFAULT_GENERAL_SETTINGS };
  for (const key of Object.keys(DEFAULT_GENERAL_SETTINGS) as (keyof GeneralSettings)[]) {
    const schema = generalSettingsSchema.shape[key];
    (out as Record<string, unknown>)[key] = readSetting(db, `general.${key}`, schema as z.ZodType<unknown>, DEFAULT_GENERAL_SETTINGS[key]);
  }
  return out;
}

export function writeGeneralSetting<K extends keyof GeneralSettings>(db: Db, key: K, value: GeneralSettings[K]): void {
  writeSetting(db, `general.${key}`, value);
}
