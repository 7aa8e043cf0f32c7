/**
 * One dataset with the encodings real files have and samples lack: odd value lengths,
 * undefined-length sequences and items nested three deep, empty items and sequences of
 * both kinds, a private UN of undefined length holding Implicit VR LE items (CP-246),
 * and a public tag no dictionary knows. Everything else is a valid minimal instance.
 */
import { el, item, minimalInstance, sq, type FixtureElement } from './dicom-fixture.js';
import { Tag } from '@atrium/sdk';

/** A public (even group) tag that is in no data dictionary. */
export const UNKNOWN_PUBLIC_TAG = 0x00109999;

/** The odd elements, by tag. */
export function oddElements(): FixtureElement[] {
  const code = (value: string): FixtureElement => el(Tag.CodeValue, 'SH', value);
  const meaning = (value: string): FixtureElement => el(Tag.CodeMeaning, 'LO', value);
  return [
    el(Tag.StudyDescription, 'LO', 'Odd'), // StudyDescription, 3 bytes
    sq(
      Tag.ProcedureCodeSequence, // ProcedureCodeSequence
      [
        item([code('C1'), sq(Tag.PerformedProtocolCodeSequence, [item([code('C2'), sq(Tag.PerformedProtocolCodeSequence, [item([meaning('deep')], { undefinedLength: true })], { undefinedLength: true })], { undefinedLength: true })], { undefinedLength: true })]),
        item([]),
        item([], { undefinedLength: true }),
        item([meaning('def')]), // odd length inside a defined-length item
      ],
      { undefinedLength: true },
    ),
    sq(Tag.ReferencedStudySequence, [], { undefinedLength: true }), // ReferencedStudySequence, empty, undefined length
    el(0x00090010, 'LO', 'ATRIUMX'), // private creator, 7 bytes
    sq(0x00091001, [item([meaning('in UN')], { undefinedLength: true }), item([code('X1')])], { undefinedLength: true, vr: 'UN' }),
    el(0x00091002, 'OB', new Uint8Array([1, 2, 3])), // odd-length binary
    sq(Tag.OtherPatientIDsSequence, []), // OtherPatientIDsSequence, empty, defined length
    el(UNKNOWN_PUBLIC_TAG, 'LO', 'unknown public'),
    el(Tag.ImageComments, 'LT', 'x'), // ImageComments, 1 byte
  ];
}

/** The minimal instance with the odd elements in it, in tag order. */
export function oddInstance(uidRoot = '2.25.3141592653589793'): FixtureElement[] {
  return minimalInstance(uidRoot, new Map(oddElements().map((e) => [e.tag, e])));
}
