import type { Migration } from '../types';
import { m001Foundation } from './001-foundation';
import { m002Directory } from './002-directory';
import { m003Cases } from './003-cases';
import { reliabilityMigration } from './004-reliability';
import { intakeUxMigration } from './005-intake-ux';
import { m004Circulation } from './006-circulation';
import { backupsMigration } from './007-backups';
import { m004Offers } from './008-offers';
import { m004IntakeRules } from './009-intake-rules';
import { m005Ledger } from './010-ledger';

/** In order. One file per version; never edit one that has shipped, add the next. */
export const migrations: readonly Migration[] = [
  m001Foundation,
  m002Directory,
  m003Cases,
  reliabilityMigration,
  intakeUxMigration,
  m004Circulation,
  backupsMigration,
  m004Offers,
  m004IntakeRules,
  m005Ledger,
];
