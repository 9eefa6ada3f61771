import type Database from '@signalapp/sqlcipher';

export type Db = Database;

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
