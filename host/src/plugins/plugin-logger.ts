import type { Logger } from '@atrium/sdk';
import type { LogSink } from '../core/log-sink.js';

/**
 * A frozen {@link Logger} whose lines are tagged with `pluginId`. A failing sink never
 * reaches the plugin: logging cannot throw.
 */
export function createPluginLogger(pluginId: string, sink: LogSink): Logger {
  const write = (level: 'info' | 'warn' | 'error') => (message: string, details?: Readonly<Record<string, unknown>>): void => {
    try {
      sink.write(details === undefined ? { level, source: pluginId, message: String(message) } : { level, source: pluginId, message: String(message), details });
    } catch {
      // a broken sink must not break the plugin or the host
    }
  };
  return Object.freeze({ info: write('info'), warn: write('warn'), error: write('error') });
}
