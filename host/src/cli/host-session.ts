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
 * else the `validation` setting). A command that asks for nothing makes none.
 */
export function hostSession(ctx: CliContext): HostSession {
  let container: Promise<Container> | undefined;
  const open = (): Promise<Container> =>
    (container ??= import('../di/create-host-container.js').then(({ createHostContainer }) =>
      createHostContainer({ storeRoot: ctx.store, ...(ctx.validation ? { validation: ctx.validation } : {}) }),
    ));
  return {
    services<U extends ServiceUses>(uses: U): Services<U> {
      const entries = Object.entries(uses).map(([name, token]) => [name, async () => (await open()).getAsync(token)]);
      return Object.freeze(Object.fromEntries(entries)) as Services<U>;
    },
    async dispose() {
      if (container === undefined) return;
      const { disposeHostContainer } = await import('../di/create-host-container.js');
      await disposeHostContainer(await container);
    },
  };
}
