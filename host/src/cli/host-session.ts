import { createHostContainer, disposeHostContainer } from '../di/create-host-container.js';
import type { Container } from '../di/inversify.js';
import type { CliContext } from './cli-context.js';

/**
 * Run a command body with a host container on the CLI's store (plugins discovered in the
 * repository's `plugins/` and `examples/`, `$ATRIUM_PLUGIN_PATH`, `~/.atrium/plugins` and installed
 * packages; the receive validation of `--validation`, else the `validation` setting);
 * the container is disposed afterwards (plugins deactivated, index closed).
 */
export async function withHost<T>(ctx: CliContext, body: (container: Container) => Promise<T> | T): Promise<T> {
  const container = createHostContainer({ storeRoot: ctx.store, ...(ctx.validation ? { validation: ctx.validation } : {}) });
  try {
    return await body(container);
  } finally {
    await disposeHostContainer(container);
  }
}
