import type { ServiceToken } from '../core/service-token.js';
import type { Container } from '../di/inversify.js';
import type { CliContext, Services, ServiceUses } from './cli-context.js';

/** A host container for one command, made on first use and disposed at the end. */
export interface HostSession {
  /** The services of `uses`, each resolved on its first call. */
  services<U extends ServiceUses>(uses: U): Services<U>;
  /** Plugins deactivated, the store closed — when a container was made. */
  dispose(): Promise<void>;
}

/** The store's database opened without a container: how each service is read from it, and its close. */
interface AloneDatabase {
  service(token: ServiceToken<unknown>): unknown;
  close(): void;
}

/**
 * The host container of the CLI's store, made when a command first asks for a service
 * (plugins discovered in the repository's `plugins/` and `examples/`, `$ATRIUM_PLUGIN_PATH`,
 * `~/.atrium/plugins` and installed packages; the receive validation of `--validation`,
 * else the `validation` setting). A command that asks for nothing makes none; a command that
 * uses only the database's tables (`atrium ls`) gets them from the database opened alone,
 * without the container's code, unless the start-up reconcile has something to do; `readOnly`
 * (a command that only reads, see `Command.readsOnly`): from the index opened read-only when
 * it can be.
 */
export function hostSession(ctx: CliContext, { readOnly = false }: { readOnly?: boolean } = {}): HostSession {
  let container: Promise<Container> | undefined;
  let alone: Promise<AloneDatabase | undefined> | undefined;
  const open = (): Promise<Container> =>
    (container ??= import('../di/create-host-container.js').then(({ createHostContainer }) =>
      createHostContainer({ storeRoot: ctx.store, ...(ctx.validation ? { validation: ctx.validation } : {}) }),
    ));
  return {
    services<U extends ServiceUses>(uses: U): Services<U> {
      const tokens: readonly ServiceToken<unknown>[] = Object.values(uses);
      const get = async (token: U[keyof U]): Promise<unknown> => {
        const database = container === undefined ? await (alone ??= openAlone(ctx.store, tokens, readOnly)) : undefined;
        return database ? database.service(token) : (await open()).getAsync(token);
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

/**
 * The database alone, when every one of `tokens` is a part of it: read-only first for a
 * command that only reads (only the tables it reads are loaded), else opened as the db module
 * does; undefined when the container is needed (another service, or a reconcile to do).
 */
async function openAlone(store: string, tokens: readonly ServiceToken<unknown>[], readOnly: boolean): Promise<AloneDatabase | undefined> {
  if (readOnly) {
    const { READ_ONLY_SERVICES } = await import('../di/read-only-services.js');
    if (tokens.every((token) => READ_ONLY_SERVICES.has(token))) {
      const database = (await import('./read-only-session.js')).openReadOnlyAlone(store);
      if (database) return { service: (token) => READ_ONLY_SERVICES.get(token)!(database), close: () => database.close() };
    }
  }
  const { DATABASE_SERVICES } = await import('../di/database-services.js');
  if (!tokens.every((token) => DATABASE_SERVICES.has(token))) return undefined;
  const database = (await import('./database-session.js')).openDatabaseAlone(store);
  return database && { service: (token) => DATABASE_SERVICES.get(token)!(database), close: () => database.close() };
}
