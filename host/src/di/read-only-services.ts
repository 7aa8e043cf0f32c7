import { CommitmentTable } from '../db/commitment-table.js';
import { Index } from '../db/dicom-index.js';
import type { ReadOnlyDatabase } from '../db/open-read-only-database.js';
import type { ServiceToken } from '../core/service-token.js';

/**
 * The services a command that only reads can get from the store's database opened read-only
 * (`openReadOnlyDatabase`), each with how it is read from it (see hostSession); a command that
 * uses another one opens the database as every command does.
 */
export const READ_ONLY_SERVICES: ReadonlyMap<ServiceToken<unknown>, (database: ReadOnlyDatabase) => unknown> = new Map<ServiceToken<unknown>, (database: ReadOnlyDatabase) => unknown>([
  [Index, (database) => database.index],
  [CommitmentTable, (database) => database.commitments],
]);
