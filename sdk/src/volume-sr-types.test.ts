/**
 * Type tests of the volume and SR surface of the SDK (`expectTypeOf`, `@ts-expect-error`): what
 * the builders return, and the content trees the compiler refuses before any validation runs
 * (a NUM with a value but no unit, a NUM with neither value nor qualifier, a TEXT without a
 * concept, an unknown relationship, VERIFIED without observers). The first test type-checks
 * this file.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  buildSrDocument, NumericValueQualifier, resampleVolume, srDocumentMapping, srReferenceTo, volumeFromMultiFrame, volumeFromSeries, volumeTransform,
  type CodedConcept, type DicomItem, type MappingTable, type SourceInstance, type SrChild, type SrImageReference, type SrVerification,
  type Vec3, type Volume, type VolumeGeometry, type VolumeTransform, type VoxelArray,
} from './index.js';
import { typeCheck } from './test-support/type-check.js';

const concept: CodedConcept = { value: '121206', scheme: 'DCM', meaning: 'Distance' };
const mm: CodedConcept = { value: 'mm', scheme: 'UCUM', meaning: 'millimeter' };

// --- what the builders give ---
expectTypeOf(volumeFromSeries).returns.resolves.toEqualTypeOf<Volume>();
expectTypeOf(volumeFromMultiFrame).returns.resolves.toEqualTypeOf<Volume>();
expectTypeOf(resampleVolume).returns.toEqualTypeOf<Volume>();
expectTypeOf<Volume['voxels']>().toEqualTypeOf<VoxelArray>();
expectTypeOf<VoxelArray>().toEqualTypeOf<Int16Array | Float32Array>();
expectTypeOf<Volume>().toExtend<VolumeGeometry>();
expectTypeOf(volumeTransform).parameter(0).toEqualTypeOf<VolumeGeometry>();
expectTypeOf(volumeTransform).returns.toEqualTypeOf<VolumeTransform>();
expectTypeOf<VolumeTransform['indexToPatient']>().returns.toEqualTypeOf<[number, number, number]>();
expectTypeOf<VolumeGeometry['origin']>().toEqualTypeOf<Vec3>();
expectTypeOf(buildSrDocument).returns.toEqualTypeOf<DicomItem>();
expectTypeOf(srDocumentMapping).toEqualTypeOf<MappingTable>();
expectTypeOf(srReferenceTo).parameter(0).toEqualTypeOf<SourceInstance>();
expectTypeOf(srReferenceTo).returns.toEqualTypeOf<SrImageReference>();

// --- trees the compiler accepts ---
const measured: SrChild = { relationship: 'CONTAINS', valueType: 'NUM', concept, value: 1, unit: mm };
const notComputed: SrChild = { relationship: 'CONTAINS', valueType: 'NUM', concept, qualifier: NumericValueQualifier.measurementNotAttempted };
const verified: SrVerification = { flag: 'VERIFIED', observers: [{ name: 'Doe^J', organization: 'Lab', dateTime: '20240305' }] };

// --- wrong shapes: each line below must be a compile error ---
// @ts-expect-error — a NUM with a value has a unit
const _noUnit: SrChild = { relationship: 'CONTAINS', valueType: 'NUM', concept, value: 1 };
// @ts-expect-error — a NUM without a value says why (a qualifier), never a fake zero
const _nothing: SrChild = { relationship: 'CONTAINS', valueType: 'NUM', concept };
// @ts-expect-error — a TEXT has a concept name
const _noConcept: SrChild = { relationship: 'CONTAINS', valueType: 'TEXT', text: 'x' };
// @ts-expect-error — not a relationship type
const _contained: SrChild = { relationship: 'CONTAINED', valueType: 'TEXT', concept, text: 'x' };
// @ts-expect-error — a child has a relationship
const _orphan: SrChild = { valueType: 'TEXT', concept, text: 'x' };
// @ts-expect-error — VERIFIED names its observers
const _unverifiable: SrVerification = { flag: 'VERIFIED' };
// @ts-expect-error — volumes hold Int16 or Float32 voxels
const _doubles: Volume['voxels'] = new Float64Array(1);

describe('volume and SR types', () => {
  it('this file type-checks: every expectTypeOf holds and every @ts-expect-error line is an error', () => {
    expect(typeCheck([fileURLToPath(import.meta.url)])).toEqual([]);
  });

  it('accepted trees build', () => {
    const doc = buildSrDocument({ iod: 'enhanced-sr', completion: 'COMPLETE', verification: verified, root: { valueType: 'CONTAINER', concept, children: [measured, notComputed] } });
    expect(doc.VerificationFlag).toBe('VERIFIED');
    expect((doc.ContentSequence as readonly DicomItem[]).map((i) => i.ValueType)).toEqual(['NUM', 'NUM']);
  });
});
