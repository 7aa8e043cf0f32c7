import { lookupTag } from '@atrium/sdk';
import { cappedPath } from '../../io/capped-path.js';
import { formatTag } from '../../io/parse-error.js';

/**
 * Kinds of finding: `MISSING`, `EMPTY`, `TOO_LONG`, `BAD_UID` (malformed UID value),
 * `BAD_VR` (an identity UID not encoded as UI), `MULTI_VALUED` (an identity UID with
 * more than one value), `BAD_PIXELS` (a pixel description the viewer cannot display),
 * `BAD_GEOMETRY` (geometry values that cannot be used), `META_MISMATCH` (File Meta
 * Information naming another instance). The code is `ATRIUM_ERR_VALIDATE_<kind>`.
 */
export type ProblemKind = 'MISSING' | 'EMPTY' | 'TOO_LONG' | 'BAD_UID' | 'BAD_VR' | 'MULTI_VALUED' | 'BAD_PIXELS' | 'BAD_GEOMETRY' | 'META_MISMATCH';

/** One finding of receive validation: what is wrong, where (tag path), in words. */
export interface ValidationProblem {
  /** `ATRIUM_ERR_VALIDATE_<kind>`, see {@link ProblemKind}. */
  readonly code: `ATRIUM_ERR_VALIDATE_${ProblemKind}`;
  readonly tag: number;
  readonly keyword: string;
  readonly message: string;
}

/** A finding about `tag` (below the sequences of `path`): "<Keyword (gggg,eeee)> <what>". */
export function validationProblem(kind: ProblemKind, tag: number, what: string, path: readonly number[] = []): ValidationProblem {
  const keyword = lookupTag(tag)?.keyword ?? 'unknown';
  const where = cappedPath([...path, tag].map((t) => `${lookupTag(t)?.keyword ?? 'unknown'} ${formatTag(t)}`));
  const prefix = kind === 'MISSING' || kind === 'EMPTY' ? 'Type 1 attribute ' : '';
  return { code: `ATRIUM_ERR_VALIDATE_${kind}`, tag, keyword, message: `${prefix}${where} ${what}` };
}
