import { deflateRawSync } from 'node:zlib';
import { Tag } from '@atrium/sdk';
import { DataSet } from './data-set.js';
import type { DicomFile } from './parse-part10.js';
import { writeDataset } from './write-dataset.js';
import { bytesElement, numberElement, stringElement } from './element-factory.js';
import { implementationClassUid, IMPLEMENTATION_VERSION_NAME } from './implementation.js';
import { EXPLICIT_LE } from './transfer-syntax.js';
import { AtriumError } from '../errors/atrium-error.js';
import { concatBytes } from './concat-bytes.js';

/**
 * Write a parsed file back. An unchanged file (same meta, dataset, preamble, trailing
 * bytes) comes out byte-identical; for deflated syntaxes the inflated dataset is
 * identical and the deflate stream is produced anew. A file without meta gets one
 * generated ({@link buildFileMeta}), with the preamble of zeros (PS3.10 §7.1).
 */
export function writePart10(file: DicomFile): Uint8Array {
  if (file.stoppedAtPixelData) {
    throw new AtriumError('ATRIUM_ERR_WRITE_PARTIAL', 'a header-only parse cannot be written back: the Pixel Data was not read');
  }
  const parts: Uint8Array[] = [];
  if (file.meta) {
    if (file.preamble) parts.push(file.preamble);
    if (file.hasPrefix) parts.push(DICM);
    parts.push(writeDataset(file.meta));
  } else {
    parts.push(new Uint8Array(128), DICM, writeDataset(buildFileMeta(file.dataset, file.transferSyntax.uid)));
  }
  let body = writeDataset(file.dataset, file.transferSyntax);
  if (file.trailing.length > 0) body = concatBytes([body, file.trailing]);
  parts.push(file.transferSyntax.deflated ? deflateRawSync(body) : body);
  return concatBytes(parts);
}

/** The "DICM" prefix after the preamble (PS3.10 §7.1). */
export const DICM = new Uint8Array([0x44, 0x49, 0x43, 0x4d]);

/**
 * Build File Meta Information (PS3.10 §7.1) for a dataset: version 00\01, media storage
 * SOP class/instance from the dataset, the transfer syntax, our implementation UID (under the
 * organisation `uidRoot` when one is given, see implementationClassUid).
 */
export function buildFileMeta(ds: DataSet, transferSyntaxUID: string, sourceAET?: string, uidRoot?: string): DataSet {
  const sopClass = ds.string(Tag.SOPClassUID);
  const sopInstance = ds.string(Tag.SOPInstanceUID);
  if (!sopClass || !sopInstance) {
    throw new AtriumError('ATRIUM_ERR_WRITE_NO_SOP', 'File Meta needs SOP Class UID (0008,0016) and SOP Instance UID (0008,0018)');
  }
  const rest = [
    bytesElement(Tag.FileMetaInformationVersion, 'OB', new Uint8Array([0, 1])),
    stringElement(Tag.MediaStorageSOPClassUID, 'UI', sopClass),
    stringElement(Tag.MediaStorageSOPInstanceUID, 'UI', sopInstance),
    stringElement(Tag.TransferSyntaxUID, 'UI', transferSyntaxUID),
    stringElement(Tag.ImplementationClassUID, 'UI', implementationClassUid(uidRoot)),
    stringElement(Tag.ImplementationVersionName, 'SH', IMPLEMENTATION_VERSION_NAME),
    ...(sourceAET ? [stringElement(Tag.SourceApplicationEntityTitle, 'AE', sourceAET)] : []),
  ];
  const length = writeDataset(new DataSet(rest, EXPLICIT_LE), EXPLICIT_LE).length;
  return new DataSet([numberElement(Tag.FileMetaInformationGroupLength, 'UL', [length], EXPLICIT_LE), ...rest], EXPLICIT_LE);
}
