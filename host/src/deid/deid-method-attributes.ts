import { DEID_METHOD_CODES, Tag, type DeidMethodCode, type DeidOption } from '@atrium/sdk';
import type { DataElement, SequenceItem } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { stringElement } from '../io/element-factory.js';

/** Options in the order their codes are recorded after 113100 (and 113101 when pixels were cleaned). */
const OPTIONS_IN_ORDER: readonly DeidOption[] = [
  'retainUIDs', 'retainDeviceIdentity', 'retainInstitutionIdentity', 'retainPatientCharacteristics',
  'retainLongitudinalFullDates', 'retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics',
  'retainSafePrivate',
];

/**
 * The attributes that record a PS3.15 de-identification (PS3.15 E.1.1, PS3.3 C.7.1.1): Patient
 * Identity Removed YES, De-identification Method (the code meanings) and De-identification Method
 * Code Sequence — 113100 Basic Application Confidentiality Profile, 113101 when the pixels were
 * cleaned, then one code per option `applied` — and Longitudinal Temporal Information Modified
 * (`dates`: UNMODIFIED, MODIFIED or REMOVED). Written into `ds`'s encoding and character set.
 */
export function deidMethodAttributes(ds: DataSet, applied: readonly DeidOption[], pixelsCleaned: boolean, dates: 'UNMODIFIED' | 'MODIFIED' | 'REMOVED'): Map<number, DataElement> {
  const cs = ds.characterSet;
  const codes: DeidMethodCode[] = [
    DEID_METHOD_CODES.basic,
    ...(pixelsCleaned ? [DEID_METHOD_CODES.cleanPixelData] : []),
    ...OPTIONS_IN_ORDER.filter((o) => applied.includes(o)).map((o) => DEID_METHOD_CODES[o]),
  ];
  const items: SequenceItem[] = codes.map((c) => ({
    undefinedLength: false,
    dataset: new DataSet([
      stringElement(Tag.CodeValue, 'SH', c.value),
      stringElement(Tag.CodingSchemeDesignator, 'SH', c.scheme),
      stringElement(Tag.CodeMeaning, 'LO', c.meaning, cs),
    ], ds.encoding, cs),
  }));
  return new Map<number, DataElement>([
    [Tag.PatientIdentityRemoved, stringElement(Tag.PatientIdentityRemoved, 'CS', 'YES')],
    [Tag.DeidentificationMethod, stringElement(Tag.DeidentificationMethod, 'LO', codes.map((c) => c.meaning), cs)],
    [Tag.DeidentificationMethodCodeSequence, { tag: Tag.DeidentificationMethodCodeSequence, vr: 'SQ', value: new Uint8Array(0), items, undefinedLength: false }],
    [Tag.LongitudinalTemporalInformationModified, stringElement(Tag.LongitudinalTemporalInformationModified, 'CS', dates)],
  ]);
}
