import type { HostDatabase } from '../db/host-database.js';
import { DATABASE_SERVICES } from '../di/database-services.js';
import type { Container } from '../di/inversify.js';
import type { CliContext, Services, ServiceUses } from './cli-context.js';

/** A host container for one command, made on first use and disposed at the end. */
export interface HostSession {
  /** The services of `uses`, each resolved on its first call. */
  services<U extends ServiceUses>(uses: U): Services<U>;
  /** Plugins deactivated, the store closed — when a container was made. */
  dispose(): Promise<void>;
}

/**
 * The host container of the CLI's store, made when a command first asks for a service
 * (plugins discovered in the repository's `plugins/` and `examples/`, `$ATRIUM_PLUGIN_PATH`,
 * `~/.atrium/plugins` and installed packages; the receive validation of `--validation`,
 * else the `validation` setting). A command that asks for nothing makes none; a command that
 * uses only the database's tables (`atrium ls`) gets them from the database opened alone,
 * without the container's code, unless the start-up reconcile has something to do; `readOnly`
 * (a command that only reads, see `Command.readsOnly`): that database opened read-only.
 */
export function hostSession(ctx: CliContext, { readOnly = false }: { readOnly?: boolean } = {}): HostSession {
  let container: Promise<Container> | undefined;
  let alone: Promise<HostDatabase | undefined> | undefined;
  const openAlone = (): Promise<HostDatabase | undefined> => (alone ??= import('./database-session.js').then(({ openDatabaseAlone }) => openDatabaseAlone(ctx.store, { readOnly })));
  const open = (): Promise<Container> =>
    (container ??= import('../di/create-host-container.js').then(({ createHostContainer }) =>
      createHostContainer({ storeRoot: ctx.store, ...(ctx.validation ? { validation: ctx.validation } : {}) }),
    ));
  return {
    services<U extends ServiceUses>(uses: U): Services<U> {
      const databaseOnly = Object.values(uses).every((token) => DATABASE_SERVICES.has(token));
      const get = async (token: U[keyof U]): Promise<unknown> => {
        const database = databaseOnly && container === undefined ? await openAlone() : undefined;
        return database ? DATABASE_SERVICES.get(token)!(database) : (await open()).getAsync(token);
      };
      const entries = Object.entries(uses).map(([name, token]) => [name, () => get(token as U[keyof U])]);
      return Object.freeze(Object.fromEntries(entries)) as Services<U>;
    },
    async dispose() {
      (await alone)?.close();
      if (container === undefined) return;
      const { disposeHostContainer } = await import('../di/create-host-container.js');
      await disposeHostContainer(await container);
    },
  };
}
