import { uidProblem } from '../io/uid-problem.js';
import { webError } from './web-error.js';

/**
 * A UID taken from a URL path or query: the same check as the store's identity UIDs (one
 * value of digits and dots, 1–64 characters, no empty component). A path (`../x`), a list
 * (`1.2\3.4`), a wildcard or an empty value is refused, so it can name neither a file nor
 * a query. @throws AtriumError `ATRIUM_ERR_WEB_BAD_UID` naming the parameter.
 */
export function checkUid(name: string, value: unknown): string {
  if (typeof value !== 'string') throw webError('ATRIUM_ERR_WEB_BAD_UID', `${name} must be one UID`, { parameter: name });
  const problem = uidProblem(value);
  if (problem) throw webError('ATRIUM_ERR_WEB_BAD_UID', `${name} ${problem.what}`, { parameter: name, value: value.slice(0, 200) });
  return value;
}
