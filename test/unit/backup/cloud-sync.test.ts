import { describe, expect, it } from 'vitest';
import { cloudSyncWarning } from '../../../main/backup/cloud-sync';

describe('the cloud-sync and network-drive warning for the live data folder', () => {
  it('names the service for the usual sync and network places', () => {
    const cases: [string, string][] = [
      ['C:\\Users\\sam\\OneDrive - Hackney Council\\Reciprocal', 'OneDrive'],
      ['C:\\Users\\sam\\OneDrive\\Reciprocal', 'OneDrive'],
      ['/Users/sam/Dropbox/Reciprocal', 'Dropbox'],
      ['/Users/sam/Dropbox (Personal)/Reciprocal', 'Dropbox'],
      ['/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/Reciprocal', 'iCloud Drive'],
      ['/Users/sam/Library/CloudStorage/GoogleDrive-sam/Reciprocal', 'a cloud storage folder'],
      ['\\\\fileserver\\housing\\Reciprocal', 'a network drive (a UNC path)'],
      ['//fileserver/housing/Reciprocal', 'a network drive (a UNC path)'],
    ];
    for (const [dir, name] of cases) expect(cloudSyncWarning(dir), dir).toContain(`is in ${name}.`);
  });

  it('stays quiet for local folders, including ones that merely mention a word', () => {
    for (const dir of [
      'C:\\Users\\sam\\AppData\\Roaming\\Reciprocal',
      '/home/sam/.config/Reciprocal',
      '/Users/sam/Library/Application Support/Reciprocal',
      '/home/sam/notes-about-onedrive/Reciprocal',
    ]) {
      expect(cloudSyncWarning(dir), dir).toBeNull();
    }
  });
});
