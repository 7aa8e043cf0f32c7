import type { ValidationPolicy } from '../store/validate-instance.js';

/** What every command receives: global options and output streams. */
export interface CliContext {
  /** Data root (`--store`, `$ATRIUM_STORE`, default `./.atrium`). */
  readonly store: string;
  /** Machine-readable output (`--json`). */
  readonly json: boolean;
  /** `--validation` for this command; absent: the `validation` store setting applies. */
  readonly validation?: ValidationPolicy;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A CLI command: parses its own arguments, returns the process exit code. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /**
   * More than the usage line for `atrium help <command> [args]` and `atrium <command> [args] --help`
   * (e.g. an app's parameters for `atrium run <app> --help`); undefined: the usage line says it all.
   */
  help?(args: readonly string[], ctx: CliContext): Promise<string | undefined> | string | undefined;
  run(args: string[], ctx: CliContext): Promise<number> | number;
}
