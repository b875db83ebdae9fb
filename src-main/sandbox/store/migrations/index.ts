/** The sandbox store's migrations, in order. Append only: a shipped migration is never edited. */
import type { Migration } from '../../../storage/sqlite';
import { migration001 } from './001-initial';

export const SANDBOX_MIGRATIONS: readonly Migration[] = [migration001];
