import { readFileSync } from 'node:fs';
import { sopClassName, Tag } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import type { SequenceItem } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { describeUnparsed } from '../io/describe-unparsed.js';
import { parseDicom } from '../io/parse-part10.js';
import { writeDataset } from '../io/write-dataset.js';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from './dicomdir-files.js';
import type { DirectoryRecord, FileSet } from './directory-record.js';

const ITEM_HEADER = 8;
const ITEM_DELIMITATION = 8;

/**
 * Read a DICOMDIR into its File-set tree (PS3.3 F.3): the root directory entity starts at the
 * Offset of the First Directory Record of the Root Directory Entity, each record names the
 * next of its entity and the first of its lower-level entity by offset (bytes from the start
 * of the file). Inactive records (Record In-use Flag 0000H) are left out with what is below
 * them. An offset that names no record, or a chain that loops, is refused
 * (ATRIUM_ERR_DICOMDIR_INVALID naming the offset): the tree would be a guess. A truncated file is
 * ATRIUM_ERR_PARSE_TRUNCATED, saying where its data ends.
 * The item offsets are those of the file's own bytes: the parse keeps every element raw, so
 * each item is measured as it was written.
 */
export function readDicomdir(path: string): FileSet {
  const bytes = new Uint8Array(readFileSync(path));
  const invalid = (why: string, found?: string): never => {
    throw new AtriumError('ATRIUM_ERR_DICOMDIR_INVALID', `${path}: ${why}`, { path, ...(found === undefined ? {} : { found }) });
  };
  const file = parseOrSay(path, bytes, invalid);
  const sopClass = file.meta?.string(Tag.MediaStorageSOPClassUID);
  if (sopClass !== MEDIA_STORAGE_DIRECTORY_SOP_CLASS) {
    const found = sopClass === undefined ? 'a DICOM data set without File Meta Information' : `a DICOM file of ${sopClassName(sopClass) ?? 'SOP Class'} ${sopClass}`;
    invalid(`not a DICOMDIR: ${found} (a DICOMDIR's Media Storage SOP Class is Media Storage Directory Storage, ${MEDIA_STORAGE_DIRECTORY_SOP_CLASS})`, found);
  }
  if (file.transferSyntax.deflated) invalid('a deflated DICOMDIR has no byte offsets to follow');
  const byOffset = itemOffsets(file.dataset, bytes.length - file.datasetBytes.length, invalid);
  const ds = file.dataset;
  const seen = new Set<number>();
  const entity = (first: number, where: string): DirectoryRecord[] => {
    const records: DirectoryRecord[] = [];
    for (let at = first; at !== 0; ) {
      const item = byOffset.get(at) ?? invalid(`${where} names the offset ${at}, where no directory record starts`);
      if (seen.has(at)) invalid(`the directory record at offset ${at} is reached twice (the offsets loop)`);
      seen.add(at);
      const r = item.dataset;
      const next = r.number(Tag.OffsetOfTheNextDirectoryRecord) ?? 0;
      const lower = r.number(Tag.OffsetOfReferencedLowerLevelDirectoryEntity) ?? 0;
      if (r.number(Tag.RecordInUseFlag) !== 0) {
        records.push({
          type: r.string(Tag.DirectoryRecordType)?.trim() ?? invalid(`the directory record at offset ${at} has no Directory Record Type`),
          elements: r.elements.filter((e) => e.tag >>> 16 !== 0x0004 || (e.tag >= Tag.ReferencedFileID && e.tag !== Tag.MRDRDirectoryRecordOffset)),
          children: entity(lower, `the record at offset ${at}`),
        });
      }
      at = next;
    }
    return records;
  };
  return {
    id: ds.string(Tag.FileSetID)?.trim() ?? '',
    uid: file.meta?.string(Tag.MediaStorageSOPInstanceUID) ?? '',
    roots: entity(ds.number(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity) ?? 0, 'the root directory entity'),
  };
}

/**
 * The file parsed as DICOM; one that cannot be is refused saying what it is instead: a truncated
 * DICOM file keeps the parser's ATRIUM_ERR_PARSE_TRUNCATED (where its data ends), anything else
 * is not a DICOMDIR.
 */
function parseOrSay(path: string, bytes: Uint8Array, invalid: (why: string, found: string) => never): ReturnType<typeof parseDicom> {
  try {
    return parseDicom(bytes);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    const { truncated, found } = describeUnparsed(bytes, e);
    if (truncated) throw new AtriumError('ATRIUM_ERR_PARSE_TRUNCATED', `${path}: ${found}`, { ...e.details, path, found, size: bytes.length }, { cause: e });
    return invalid(`not a DICOMDIR: ${found}`, found);
  }
}

/** The byte offset in the file of every item of the Directory Record Sequence. */
function itemOffsets(ds: DataSet, datasetStart: number, invalid: (why: string) => never): Map<number, SequenceItem> {
  const index = ds.elements.findIndex((e) => e.tag === Tag.DirectoryRecordSequence);
  const sequence = ds.elements[index];
  if (sequence === undefined) return new Map();
  if (!sequence.items) invalid('the Directory Record Sequence holds no items');
  const before = writeDataset(new DataSet(ds.elements.slice(0, index), ds.encoding)).length;
  let at = datasetStart + before + (ds.encoding.explicitVR ? 12 : 8);
  const out = new Map<number, SequenceItem>();
  for (const item of sequence.items!) {
    out.set(at, item);
    at += ITEM_HEADER + writeDataset(item.dataset, ds.encoding).length + (item.undefinedLength ? ITEM_DELIMITATION : 0);
  }
  return out;
}
