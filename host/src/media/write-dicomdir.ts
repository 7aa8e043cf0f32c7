import { SopClass, Tag, TransferSyntax } from '@atrium/sdk';
import { concatBytes } from '../io/concat-bytes.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../io/element-factory.js';
import { implementationClassUid, IMPLEMENTATION_VERSION_NAME } from '../io/implementation.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { writeDataset } from '../io/write-dataset.js';
import { DICM } from '../io/write-part10.js';
import type { DirectoryRecord, FileSet } from './directory-record.js';

/** Header of an item (tag + length) and of the Directory Record Sequence in Explicit VR (tag, VR, reserved, length). */
const ITEM_HEADER = 8;
const SEQUENCE_HEADER = 12;

/**
 * The DICOMDIR of a File-set as a Part 10 file (PS3.10 §8, PS3.3 F.3): File Meta with the Media
 * Storage Directory Storage SOP Class and the File-set UID, Explicit VR Little Endian; the
 * Directory Record Sequence in depth-first order (a record, then its lower-level entity), each
 * record with its Offset of the Next Directory Record, Record In-use Flag FFFFH and Offset of
 * Referenced Lower-Level Directory Entity. Offsets count bytes from the first byte of the
 * File Meta Information (the preamble), PS3.3 F.3.2.1; 0 where there is none. Every length is
 * defined, so the offsets are known before anything is written: the items are measured with
 * placeholder offsets (a UL is 4 bytes whatever its value), then written with the real ones.
 * The Implementation Class UID is made under `uidRoot`, the organisation root (see implementationClassUid).
 */
export function writeDicomdir(fileSet: FileSet, uidRoot?: string): Uint8Array {
  const meta = fileMeta(fileSet.uid, uidRoot);
  const order = [...depthFirst(fileSet.roots)];
  const head = (first: number, last: number): DataElement[] => [
    stringElement(Tag.FileSetID, 'CS', fileSet.id),
    numberElement(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 'UL', [first], EXPLICIT_LE),
    numberElement(Tag.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, 'UL', [last], EXPLICIT_LE),
    numberElement(Tag.FileSetConsistencyFlag, 'US', [0], EXPLICIT_LE),
  ];
  // Where each record's item starts: after the preamble, the meta, the head and the sequence header.
  const offsetOf = new Map<DirectoryRecord, number>();
  let at = 128 + DICM.length + meta.length + writeDataset(new DataSet(head(0, 0), EXPLICIT_LE)).length + SEQUENCE_HEADER;
  for (const record of order) {
    offsetOf.set(record, at);
    at += ITEM_HEADER + writeDataset(recordDataset(record, 0, 0)).length;
  }
  const offset = (r: DirectoryRecord | undefined): number => (r === undefined ? 0 : offsetOf.get(r)!);
  const nextOf = nextRecords(fileSet.roots);
  const items = order.map((r) => ({ dataset: recordDataset(r, offset(nextOf.get(r)), offset(r.children[0])), undefinedLength: false }));
  const roots = fileSet.roots;
  const dataset = new DataSet(
    [...head(offset(roots[0]), offset(roots[roots.length - 1])), { tag: Tag.DirectoryRecordSequence, vr: 'SQ', value: new Uint8Array(0), items, undefinedLength: false }],
    EXPLICIT_LE,
  );
  return concatBytes([new Uint8Array(128), DICM, meta, writeDataset(dataset)]);
}

/** The records in the order the sequence holds them: each record followed by its lower-level entity. */
function* depthFirst(records: readonly DirectoryRecord[]): Generator<DirectoryRecord> {
  for (const r of records) {
    yield r;
    yield* depthFirst(r.children);
  }
}

/** For every record, the next record of the same directory entity (none for the last). */
function nextRecords(records: readonly DirectoryRecord[], out = new Map<DirectoryRecord, DirectoryRecord | undefined>()): Map<DirectoryRecord, DirectoryRecord | undefined> {
  records.forEach((r, i) => {
    out.set(r, records[i + 1]);
    nextRecords(r.children, out);
  });
  return out;
}

/** One item of the Directory Record Sequence: the directory elements (group 0004) then the record's own elements. */
function recordDataset(record: DirectoryRecord, next: number, lower: number): DataSet {
  const own = record.elements.filter((e) => !DIRECTORY_ELEMENTS.has(e.tag));
  const references = own.filter((e) => e.tag >>> 16 === 0x0004);
  const keys = own.filter((e) => e.tag >>> 16 !== 0x0004);
  return new DataSet(
    [
      numberElement(Tag.OffsetOfTheNextDirectoryRecord, 'UL', [next], EXPLICIT_LE),
      numberElement(Tag.RecordInUseFlag, 'US', [0xffff], EXPLICIT_LE),
      numberElement(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, 'UL', [lower], EXPLICIT_LE),
      stringElement(Tag.DirectoryRecordType, 'CS', record.type),
      ...references,
      ...keys,
    ],
    EXPLICIT_LE,
  );
}

/** The elements the writer makes for every record (PS3.3 Table F.3-3). */
const DIRECTORY_ELEMENTS = new Set<number>([Tag.OffsetOfTheNextDirectoryRecord, Tag.RecordInUseFlag, Tag.OffsetOfReferencedLowerLevelDirectoryEntity, Tag.DirectoryRecordType]);

/** File Meta Information of a DICOMDIR (PS3.10 §7.1): Media Storage Directory Storage, Explicit VR Little Endian. */
function fileMeta(fileSetUid: string, uidRoot: string | undefined): Uint8Array {
  const rest = [
    bytesElement(Tag.FileMetaInformationVersion, 'OB', new Uint8Array([0, 1])),
    stringElement(Tag.MediaStorageSOPClassUID, 'UI', SopClass.MediaStorageDirectoryStorage),
    stringElement(Tag.MediaStorageSOPInstanceUID, 'UI', fileSetUid),
    stringElement(Tag.TransferSyntaxUID, 'UI', TransferSyntax.ExplicitVRLittleEndian),
    stringElement(Tag.ImplementationClassUID, 'UI', implementationClassUid(uidRoot)),
    stringElement(Tag.ImplementationVersionName, 'SH', IMPLEMENTATION_VERSION_NAME),
  ];
  const length = writeDataset(new DataSet(rest, EXPLICIT_LE)).length;
  return writeDataset(new DataSet([numberElement(Tag.FileMetaInformationGroupLength, 'UL', [length], EXPLICIT_LE), ...rest], EXPLICIT_LE));
}
