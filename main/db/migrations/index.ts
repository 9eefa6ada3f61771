import type { Migration } from '../types';
import { m001Foundation } from './001-foundation';
import { m002Directory } from './002-directory';
import { m003Cases } from './003-cases';
import { reliabilityMigration } from './004-reliability';
import { intakeUxMigration } from './005-intake-ux';
import { m004Circulation } from './006-circulation';
import { backupsMigration } from './007-backups';
import { m004IntakeRules } from './008-intake-rules';
import { m004Offers } from './009-offers';
import { m005Ledger } from './010-ledger';
import { rightsMigration } from './011-rights';
import { offersSpeedMigration } from './012-offers-speed';
import { reportsSpeedMigration } from './013-reports-speed';
import { ledgerSpeedMigration } from './014-ledger-speed';
import { listSpeedMigration } from './015-list-speed';
import { offersFellThroughMigration } from './016-offers-fell-through';
import { duplicateCheckSpeedMigration } from './017-duplicate-check-speed';

/** In order. One file per version; never edit one that has shipped, add the next. */
export const migrations: readonly Migration[] = [
  m001Foundation,
  m002Directory,
  m003Cases,
  reliabilityMigration,
  intakeUxMigration,
  m004Circulation,
  backupsMigration,
  m004IntakeRules,
  m004Offers,
  m005Ledger,
  rightsMigration,
  offersSpeedMigration,
  reportsSpeedMigration,
  ledgerSpeedMigration,
  listSpeedMigration,
  offersFellThroughMigration,
  duplicateCheckSpeedMigration,
];
