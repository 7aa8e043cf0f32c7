import { isAtriumError } from '../../../errors/atrium-error.js';

/**
 * The code and message of the AtriumError that `fn` throws. Rethrows any other error, and
 * throws `no error` when `fn` returns.
 */
export function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isAtriumError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('no error');
}
