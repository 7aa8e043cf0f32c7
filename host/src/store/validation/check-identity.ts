import { Tag } from '@atrium/sdk';
import type { DataSet } from '../../io/data-set.js';
import { decodeElementStrings } from '../../io/element-value.js';
import { uidProblem } from '../../io/uid-problem.js';
import { validationProblem, type ValidationProblem } from './validation-problem.js';
import { quoteValue } from '../../io/quote-value.js';

/** The UIDs that name an instance and its place in the store: SOP Class, SOP Instance, Study, Series. */
export const IDENTITY_TAGS: readonly number[] = [Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID];

/** The four identity UIDs of an instance that passed {@link checkIdentity}. */
export interface InstanceIdentity {
  readonly SOPClassUID: string;
  readonly SOPInstanceUID: string;
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
}

/**
 * The identity UIDs must be usable as keys of the index and as names of the stored file:
 * present, encoded as UI (an invalid or other VR is refused rather than guessed at), one
 * value, 1–64 characters once trailing NUL / space padding is removed, digits and dots
 * with no empty component (PS3.5 §9.1). Returns the problems ([] when all four are good).
 */
export function checkIdentity(ds: DataSet): ValidationProblem[] {
  return IDENTITY_TAGS.flatMap((tag) => {
    const problem = identityProblem(ds, tag);
    return problem ? [problem] : [];
  });
}

function identityProblem(ds: DataSet, tag: number): ValidationProblem | undefined {
  const e = ds.get(tag);
  if (!e) return validationProblem('MISSING', tag, 'is missing');
  if (e.rawVr) {
    const bytes = Array.from(e.rawVr, (b) => b.toString(16).padStart(2, '0')).join(' ');
    return validationProblem('BAD_VR', tag, `has invalid VR bytes (${bytes}) instead of UI`);
  }
  if (e.vr !== 'UI') return validationProblem('BAD_VR', tag, `is encoded with VR ${e.vr}, not UI`);
  const values = decodeElementStrings(e, ds.encoding, ds.characterSet);
  if (values.length === 0 || (values.length === 1 && values[0] === '')) return validationProblem('EMPTY', tag, 'is empty (nothing but padding)');
  if (values.length > 1) return validationProblem('MULTI_VALUED', tag, `has ${values.length} values (${quoteValue(values.join('\\'))}); an identity UID has exactly one`);
  const problem = uidProblem(values[0]!);
  return problem && validationProblem(problem.kind, tag, problem.what);
}

/** The identity of a data set whose {@link checkIdentity} found nothing. */
export function identityOf(ds: DataSet): InstanceIdentity {
  const uid = (tag: number): string => ds.string(tag) ?? '';
  return { SOPClassUID: uid(Tag.SOPClassUID), SOPInstanceUID: uid(Tag.SOPInstanceUID), StudyInstanceUID: uid(Tag.StudyInstanceUID), SeriesInstanceUID: uid(Tag.SeriesInstanceUID) };
}
