import { isAtriumError } from '../errors/atrium-error.js';
import { UsageError } from './usage-error.js';

/**
 * Run a check of a value typed on the command line (an argument or an option's value) before
 * anything is opened or created: a coded refusal becomes a {@link UsageError} with the same code
 * and message (prefixed with `label`, e.g. `--port`), so that every command refuses a bad value the
 * same way: exit 2, the usage line after it, nothing done. Any other error passes through.
 */
export function usageCheck<T>(check: () => T, label?: string): T {
  try {
    return check();
  } catch (e) {
    if (!isAtriumError(e) || e instanceof UsageError) throw e;
    const details = label?.startsWith('-') ? { option: label, ...e.details } : e.details;
    throw UsageError.relay(e.code, 'ATRIUM_ERR_CLI_BAD_OPTION', label === undefined ? e.message : `${label}: ${e.message}`, details, { cause: e });
  }
}
