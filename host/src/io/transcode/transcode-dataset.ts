import { deflateRawSync } from 'node:zlib';
import type { DataElement } from '../data-element.js';
import type { DataSet } from '../data-set.js';
import type { DicomFile } from '../parse-part10.js';
import { codecFor } from '../pixels/codecs/codec-registry.js';
import { PixelTransferSyntax as TS, isNativePixelSyntax } from '../pixels/transfer-syntax-uids.js';
import { EXPLICIT_LE, IMPLICIT_LE } from '../transfer-syntax.js';
import { writeDataset } from '../write-dataset.js';
import { decodePixelData } from './decode-pixel-data.js';
import { encodePixelData } from './encode-pixel-data.js';
import { explicitElements } from './explicit-elements.js';
import { recalculateGroupLengths } from './group-lengths.js';
import { transcodeError, transcodeUnsupported } from './transcode-error.js';

/** Native syntaxes we write (Explicit VR Big Endian is read only). */
const NATIVE_TARGETS = new Set<string>([TS.ImplicitVRLittleEndian, TS.ExplicitVRLittleEndian, TS.DeflatedExplicitVRLittleEndian]);

function readable(uid: string): boolean {
  return isNativePixelSyntax(uid) || codecFor(uid) !== undefined;
}

function encodable(uid: string): boolean {
  return codecFor(uid)?.encodableUIDs?.includes(uid) ?? false;
}

/** Whether {@link transcodeDataset} can turn `fromTs` into `toTs` (for choosing a presentation context). */
export function canTranscode(fromTs: string, toTs: string): boolean {
  if (fromTs === toTs) return true;
  return readable(fromTs) && (NATIVE_TARGETS.has(toTs) || encodable(toTs));
}

/**
 * The data set of `file` (no File Meta) encoded in `toTs`, as bytes ready to send in a C-STORE.
 * Same transfer syntax → the stored data set bytes unchanged (deflated: the stored data set
 * deflated again, since a parsed file keeps only the inflated bytes). Otherwise elements
 * are kept byte-exact where the encoding allows (re-encoded recursively for Implicit VR /
 * Big Endian sources), encapsulated Pixel Data is decoded frame by frame to native, and native
 * Pixel Data is compressed with our lossless encoders (RLE, JPEG-LS, JPEG 2000, JPEG Lossless
 * SV1); Group Length elements are recomputed.
 * @throws AtriumError ATRIUM_ERR_TRANSCODE_UNSUPPORTED (naming from/to), ATRIUM_ERR_TRANSCODE_FAILED (decoder error, with the cause)
 */
export async function transcodeDataset(file: DicomFile, toTs: string): Promise<Uint8Array> {
  const from = file.transferSyntax;
  if (file.stoppedAtPixelData) throw transcodeUnsupported(from.uid, toTs, 'the file was parsed header-only (no Pixel Data)');
  if (from.uid === toTs) {
    const stored = file.datasetBytes.subarray(0, file.datasetBytes.length - file.trailing.length);
    return from.deflated ? deflated(stored) : stored;
  }
  if (!canTranscode(from.uid, toTs)) {
    throw transcodeUnsupported(from.uid, toTs, readable(from.uid) ? 'writing this transfer syntax is not supported' : 'reading this transfer syntax is not supported');
  }
  try {
    let ds = explicitElements(file.dataset, from);
    if (nestedEncapsulated(ds.elements)) throw transcodeUnsupported(from.uid, toTs, 'a sequence item holds encapsulated Pixel Data');
    if (from.encapsulated) ds = await decodePixelData(ds, from.uid);
    if (!NATIVE_TARGETS.has(toTs)) ds = await encodePixelData(ds, toTs);
    const enc = toTs === TS.ImplicitVRLittleEndian ? IMPLICIT_LE : EXPLICIT_LE;
    const bytes = writeDataset(recalculateGroupLengths(ds, enc), enc);
    return toTs === TS.DeflatedExplicitVRLittleEndian ? deflated(bytes) : bytes;
  } catch (e) {
    throw transcodeError(e, from.uid, toTs);
  }
}

function deflated(bytes: Uint8Array): Uint8Array {
  const out = deflateRawSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function nestedEncapsulated(elements: readonly DataElement[]): boolean {
  const inItems = (ds: DataSet): boolean => ds.elements.some((e) => e.encapsulated !== undefined || (e.items?.some((it) => inItems(it.dataset)) ?? false));
  return elements.some((e) => e.items?.some((it) => inItems(it.dataset)) ?? false);
}
