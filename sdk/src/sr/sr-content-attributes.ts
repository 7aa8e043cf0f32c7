import type { DicomItem, DicomValue } from '../app/dicom-value.js';
import type { CodedConcept } from './coded-concept.js';
import type { SrContentItem, SrObjectReference } from './sr-content-item.js';

/** Code Sequence Macro item (PS3.3 Table 8.8-1): Code Value, or Long / URN Code Value past 16 characters. */
export function codeItem(c: CodedConcept): DicomItem {
  const value: Record<string, DicomValue> =
    c.value.length <= 16 ? { CodeValue: c.value } : /^(urn:|https?:)/i.test(c.value) ? { URNCodeValue: c.value } : { LongCodeValue: c.value };
  return { ...value, CodingSchemeDesignator: c.scheme, ...(c.schemeVersion !== undefined ? { CodingSchemeVersion: c.schemeVersion } : {}), CodeMeaning: c.meaning };
}

/**
 * The attributes of a content item (PS3.3 C.17.3 Document Content Macro and the value macros of
 * C.18): Value Type, Concept Name Code Sequence, the value by value type, Observation DateTime,
 * and Content Sequence with the children (Relationship Type on each). Items are valid (see
 * `validateSrDocument`).
 */
export function contentAttributes(item: SrContentItem): Record<string, DicomValue> {
  const out: Record<string, DicomValue> = { ValueType: item.valueType };
  if (item.concept) out.ConceptNameCodeSequence = [codeItem(item.concept)];
  Object.assign(out, valueAttributes(item));
  if (item.observationDateTime !== undefined) out.ObservationDateTime = item.observationDateTime;
  const children = item.children ?? [];
  if (children.length > 0) out.ContentSequence = children.map((child) => ({ RelationshipType: child.relationship, ...contentAttributes(child) }));
  return out;
}

function valueAttributes(item: SrContentItem): Record<string, DicomValue> {
  switch (item.valueType) {
    case 'CONTAINER':
      return {
        ContinuityOfContent: item.continuity ?? 'SEPARATE',
        ...(item.template ? { ContentTemplateSequence: [{ MappingResource: item.template.mappingResource, TemplateIdentifier: item.template.identifier }] } : {}),
      };
    case 'TEXT':
      return { TextValue: item.text };
    case 'CODE':
      return { ConceptCodeSequence: [codeItem(item.code)] };
    case 'NUM':
      return {
        // Measured Value Sequence (Type 2): empty when there is no value (PS3.3 C.18.1).
        MeasuredValueSequence: item.value === undefined ? '' : [measuredValue(item.value, item.unit)],
        ...(item.qualifier ? { NumericValueQualifierCodeSequence: [codeItem(item.qualifier)] } : {}),
      };
    case 'UIDREF':
      return { UID: item.uid };
    case 'IMAGE': {
      const frames = item.image.frames ?? [];
      return { ReferencedSOPSequence: [{ ...sopReference(item.image), ...(frames.length > 0 ? { ReferencedFrameNumber: frames.length === 1 ? frames[0]! : [...frames] } : {}) }] };
    }
    case 'COMPOSITE':
      return { ReferencedSOPSequence: [sopReference(item.object)] };
    case 'DATE':
      return { Date: item.date };
    case 'TIME':
      return { Time: item.time };
    case 'DATETIME':
      return { DateTime: item.dateTime };
    case 'PNAME':
      return { PersonName: item.personName };
    case 'SCOORD':
      return { GraphicType: item.graphicType, GraphicData: [...item.graphicData] };
  }
}

/**
 * Measured Value Sequence item: Numeric Value (DS) and the unit; Floating Point Value (FD) as well
 * when the shortest decimal form of the value is longer than the 16 characters of DS
 * (PS3.3 Table C.18.1-1a).
 */
function measuredValue(value: number, unit: CodedConcept): DicomItem {
  return { MeasurementUnitsCodeSequence: [codeItem(unit)], NumericValue: value, ...(String(value).length > 16 ? { FloatingPointValue: value } : {}) };
}

/** SOP Instance Reference Macro item (PS3.3 Table 10-11). */
export function sopReference(ref: SrObjectReference): DicomItem {
  return { ReferencedSOPClassUID: ref.sopClassUID, ReferencedSOPInstanceUID: ref.sopInstanceUID };
}
