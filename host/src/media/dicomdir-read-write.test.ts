import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tag } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { samplePath } from '../../../test/support/samples.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { stringElement } from '../io/element-factory.js';
import { dicomdirFiles } from './dicomdir-files.js';
import { type DirectoryRecord, type FileSet, walkRecords } from './directory-record.js';
import { readDicomdir } from './read-dicomdir.js';
import { recordIdentity } from './record-values.js';
import { writeDicomdir } from './write-dicomdir.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'atrium-dicomdir-'));

/** A record with a key element. */
function rec(type: string, tag: number, value: string, children: DirectoryRecord[] = []): DirectoryRecord {
  return { type, elements: [stringElement(tag, tag === Tag.PatientID ? 'LO' : 'UI', value)], children };
}

/** The tree as nested [type, identity] lists, to compare shapes. */
const shape = (records: readonly DirectoryRecord[]): unknown[] => records.map((r) => [r.type, recordIdentity(r), shape(r.children)]);

function sampleTree(): FileSet {
  const image = (sop: string): DirectoryRecord => rec('IMAGE', Tag.ReferencedSOPInstanceUIDInFile, sop);
  return {
    id: 'T1',
    uid: '2.25.1',
    roots: [
      rec('PATIENT', Tag.PatientID, 'P1', [rec('STUDY', Tag.StudyInstanceUID, '1.1', [rec('SERIES', Tag.SeriesInstanceUID, '1.1.1', [image('1.1.1.1'), image('1.1.1.2')]), rec('SERIES', Tag.SeriesInstanceUID, '1.1.2', [image('1.1.2.1')])])]),
      rec('PATIENT', Tag.PatientID, 'P2', [rec('STUDY', Tag.StudyInstanceUID, '2.1', [rec('SERIES', Tag.SeriesInstanceUID, '2.1.1', [image('2.1.1.1')])])]),
    ],
  };
}

/** Overwrite the UL at byte `at` of a file. */
function patchUl(path: string, at: number, value: number): void {
  const bytes = readFileSync(path);
  bytes.writeUInt32LE(value, at);
  writeFileSync(path, bytes);
}

describe('DICOMDIR write and read (PS3.3 F.3)', () => {
  it('reads back the tree it wrote, following the offsets', () => {
    const path = join(tmp(), 'DICOMDIR');
    writeFileSync(path, writeDicomdir(sampleTree()));
    const back = readDicomdir(path);
    expect(back.id).toBe('T1');
    expect(back.uid).toBe('2.25.1');
    expect(shape(back.roots)).toEqual(shape(sampleTree().roots));
  });

  it('reads a DICOMDIR another implementation wrote (pydicom test set): every referenced file in a record', () => {
    const path = samplePath('dicomdir/DICOMDIR');
    const fileSet = readDicomdir(path);
    const leaves = [...walkRecords(fileSet.roots)].filter(({ record }) => record.elements.some((e) => e.tag === Tag.ReferencedFileID));
    expect(leaves.length).toBe(dicomdirFiles(path).length);
    expect(new Set(fileSet.roots.map((r) => r.type))).toEqual(new Set(['PATIENT']));
    for (const { record, parents } of leaves) expect([...parents.map((p) => p.type), record.type].slice(0, 3)).toEqual(['PATIENT', 'STUDY', 'SERIES']);
  });

  it('refuses offsets that loop or lead nowhere, naming the offset', () => {
    for (const [what, target] of [['loop', 'self'], ['nowhere', 12345]] as const) {
      const path = join(tmp(), 'DICOMDIR');
      writeFileSync(path, writeDicomdir(sampleTree()));
      const first = readFileSync(path).readUInt32LE(readFileSync(path).indexOf(Buffer.from([0x04, 0x00, 0x00, 0x12])) + 8);
      // The first record's item: header (8), then Offset of the Next Directory Record's header (8) and value.
      patchUl(path, first + 16, target === 'self' ? first : target);
      let error: unknown;
      try {
        readDicomdir(path);
      } catch (e) {
        error = e;
      }
      expect(isAtriumError(error) && error.code, what).toBe('ATRIUM_ERR_DICOMDIR_INVALID');
      expect(String((error as Error).message), what).toMatch(what === 'loop' ? /reached twice/ : /12345/);
    }
  });
});
