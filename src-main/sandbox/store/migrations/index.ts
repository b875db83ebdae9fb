/** The sandbox store's migrations, in order. Append only: a shipped migration is never edited. */
import type { Migration } from '../../../storage/sqlite';
import { migration001 } from './001-initial';
import { migration002 } from './002-inventory-mapping';
import { migration003 } from './003-prescriptions-einvoices';
import { migration004 } from './004-first-contact';

export const SANDBOX_MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];
