import { AtriumError } from '../errors/atrium-error.js';

/**
 * A command line that cannot be carried out as typed (a missing or malformed option value, an
 * unknown query key): the CLI prints the message with its code and the command's usage, and
 * exits with 2. Nothing has been done when it is thrown.
 */
export class UsageError extends AtriumError {
  override readonly name: string = 'UsageError';
}
