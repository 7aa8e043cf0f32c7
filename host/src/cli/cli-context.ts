import type { ServiceOf, ServiceToken } from '../core/service-token.js';
import type { ValidationPolicy } from '../store/validation-policy.js';

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

/** The host services a command uses: a name of its choosing → the service's token. */
export type ServiceUses = Readonly<Record<string, ServiceToken<unknown>>>;

/**
 * The services a command declared, each resolved from the host container on its first call
 * (the container, the store and the code of a service are made only when a command asks):
 * `const index = await use.index()`.
 */
export type Services<U extends ServiceUses> = { readonly [K in keyof U]: () => Promise<ServiceOf<U[K]>> };

/** A CLI command: parses its own arguments, returns the process exit code. */
export interface Command<U extends ServiceUses = ServiceUses> {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** What the command uses from the host (typed tokens); it receives them as {@link Services}. */
  readonly uses: U;
  /**
   * True when the command never writes to the store (`atrium ls`): when it uses only the
   * database's tables, the CLI opens the database read-only (no migration, no heartbeat).
   */
  readonly readsOnly?: boolean;
  /**
   * More than the usage line for `atrium help <command> [args]` and `atrium <command> [args] --help`
   * (e.g. an app's parameters for `atrium run <app> --help`); undefined: the usage line says it all.
   */
  help?(args: readonly string[], ctx: CliContext, use: Services<U>): Promise<string | undefined> | string | undefined;
  run(args: string[], ctx: CliContext, use: Services<U>): Promise<number> | number;
}

/** Declare a command: `uses` names the services `run` and `help` receive, typed. */
export function defineCommand<const U extends ServiceUses>(command: Command<U>): Command {
  // A command's `use` is typed by its own `uses`; the CLI builds it from the same record.
  return command as unknown as Command;
}
