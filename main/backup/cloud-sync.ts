/**
 * Whether the live data folder sits where a sync client or a file server also keeps a copy. The database is
 * encrypted, but a sync client copying it while it is written can corrupt it, and the copy leaves the laptop.
 * Only the data folder is checked: the backup folder is exactly where a synced or network copy belongs.
 */
const PLACES: { pattern: RegExp; name: string }[] = [
  { pattern: /^(\\\\|\/\/)[^\\/]+[\\/]/, name: 'a network drive (a UNC path)' },
  { pattern: /[\\/]OneDrive( - [^\\/]+)?([\\/]|$)/i, name: 'OneDrive' },
  { pattern: /[\\/]Dropbox( \([^)]*\))?([\\/]|$)/i, name: 'Dropbox' },
  { pattern: /[\\/](iCloud ?Drive|Mobile Documents|com~apple~CloudDocs)([\\/]|$)/i, name: 'iCloud Drive' },
  { pattern: /[\\/]Library[\\/]CloudStorage([\\/]|$)/i, name: 'a cloud storage folder' },
  { pattern: /[\\/](Google ?Drive|My Drive)([\\/]|$)/i, name: 'Google Drive' },
  { pattern: /^\/run\/user\/\d+\/gvfs\//, name: 'a network share' },
];

export function cloudSyncWarning(dataDir: string): string | null {
  const place = PLACES.find((p) => p.pattern.test(dataDir));
  if (!place) return null;
  return `The data folder (${dataDir}) is in ${place.name}. A synced or network copy of the live database can be damaged while the app writes it, and it leaves this laptop. Move the data folder to a local disk (set RECIPROCAL_DATA_DIR); backups may go to a synced folder.`;
}
