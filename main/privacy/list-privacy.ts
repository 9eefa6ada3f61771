import { DEFAULT_LIST_PRIVACY, listPrivacySchema, type ListPrivacy } from '../../contract/privacy';
import type { Db } from '../db/types';
import { readSetting, writeSetting } from '../settings/settings-repo';

const KEY = 'privacy.lists';

export function readListPrivacy(db: Db): ListPrivacy {
  return readSetting(db, KEY, listPrivacySchema, DEFAULT_LIST_PRIVACY);
}

export function writeListPrivacy(db: Db, value: ListPrivacy): void {
  writeSetting(db, KEY, value);
}
