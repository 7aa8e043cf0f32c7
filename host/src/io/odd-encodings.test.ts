/**
 * Encodings the samples lack, built byte by byte (test/support/odd-dataset.ts): odd value
 * lengths, undefined-length sequences and items nested three deep, empty items and
 * sequences, a private UN of undefined length (CP-246), an unknown public tag, an invalid
 * VR. Each is read as written and written back byte-identical, in every encoding.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lookupTag, Tag, TransferSyntax } from '@atrium/sdk';
import { encodeDataset, el, FIXTURE_EXPLICIT_BE, FIXTURE_EXPLICIT_LE, FIXTURE_IMPLICIT_LE, item, part10, sq, type FixtureEncoding } from '../../../test/support/dicom-fixture.js';
import { oddInstance, UNKNOWN_PUBLIC_TAG } from '../../../test/support/odd-dataset.js';
import type { DataSet } from './data-set.js';
import { dumpDataset } from './dump-dataset.js';
import { parseDicom } from './parse-part10.js';
import { writeDataset } from './write-dataset.js';
import { writePart10 } from './write-part10.js';

const SOP = { sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.3141592653589793.3' };

const ENCODINGS: readonly { name: string; enc: FixtureEncoding; ts: string }[] = [
  { name: 'Explicit VR LE', enc: FIXTURE_EXPLICIT_LE, ts: TransferSyntax.ExplicitVRLittleEndian },
  { name: 'Implicit VR LE', enc: FIXTURE_IMPLICIT_LE, ts: TransferSyntax.ImplicitVRLittleEndian },
  { name: 'Explicit VR BE', enc: FIXTURE_EXPLICIT_BE, ts: TransferSyntax.ExplicitVRBigEndian },
];

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function expectOddContent(ds: DataSet, explicit: boolean): void {
  const description = ds.get(Tag.StudyDescription);
  expect(description?.value.length).toBe(3);
  expect(ds.string(Tag.StudyDescription)).toBe('Odd');
  expect(ds.get(Tag.ImageComments)?.value.length).toBe(1);
  expect(hex(ds.get(0x00091002)?.value ?? new Uint8Array(0))).toBe('010203');

  const procedure = ds.get(Tag.ProcedureCodeSequence);
  expect(procedure?.undefinedLength).toBe(true);
  expect(procedure?.items?.map((i) => [i.undefinedLength, i.dataset.size])).toEqual([
    [false, 2],
    [false, 0],
    [true, 0],
    [false, 1],
  ]);
  const level1 = procedure?.items?.[0]?.dataset;
  const level2 = level1?.items(Tag.PerformedProtocolCodeSequence)[0]?.dataset;
  const level3 = level2?.items(Tag.PerformedProtocolCodeSequence)[0]?.dataset;
  expect([level1?.string(Tag.CodeValue), level2?.string(Tag.CodeValue), level3?.string(Tag.CodeMeaning)]).toEqual(['C1', 'C2', 'deep']);
  expect(level2?.get(Tag.PerformedProtocolCodeSequence)?.undefinedLength).toBe(true);
  expect(procedure?.items?.[3]?.dataset.get(Tag.CodeMeaning)?.value.length).toBe(3);

  expect(ds.get(Tag.ReferencedStudySequence)).toMatchObject({ vr: 'SQ', undefinedLength: true, items: [] });
  expect(ds.get(Tag.OtherPatientIDsSequence)).toMatchObject({ undefinedLength: false, items: [] });

  // The private UN of undefined length: a sequence whose items are Implicit VR LE.
  const un = ds.get(0x00091001);
  expect(un?.vr).toBe('UN');
  expect(un?.undefinedLength).toBe(true);
  expect(un?.items?.map((i) => i.dataset.string(i.dataset.elements[0]?.tag ?? 0))).toEqual(['in UN', 'X1']);
  expect(un?.itemsImplicit === true).toBe(explicit);

  // The unknown public tag: its VR as written (explicit), UN when the stream does not say (implicit).
  expect(lookupTag(UNKNOWN_PUBLIC_TAG)).toBeUndefined();
  const unknown = ds.get(UNKNOWN_PUBLIC_TAG);
  expect(unknown?.vr).toBe(explicit ? 'LO' : 'UN');
  expect(Buffer.from(unknown?.value ?? []).toString('latin1')).toBe('unknown public');
}

describe('odd encodings built byte by byte', () => {
  for (const { name, enc, ts } of ENCODINGS) {
    const dataset = encodeDataset(oddInstance(), enc);

    it(`${name}, Part 10: read as written, written back byte-identical`, () => {
      const bytes = part10(dataset, { ...SOP, transferSyntaxUID: ts });
      const file = parseDicom(bytes);
      expect(file.transferSyntax.uid).toBe(ts);
      expectOddContent(file.dataset, enc.explicitVR);
      expect(hex(writeDataset(file.dataset, file.transferSyntax))).toBe(hex(dataset));
      expect(hex(writePart10(file))).toBe(hex(bytes));
    });

    it(`${name}, bare dataset: the encoding is detected; a meta is generated in front of the same bytes`, () => {
      const file = parseDicom(dataset);
      expect(file.transferSyntaxDetected).toBe(true);
      expect(file.transferSyntax.uid).toBe(ts);
      expectOddContent(file.dataset, enc.explicitVR);
      const written = writePart10(file);
      expect(hex(written.subarray(written.length - dataset.length))).toBe(hex(dataset));
      expect(parseDicom(written).meta?.string(Tag.TransferSyntaxUID)).toBe(ts);
    });
  }

  it('Deflated Explicit VR LE: the inflated dataset is read and written back identical', () => {
    const dataset = encodeDataset(oddInstance(), FIXTURE_EXPLICIT_LE);
    const bytes = part10(deflateRawSync(dataset), { ...SOP, transferSyntaxUID: TransferSyntax.DeflatedExplicitVRLittleEndian });
    const file = parseDicom(bytes);
    expect(file.transferSyntax.deflated).toBe(true);
    expect(hex(file.datasetBytes)).toBe(hex(dataset));
    expectOddContent(file.dataset, true);
    const reread = parseDicom(writePart10(file));
    expect(hex(reread.datasetBytes)).toBe(hex(dataset));
  });

  it('an invalid VR ("ZZ") in an explicit-VR stream: kept as written, with its 16-bit length', () => {
    // DCMTK reads a non-standard VR with a 4-byte length; Atrium reads the 2-byte length such writers use.
    const elements = [el(Tag.PatientName, 'PN', 'A^B '), el(0x00091010, 'LO', 'zz value', { vrBytes: 'ZZ' }), el(Tag.PatientID, 'LO', 'ID')];
    const dataset = encodeDataset(elements, FIXTURE_EXPLICIT_LE);
    const bytes = part10(dataset, { ...SOP, transferSyntaxUID: TransferSyntax.ExplicitVRLittleEndian });
    const file = parseDicom(bytes);
    const zz = file.dataset.get(0x00091010);
    expect(zz?.vr).toBe('UN');
    expect(Buffer.from(zz?.rawVr ?? []).toString('latin1')).toBe('ZZ');
    expect(Buffer.from(zz?.value ?? []).toString('latin1')).toBe('zz value');
    expect(file.dataset.string(Tag.PatientID)).toBe('ID');
    expect(hex(writePart10(file))).toBe(hex(bytes));
  });

  it('dumpDataset lists nested items, undefined lengths, private and unknown tags', () => {
    const dataset = encodeDataset(
      [
        el(Tag.StudyDescription, 'LO', 'Odd'),
        sq(Tag.ProcedureCodeSequence, [item([el(Tag.CodeValue, 'SH', 'C1')], { undefinedLength: true }), item([])], { undefinedLength: true }),
        el(0x00090010, 'LO', 'ATRIUMX'),
        el(UNKNOWN_PUBLIC_TAG, 'LO', 'unknown public'),
        el(Tag.Rows, 'US', new Uint8Array([2, 1])),
      ],
      FIXTURE_EXPLICIT_LE,
    );
    expect(dumpDataset(parseDicom(dataset).dataset).split('\n')).toEqual([
      `(0008,1030) LO ${'[Odd]'.padEnd(40)} #    3, StudyDescription`,
      '(0008,1032) SQ (Sequence with undefined length #=2)  # ProcedureCodeSequence',
      '  (FFFE,E000) na (Item with undefined length #=1)',
      `    (0008,0100) SH ${'[C1]'.padEnd(40)} #    2, CodeValue`,
      '  (FFFE,E000) na (Item with explicit length #=0)',
      `(0009,0010) LO ${'[ATRIUMX]'.padEnd(40)} #    7, PrivateCreator`,
      `(0010,9999) LO ${'[unknown public]'.padEnd(40)} #   14, UnknownTag`,
      `(0028,0010) US ${'258'.padEnd(40)} #    2, Rows`,
    ]);
  });
});
