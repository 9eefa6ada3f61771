import type { Migration } from '../types';
import { m001Foundation } from './001-foundation';
import { m002Directory } from './002-directory';
import { m003Cases } from './003-cases';
import { m004Offers } from './004-offers';
import { m005Ledger } from './005-ledger';

/** In order. One file per version; never edit one that has shipped, add the next. */
export const migrations: readonly Migration[] = [m001Foundation, m002Directory, m003Cases, m004Offers, m005Ledger];
