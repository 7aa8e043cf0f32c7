import { lookupTag, sopClassName, Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';
import { stringElement } from '../io/element-factory.js';

/** How a key is required in its record (PS3.3 F.5): 1 a value, 2 present (maybe empty), 3 when the instance has it (1C, 3). */
type KeyType = 1 | 2 | 3;
type KeyList = readonly (readonly [tag: number, type: KeyType])[];

/**
 * The keys of each record type the File-set Creator writes (PS3.3 Annex F.5, Tables F.5-1 …;
 * PS3.11 D.3.3: the general-purpose profiles add no keys to these). Each record also carries
 * the instance's Specific Character Set when it has one (1C: the keys may hold other text).
 */
export const RECORD_KEYS: Readonly<Record<string, KeyList>> = {
  PATIENT: [[Tag.PatientName, 2], [Tag.PatientID, 1]],
  STUDY: [[Tag.StudyDate, 1], [Tag.StudyTime, 1], [Tag.AccessionNumber, 2], [Tag.StudyDescription, 2], [Tag.StudyInstanceUID, 1], [Tag.StudyID, 1]],
  SERIES: [[Tag.Modality, 1], [Tag.SeriesInstanceUID, 1], [Tag.SeriesNumber, 1]],
  IMAGE: [[Tag.InstanceNumber, 1], [Tag.Rows, 3], [Tag.Columns, 3]],
  'SR DOCUMENT': [[Tag.ContentDate, 1], [Tag.ContentTime, 1], [Tag.InstanceNumber, 1], [Tag.ConceptNameCodeSequence, 1], [Tag.CompletionFlag, 1], [Tag.VerificationFlag, 1], [Tag.VerificationDateTime, 3]],
  'KEY OBJECT DOC': [[Tag.ContentDate, 1], [Tag.ContentTime, 1], [Tag.InstanceNumber, 1], [Tag.ConceptNameCodeSequence, 1]],
  PRESENTATION: [[Tag.InstanceNumber, 1], [Tag.ContentLabel, 1], [Tag.ContentDescription, 2], [Tag.PresentationCreationDate, 1], [Tag.PresentationCreationTime, 1], [Tag.ContentCreatorName, 2], [Tag.ReferencedSeriesSequence, 3]],
  WAVEFORM: [[Tag.ContentDate, 1], [Tag.ContentTime, 1], [Tag.InstanceNumber, 1]],
  'RT DOSE': [[Tag.InstanceNumber, 1], [Tag.DoseSummationType, 1]],
  'RT STRUCTURE SET': [[Tag.InstanceNumber, 1], [Tag.StructureSetLabel, 1], [Tag.StructureSetDate, 2], [Tag.StructureSetTime, 2]],
  'RT PLAN': [[Tag.InstanceNumber, 1], [Tag.RTPlanLabel, 1], [Tag.RTPlanDate, 2], [Tag.RTPlanTime, 2]],
  'RT TREAT RECORD': [[Tag.InstanceNumber, 1], [Tag.TreatmentDate, 2], [Tag.TreatmentTime, 2]],
  'ENCAP DOC': [[Tag.ContentDate, 2], [Tag.ContentTime, 2], [Tag.InstanceNumber, 1], [Tag.DocumentTitle, 2], [Tag.ConceptNameCodeSequence, 2], [Tag.MIMETypeOfEncapsulatedDocument, 1]],
};

const SOP = '1.2.840.10008.5.1.4.1.1.';

/** Record types by SOP Class UID prefix (PS3.3 Table F.4-1), most specific first. */
const BY_SOP_CLASS: readonly (readonly [prefix: string, type: string])[] = [
  [`${SOP}88.59`, 'KEY OBJECT DOC'],
  [`${SOP}88.`, 'SR DOCUMENT'],
  [`${SOP}11.`, 'PRESENTATION'],
  [`${SOP}104.`, 'ENCAP DOC'],
  [`${SOP}9.`, 'WAVEFORM'],
  [`${SOP}481.2`, 'RT DOSE'],
  [`${SOP}481.3`, 'RT STRUCTURE SET'],
  [`${SOP}481.5`, 'RT PLAN'],
  [`${SOP}481.8`, 'RT PLAN'],
  [`${SOP}481.4`, 'RT TREAT RECORD'],
  [`${SOP}481.6`, 'RT TREAT RECORD'],
  [`${SOP}481.7`, 'RT TREAT RECORD'],
];

/**
 * The record type of an instance's own record (PS3.3 Table F.4-1): structured reports, key
 * object selections, presentation states, encapsulated documents, waveforms and RT objects by
 * SOP Class; an image storage SOP Class, or any other object with Pixel Data, an IMAGE. Another
 * object is refused with ATRIUM_ERR_MEDIA_UNSUPPORTED rather than written under a record that
 * does not fit it.
 */
export function instanceRecordType(sopClass: string, hasPixelData: boolean): string {
  const found = BY_SOP_CLASS.find(([prefix]) => sopClass === prefix || sopClass.startsWith(prefix.endsWith('.') ? prefix : `${prefix}.`));
  if (found) return found[1];
  if (hasPixelData || /Image Storage/.test(sopClassName(sopClass) ?? '')) return 'IMAGE';
  throw new AtriumError('ATRIUM_ERR_MEDIA_UNSUPPORTED', `SOP Class ${sopClass} has no directory record type the File-set Creator writes (${Object.keys(RECORD_KEYS).filter((t) => !['PATIENT', 'STUDY', 'SERIES'].includes(t)).join(', ')})`, { sopClass });
}

/**
 * The elements of a record of `type` for the instance `ds`: its Specific Character Set, then each
 * key as the instance holds it (raw bytes: the medium's files are Explicit VR Little Endian).
 * A Type 1 key the instance lacks or leaves empty gets a value where one may stand for it
 * (`fallback`: the record's ordinal for numbers, OT for the modality), so that the DICOMDIR stays
 * valid; the study's date and time are never invented (ATRIUM_ERR_MEDIA_MISSING_KEY naming the
 * study); a Type 2 key it lacks is written empty.
 */
export function recordKeys(type: string, ds: DataSet, ordinal: number): DataElement[] {
  const keys = RECORD_KEYS[type]!;
  const out: DataElement[] = [];
  const charset = ds.get(Tag.SpecificCharacterSet);
  if (charset && charset.value.length > 0) out.push(charset);
  for (const [tag, keyType] of [...keys].sort((a, b) => a[0] - b[0])) {
    const e = ds.get(tag);
    const empty = e === undefined || (e.value.length === 0 && !(e.items && e.items.length > 0));
    if (!empty) out.push(e);
    else if (keyType === 1) out.push(stringElement(tag, vrOf(tag), fallback(type, tag, ds, ordinal)));
    else if (keyType === 2) out.push(stringElement(tag, vrOf(tag), ''));
    else if (tag === Tag.VerificationDateTime) out.push(...verificationDateTime(ds));
  }
  return out;
}

/**
 * Verification DateTime of an SR DOCUMENT record: 1C, required when the document is VERIFIED
 * (PS3.3 F.5.21); a document holds it in its Verifying Observer Sequence, the last item the
 * most recent.
 */
function verificationDateTime(ds: DataSet): DataElement[] {
  if (ds.string(Tag.VerificationFlag)?.trim() !== 'VERIFIED') return [];
  const observers = ds.items(Tag.VerifyingObserverSequence);
  const latest = observers[observers.length - 1]?.dataset.get(Tag.VerificationDateTime);
  return latest ? [latest] : [];
}

function vrOf(tag: number): string {
  return lookupTag(tag)?.vr ?? 'UN';
}

/**
 * A value for a Type 1 key the instance does not have: its ordinal for a number, OT for the
 * modality, UNKNOWN for a Patient ID, UNNAMED for a content label; a document's creation date
 * or time is its study's. A date or time of the study itself (PS3.3 Table F.5-2: Study Date and
 * Study Time are Type 1, never empty) is only the study's to give: where the instance has none
 * (nor, for a document, its study) the record is refused, never filled with today's date.
 */
function fallback(type: string, tag: number, ds: DataSet, ordinal: number): string {
  const first = (...tags: number[]): string | undefined => tags.map((t) => ds.string(t)?.trim()).find((v) => v);
  switch (tag) {
    case Tag.StudyDate: case Tag.StudyTime: return missingKey(type, tag, ds);
    case Tag.ContentDate: case Tag.PresentationCreationDate: return first(Tag.StudyDate) ?? missingKey(type, tag, ds);
    case Tag.ContentTime: case Tag.PresentationCreationTime: return first(Tag.StudyTime) ?? missingKey(type, tag, ds);
    case Tag.Modality: return 'OT';
    case Tag.PatientID: return 'UNKNOWN';
    case Tag.ContentLabel: return 'UNNAMED';
    default: return String(ordinal);
  }
}

/** ATRIUM_ERR_MEDIA_MISSING_KEY: the instance has no value for a Type 1 key no other value may stand for. */
function missingKey(type: string, tag: number, ds: DataSet): never {
  const keyword = lookupTag(tag)?.keyword ?? String(tag);
  const study = ds.string(Tag.StudyInstanceUID)?.trim() ?? '(no Study Instance UID)';
  const sop = ds.string(Tag.SOPInstanceUID)?.trim() ?? '';
  const related = type === 'STUDY' ? '' : ` nor has its study a ${tag === Tag.ContentDate || tag === Tag.PresentationCreationDate ? 'Study Date' : 'Study Time'},`;
  throw new AtriumError(
    'ATRIUM_ERR_MEDIA_MISSING_KEY',
    `study ${study}: instance ${sop} has no ${keyword},${related} a Type 1 key of the ${type} directory record (PS3.3 Annex F.5): nothing is written for it, and no value is invented (set the study's ${keyword} first)`,
    { study, sopInstanceUid: sop, keyword, record: type },
  );
}
