import { mkdirSync } from 'node:fs';
import { HostDatabase } from '../db/host-database.js';
import { DATABASE_SERVICES } from './database-services.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The database of the host's store (SQLite `index.sqlite` under the data root, or the
 * PostgreSQL database its store.json names: `indexLocation`), opened on first use and
 * closed when unbound, and its parts: the index and the tables beside it.
 */
export const dbModule = new ContainerModule(({ bind }) => {
  bind(HostDatabase)
    .toResolvedValue(async (config: HostConfig) => {
      const { indexLocation, openDatabase } = await import('../db/open-database.js');
      mkdirSync(config.storeRoot, { recursive: true }); // a command that creates the store (import, config set, ae add) may find no folder yet
      return openDatabase(indexLocation(config.storeRoot));
    }, [HostConfig])
    .inSingletonScope()
    .onDeactivation((database) => database.close());
  for (const [token, part] of DATABASE_SERVICES) {
    if (token !== HostDatabase) bind(token).toResolvedValue((database: HostDatabase) => part(database), [HostDatabase]).inSingletonScope();
  }
});
