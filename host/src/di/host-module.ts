import { LogSink } from '../core/log-sink.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The host's basics: its configuration, where log lines go (stderr; tests rebind
 * {@link LogSink}) and the host hooks every subsystem taps or calls.
 */
export function hostModule(config: HostConfig): ContainerModule {
  const frozen: HostConfig = Object.freeze({ ...config, pluginFolders: Object.freeze([...config.pluginFolders]) });
  return new ContainerModule(({ bind }) => {
    bind(HostConfig).toConstantValue(frozen);
    bind(LogSink).toResolvedValue(async () => new (await import('../core/log-sink.js')).StderrLogSink()).inSingletonScope();
    bind(HostHooks).toResolvedValue(async () => (await import('../hooks/host-hooks.js')).createHostHooks()).inSingletonScope();
  });
}
