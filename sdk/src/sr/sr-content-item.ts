import type { CodedConcept } from './coded-concept.js';

/** Relationship Type (0040,A010) of a content item to its parent (PS3.3 C.17.3.2.4). */
export type SrRelationship = 'CONTAINS' | 'HAS PROPERTIES' | 'HAS OBS CONTEXT' | 'HAS ACQ CONTEXT' | 'INFERRED FROM' | 'SELECTED FROM' | 'HAS CONCEPT MOD';

/** Value Type (0040,A040) of a content item the builder writes (PS3.3 C.17.3.2.1). */
export type SrValueType = 'CONTAINER' | 'TEXT' | 'CODE' | 'NUM' | 'UIDREF' | 'IMAGE' | 'COMPOSITE' | 'DATE' | 'TIME' | 'DATETIME' | 'PNAME' | 'SCOORD';

/** A composite object an SR references (SOP Instance Reference, with its study and series for the evidence sequence). */
export interface SrObjectReference {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** An image an SR references: an object reference, and frames (1-based Referenced Frame Number) of a multi-frame image. */
export interface SrImageReference extends SrObjectReference {
  readonly frames?: readonly number[];
}

interface SrItemBase {
  /** Concept Name Code Sequence (0040,A043): what the item is. Required except for IMAGE, COMPOSITE, SCOORD and non-root CONTAINER. */
  readonly concept?: CodedConcept;
  /** Observation DateTime (0040,A032), DICOM DT (YYYYMMDDHHMMSS…), when the item was observed at another time than the document. */
  readonly observationDateTime?: string;
  /** Child content items, each with its relationship to this one (by value, in order). */
  readonly children?: readonly SrChild[];
}

/** CONTAINER: a heading grouping its children (Continuity Of Content SEPARATE by default; PS3.3 C.18.8). */
export interface SrContainer extends SrItemBase {
  readonly valueType: 'CONTAINER';
  readonly continuity?: 'SEPARATE' | 'CONTINUOUS';
  /** Content Template Sequence (0040,A504): the template the container follows, e.g. `{ identifier: '1500', mappingResource: 'DCMR' }`. */
  readonly template?: { readonly identifier: string; readonly mappingResource: string };
}

/** TEXT: free text (Text Value (0040,A160), UT). */
export interface SrText extends SrItemBase {
  readonly valueType: 'TEXT';
  readonly concept: CodedConcept;
  readonly text: string;
}

/** CODE: a coded value (Concept Code Sequence; PS3.3 C.18.2). */
export interface SrCode extends SrItemBase {
  readonly valueType: 'CODE';
  readonly concept: CodedConcept;
  readonly code: CodedConcept;
}

/** NUM with a value: Numeric Value with its unit, a UCUM code (PS3.3 C.18.1, PS3.16 CID 82). */
export interface SrMeasuredNum extends SrItemBase {
  readonly valueType: 'NUM';
  readonly concept: CodedConcept;
  /** A finite number (Numeric Value, DS; Floating Point Value as well when DS cannot hold it exactly). */
  readonly value: number;
  /** Measurement Units Code Sequence: a UCUM code, e.g. `{ value: 'mm3', scheme: 'UCUM', meaning: 'cubic millimeter' }`. */
  readonly unit: CodedConcept;
  /** Numeric Value Qualifier Code Sequence (0040,A301): a qualification of the value (PS3.16 CID 42). */
  readonly qualifier?: CodedConcept;
}

/**
 * NUM without a value: an empty Measured Value Sequence and Numeric Value Qualifier Code Sequence
 * saying why (PS3.16 CID 42, {@link NumericValueQualifier}: measurement not attempted, failure, NaN…)
 * — never a fake zero.
 */
export interface SrNotComputedNum extends SrItemBase {
  readonly valueType: 'NUM';
  readonly concept: CodedConcept;
  readonly value?: undefined;
  readonly unit?: undefined;
  readonly qualifier: CodedConcept;
}

/** UIDREF: a UID (UID (0040,A124)). */
export interface SrUidRef extends SrItemBase {
  readonly valueType: 'UIDREF';
  readonly concept: CodedConcept;
  readonly uid: string;
}

/** IMAGE: a reference to an image (Referenced SOP Sequence; PS3.3 C.18.4). */
export interface SrImage extends SrItemBase {
  readonly valueType: 'IMAGE';
  readonly image: SrImageReference;
}

/** COMPOSITE: a reference to any composite object (PS3.3 C.18.3). */
export interface SrComposite extends SrItemBase {
  readonly valueType: 'COMPOSITE';
  readonly object: SrObjectReference;
}

/** DATE: Date (0040,A121), DA `YYYYMMDD`. */
export interface SrDate extends SrItemBase {
  readonly valueType: 'DATE';
  readonly concept: CodedConcept;
  readonly date: string;
}

/** TIME: Time (0040,A122), TM `HHMMSS.FFFFFF` (trailing parts optional). */
export interface SrTime extends SrItemBase {
  readonly valueType: 'TIME';
  readonly concept: CodedConcept;
  readonly time: string;
}

/** DATETIME: DateTime (0040,A120), DT `YYYYMMDDHHMMSS.FFFFFF&ZZXX` (trailing parts optional). */
export interface SrDateTime extends SrItemBase {
  readonly valueType: 'DATETIME';
  readonly concept: CodedConcept;
  readonly dateTime: string;
}

/** PNAME: Person Name (0040,A123), PN `Family^Given^Middle^Prefix^Suffix`. */
export interface SrPersonName extends SrItemBase {
  readonly valueType: 'PNAME';
  readonly concept: CodedConcept;
  readonly personName: string;
}

/**
 * SCOORD: 2-D image coordinates (PS3.3 C.18.6): Graphic Type and Graphic Data as column\row pairs
 * in pixels; its one child is the IMAGE it is SELECTED FROM.
 */
export interface SrSpatialCoordinates extends SrItemBase {
  readonly valueType: 'SCOORD';
  readonly graphicType: 'POINT' | 'MULTIPOINT' | 'POLYLINE' | 'CIRCLE' | 'ELLIPSE';
  /** [column, row, column, row, …]: POINT 1 pair, MULTIPOINT ≥ 1, POLYLINE ≥ 2, CIRCLE 2 (centre, a point on it), ELLIPSE 4 (major then minor axis ends). */
  readonly graphicData: readonly number[];
}

/** A content item of an SR content tree (PS3.3 C.17.3 Document Content Macro). */
export type SrContentItem =
  | SrContainer | SrText | SrCode | SrMeasuredNum | SrNotComputedNum | SrUidRef | SrImage | SrComposite
  | SrDate | SrTime | SrDateTime | SrPersonName | SrSpatialCoordinates;

/** A child content item: an item and its Relationship Type to the parent (by value). */
export type SrChild = SrContentItem & { readonly relationship: SrRelationship };
