import { LogSink, StderrLogSink } from '../core/log-sink.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/** The host's basics: its configuration and where log lines go (stderr; tests rebind {@link LogSink}). */
export function hostModule(config: HostConfig): ContainerModule {
  const frozen: HostConfig = Object.freeze({ ...config, pluginFolders: Object.freeze([...config.pluginFolders]) });
  return new ContainerModule(({ bind }) => {
    bind<HostConfig>(HostConfig).toConstantValue(frozen);
    bind<LogSink>(LogSink).toDynamicValue(() => new StderrLogSink()).inSingletonScope();
  });
}
