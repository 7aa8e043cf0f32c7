import { serviceToken } from './service-token.js';

/** One log line, tagged with who wrote it. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  /** The plugin id, or `host` for the host's own lines. */
  readonly source: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Where plugin and host log lines go (stderr by default; tests collect them). */
export interface LogSink {
  write(entry: LogEntry): void;
}

/** DI token of {@link LogSink}. */
export const LogSink = serviceToken<LogSink>('LogSink');

/** Writes `[source] level: message {details}` lines to stderr. */
export class StderrLogSink implements LogSink {
  write(entry: LogEntry): void {
    const details = entry.details && Object.keys(entry.details).length > 0 ? ` ${safeJson(entry.details)}` : '';
    process.stderr.write(`[${entry.source}] ${entry.level}: ${entry.message}${details}\n`);
  }
}

/** Keeps entries in memory (tests, `--json` output). */
export class MemoryLogSink implements LogSink {
  readonly entries: LogEntry[] = [];
  write(entry: LogEntry): void {
    this.entries.push(entry);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[details not serialisable]';
  }
}
