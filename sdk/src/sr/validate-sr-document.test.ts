import { describe, expect, it } from 'vitest';
import type { CodedConcept } from './coded-concept.js';
import { NumericValueQualifier } from './numeric-value-qualifier.js';
import type { SrChild, SrContainer, SrImageReference } from './sr-content-item.js';
import type { SrDocumentSpec } from './sr-document-spec.js';
import { relationshipAllowed } from './sr-relationship-constraints.js';
import { validateSrDocument } from './validate-sr-document.js';

const concept = (value: string, meaning = value): CodedConcept => ({ value, scheme: 'DCM', meaning });
const image: SrImageReference = { studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', sopClassUID: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUID: '2.25.2.1' };
const mm: CodedConcept = { value: 'mm', scheme: 'UCUM', meaning: 'millimeter' };
const doc = (children: readonly SrChild[], rest: Partial<SrDocumentSpec> = {}): SrDocumentSpec => ({ iod: 'comprehensive-sr', completion: 'COMPLETE', root: { valueType: 'CONTAINER', concept: concept('126000', 'Report'), children }, ...rest });
/** The problems as "path code" lines. */
const found = (spec: SrDocumentSpec): string[] => validateSrDocument(spec).map((p) => `${p.path} ${p.code}`);
const messages = (spec: SrDocumentSpec): string[] => validateSrDocument(spec).map((p) => p.message);

describe('validateSrDocument: relationships (PS3.3 Table A.35.3-2 Comprehensive, A.35.2-2 Enhanced)', () => {
  const text = (relationship: SrChild['relationship']): SrChild => ({ relationship, valueType: 'TEXT', concept: concept('T'), text: 't' } as SrChild);

  it('allows what the tables allow and names the child and the table for what they do not', () => {
    expect(found(doc([text('CONTAINS'), { ...text('HAS OBS CONTEXT') }]))).toEqual([]);
    expect(messages(doc([text('HAS PROPERTIES')]))).toEqual(['content item 1.1: CONTAINER HAS PROPERTIES TEXT is not allowed in Comprehensive SR (PS3.3 Table A.35.3-2)']);
    const num: SrChild = { relationship: 'CONTAINS', valueType: 'NUM', concept: concept('N'), value: 1, unit: mm, children: [text('CONTAINS'), { relationship: 'INFERRED FROM', valueType: 'IMAGE', image }] };
    expect(found(doc([num]))).toEqual(['1.1.1 ATRIUM_ERR_SR_RELATIONSHIP']);
  });

  it('applies the Enhanced SR table: no HAS OBS CONTEXT from a TEXT, no CONTAINER under HAS ACQ CONTEXT', () => {
    const obs: SrChild = { ...text('CONTAINS'), children: [text('HAS OBS CONTEXT')] } as SrChild;
    const acq: SrChild = { relationship: 'CONTAINS', valueType: 'IMAGE', image, children: [{ relationship: 'HAS ACQ CONTEXT', valueType: 'CONTAINER', concept: concept('C') }] };
    expect(found(doc([obs, acq]))).toEqual([]);
    expect(messages(doc([obs, acq], { iod: 'enhanced-sr' }))).toEqual([
      'content item 1.1.1: TEXT HAS OBS CONTEXT TEXT is not allowed in Enhanced SR (PS3.3 Table A.35.2-2)',
      'content item 1.2.1: IMAGE HAS ACQ CONTEXT CONTAINER is not allowed in Enhanced SR (PS3.3 Table A.35.2-2)',
    ]);
  });

  it('HAS CONCEPT MOD from any item to TEXT or CODE only; SELECTED FROM only from SCOORD to one IMAGE', () => {
    expect(relationshipAllowed('comprehensive-sr', 'IMAGE', 'HAS CONCEPT MOD', 'CODE')).toBe(true);
    expect(relationshipAllowed('comprehensive-sr', 'IMAGE', 'HAS CONCEPT MOD', 'NUM')).toBe(false);
    expect(relationshipAllowed('enhanced-sr', 'SCOORD', 'SELECTED FROM', 'IMAGE')).toBe(true);
    expect(relationshipAllowed('enhanced-sr', 'CONTAINER', 'SELECTED FROM', 'IMAGE')).toBe(false);
    const lonely: SrChild = { relationship: 'CONTAINS', valueType: 'SCOORD', graphicType: 'POINT', graphicData: [1, 2] };
    expect(messages(doc([lonely]))).toEqual(['content item 1.1 (SCOORD): an SCOORD is SELECTED FROM exactly one IMAGE (PS3.3 C.18.6); it has 0']);
  });
});

describe('validateSrDocument: each item', () => {
  it('a NUM has a finite value with a UCUM unit, or a qualifier saying why not — never a fake zero', () => {
    const nums: SrChild[] = [
      { relationship: 'CONTAINS', valueType: 'NUM', concept: concept('A', 'Area'), value: 3 } as never,
      { relationship: 'CONTAINS', valueType: 'NUM', concept: concept('B', 'Mass'), value: NaN, unit: mm },
      { relationship: 'CONTAINS', valueType: 'NUM', concept: concept('C', 'Volume') } as never,
      { relationship: 'CONTAINS', valueType: 'NUM', concept: concept('D', 'Length'), value: 2, unit: { value: 'mm', scheme: 'DCM', meaning: 'mm' } },
      { relationship: 'CONTAINS', valueType: 'NUM', concept: concept('E', 'Score'), qualifier: NumericValueQualifier.measurementFailure },
    ];
    expect(found(doc(nums))).toEqual(['1.1 ATRIUM_ERR_SR_UNIT', '1.2 ATRIUM_ERR_SR_NUM', '1.3 ATRIUM_ERR_SR_NUM', '1.4 ATRIUM_ERR_SR_UNIT']);
    expect(messages(doc(nums))[1]).toBe('content item 1.2 (NUM "Mass"): value NaN is not a finite number; give no value and a Numeric Value Qualifier (PS3.16 CID 42: not a number, infinity, measurement failure…)');
    expect(messages(doc(nums))[3]).toBe('content item 1.4 (NUM "Length"): unit mm is of scheme DCM; units are UCUM codes (PS3.16 CID 82)');
  });

  it('codes have a value, a scheme (standard, or declared) and a meaning', () => {
    const code = (c: CodedConcept): SrChild => ({ relationship: 'CONTAINS', valueType: 'CODE', concept: concept('F', 'Finding'), code: c });
    const items = [
      code({ value: 'X', scheme: '', meaning: 'x' }),
      code({ value: 'X', scheme: '99MINE', meaning: 'x' }),
      code({ value: 'X\\Y', scheme: 'DCM', meaning: 'x' }),
      code({ value: 'X', scheme: 'DCM', meaning: 'm'.repeat(65) }),
    ];
    expect(messages(doc(items))).toEqual([
      'content item 1.1 (CODE "Finding"): Concept Code (X  "x") Coding Scheme Designator is empty',
      'content item 1.2 (CODE "Finding"): Concept Code (X 99MINE "x") has scheme 99MINE, which is not a standard scheme (PS3.16 Table 8-1): declare it in codingSchemes (Coding Scheme Identification Sequence)',
      'content item 1.3 (CODE "Finding"): Concept Code (X\\Y DCM "x") has a backslash in its Code Value',
      `content item 1.4 (CODE "Finding"): Concept Code (X DCM "${'m'.repeat(65)}") Code Meaning "${'m'.repeat(65)}" is longer than 64 characters`,
    ]);
    expect(found(doc([items[1]!], { codingSchemes: [{ designator: '99MINE', name: 'Mine' }] }))).toEqual([]);
  });

  it('concept names where PS3.3 C.17.3 requires them; values of the right form', () => {
    const items: SrChild[] = [
      { relationship: 'CONTAINS', valueType: 'TEXT', text: 'no concept' } as never,
      { relationship: 'CONTAINS', valueType: 'TEXT', concept: concept('T'), text: '  ' },
      { relationship: 'CONTAINS', valueType: 'UIDREF', concept: concept('U'), uid: '1.2.03' },
      { relationship: 'CONTAINS', valueType: 'DATE', concept: concept('D'), date: '20230229' },
      { relationship: 'CONTAINS', valueType: 'TIME', concept: concept('H'), time: '2500' },
      { relationship: 'CONTAINS', valueType: 'DATETIME', concept: concept('DT'), dateTime: '2024-03-05' },
      { relationship: 'CONTAINS', valueType: 'PNAME', concept: concept('P'), personName: 'a=b=c=d' },
      { relationship: 'CONTAINS', valueType: 'SCOORD', graphicType: 'CIRCLE', graphicData: [1, 2, 3, 4, 5, 6], children: [{ relationship: 'SELECTED FROM', valueType: 'IMAGE', image }] },
      { relationship: 'CONTAINS', valueType: 'IMAGE', image, observationDateTime: 'yesterday' },
    ];
    expect(messages(doc(items))).toEqual([
      'content item 1.1 (TEXT): no Concept Name (required for a TEXT, PS3.3 C.17.3)',
      'content item 1.2 (TEXT "T"): Text Value is empty',
      "content item 1.3 (UIDREF \"U\"): UID '1.2.03' is not a UID (numbers separated by dots, PS3.5 §9)",
      'content item 1.4 (DATE "D"): Date 20230229 is not a calendar date',
      'content item 1.5 (TIME "H"): Time "2500" is not a time HHMMSS.FFFFFF',
      'content item 1.6 (DATETIME "DT"): DateTime "2024-03-05" is not a date-time YYYYMMDDHHMMSS.FFFFFF&ZZXX',
      'content item 1.7 (PNAME "P"): Person Name "a=b=c=d" has more than 3 component groups',
      'content item 1.8 (SCOORD): Graphic Data has 3 point(s); CIRCLE needs 2',
      'content item 1.9 (IMAGE): Observation DateTime "yesterday" is not a date-time YYYYMMDDHHMMSS.FFFFFF&ZZXX',
    ]);
  });

  it('references: valid UIDs, frame numbers from 1, one SOP instance is one object', () => {
    const items: SrChild[] = [
      { relationship: 'CONTAINS', valueType: 'IMAGE', image: { ...image, sopInstanceUID: '../../etc/passwd' } },
      { relationship: 'CONTAINS', valueType: 'IMAGE', image: { ...image, frames: [0] } },
      { relationship: 'CONTAINS', valueType: 'COMPOSITE', object: { ...image, sopClassUID: '1.2.840.10008.5.1.4.1.1.66.4' } },
    ];
    expect(messages(doc(items))).toEqual([
      "content item 1.1 (IMAGE): sopInstanceUID '../../etc/passwd' is not a UID (numbers separated by dots, PS3.5 §9)",
      'content item 1.2 (IMAGE): Referenced Frame Number 0 are not frame numbers (from 1)',
      'content item 1.3 (COMPOSITE): SOP Instance 2.25.2.1 is referenced elsewhere with another SOP Class, series or study',
    ]);
  });
});

describe('validateSrDocument: structure and document attributes', () => {
  it('the root is a CONTAINER with a title; unknown value types and relationships, cycles and deep nesting are refused', () => {
    expect(found({ iod: 'comprehensive-sr', completion: 'COMPLETE', root: { valueType: 'TEXT', concept: concept('T'), text: 'x' } as never })).toEqual(['1 ATRIUM_ERR_SR_STRUCTURE']);
    expect(found({ iod: 'comprehensive-sr', completion: 'COMPLETE', root: { valueType: 'CONTAINER' } })).toEqual(['1 ATRIUM_ERR_SR_CONCEPT']);
    const odd: SrChild[] = [{ relationship: 'CONTAINS', valueType: 'WAVEFORM' } as never, { relationship: 'CONTAINED', valueType: 'TEXT', concept: concept('T'), text: 'x' } as never];
    expect(messages(doc(odd))).toEqual([
      'content item 1.1: value type "WAVEFORM" is not one the builder writes (CONTAINER, TEXT, CODE, NUM, UIDREF, IMAGE, COMPOSITE, DATE, TIME, DATETIME, PNAME, SCOORD)',
      'content item 1.2: relationship "CONTAINED" is not one of CONTAINS, HAS PROPERTIES, HAS OBS CONTEXT, HAS ACQ CONTEXT, INFERRED FROM, SELECTED FROM, HAS CONCEPT MOD',
    ]);
    const loop: { relationship: 'CONTAINS'; valueType: 'CONTAINER'; children: SrChild[] } = { relationship: 'CONTAINS', valueType: 'CONTAINER', children: [] };
    loop.children.push(loop);
    expect(messages(doc([loop]))).toEqual(['content item 1.1.1: an item is inside itself (the tree has a cycle)']);
    let deep: SrChild = { relationship: 'CONTAINS', valueType: 'CONTAINER' };
    for (let i = 0; i < 60; i++) deep = { relationship: 'CONTAINS', valueType: 'CONTAINER', children: [deep] };
    expect(found(doc([deep]))).toEqual([`${Array.from({ length: 50 }, () => '1').join('.')} ATRIUM_ERR_SR_STRUCTURE`]);
  });

  it('Completion and Verification Flags: VERIFIED needs observers with name, organization and date-time', () => {
    const root: SrContainer = { valueType: 'CONTAINER', concept: concept('R') };
    const spec = (rest: Partial<SrDocumentSpec>): SrDocumentSpec => ({ iod: 'enhanced-sr', completion: 'COMPLETE', root, ...rest });
    expect(messages(spec({ completion: 'DONE' as never }))).toEqual(['Completion Flag "DONE" is not PARTIAL or COMPLETE']);
    expect(messages(spec({ verification: { flag: 'VERIFIED', observers: [] } }))).toEqual(['VERIFIED needs at least one Verifying Observer (name, organization, date-time; PS3.3 C.17.2)']);
    expect(messages(spec({ verification: { flag: 'VERIFIED', observers: [{ name: 'Smith^J', organization: '', dateTime: '20240305' }, { name: 'Doe^J', organization: 'Lab', dateTime: 'now' }] } }))).toEqual([
      'Verifying Observer 1: organization is empty',
      'Verifying Observer 2: date-time "now" is not a date-time YYYYMMDDHHMMSS.FFFFFF&ZZXX',
    ]);
    expect(messages(spec({ codingSchemes: [{ designator: '99A', name: 'A' }, { designator: '99A', name: 'again' }] }))).toEqual(['coding scheme 99A is declared twice']);
    expect(validateSrDocument(spec({ verification: { flag: 'VERIFIED', observers: [{ name: 'Smith^J', organization: 'Cardiology', dateTime: '20240305143000' }] } }))).toEqual([]);
  });
});
