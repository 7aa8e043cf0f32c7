import { wadors } from '@cornerstonejs/dicom-image-loader';
import { key, num, nums, str, type JsonAttribute, type JsonDataset } from '../dicomweb/dicom-json';
import { DICOMWEB_ROOT, getJson, getParts } from '../dicomweb/dicomweb-client';
import { Tag } from '../standard';

/** A series as the viewer shows it: one imageId per frame, in display order, with its instance. */
export interface SeriesImages {
  studyUid: string;
  seriesUid: string;
  imageIds: string[];
  /** The instance each imageId comes from (same index). */
  instanceOf: JsonDataset[];
  /** Instances without pixel data (SR, presentation states ...). */
  documents: JsonDataset[];
  /** True when the series is one or more multi-frame images (cine plays their frames). */
  multiFrame: boolean;
}

const PALETTE_DATA = [Tag.RedPaletteColorLookupTableData, Tag.GreenPaletteColorLookupTableData, Tag.BluePaletteColorLookupTableData];
const PALETTE_DESCRIPTOR = [Tag.RedPaletteColorLookupTableDescriptor, Tag.GreenPaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableDescriptor];

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** LUT entries from OW bytes: 16-bit little-endian words, or one byte each when 8-bit entries fill the bytes exactly. */
function lutEntries(bytes: Uint8Array, descriptor: number[]): number[] {
  const count = descriptor[0] === 0 ? 65536 : descriptor[0];
  if (descriptor[2] === 8 && bytes.length === count) return Array.from(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) out.push(view.getUint16(i, true));
  return out;
}

/**
 * cornerstone reads palette colour LUT data from `Value` only: a server sends it as InlineBinary or
 * as a BulkDataURI (PS3.18 Annex F.2.6–F.2.7). Resolve both into `Value` before the loader sees it.
 */
async function resolvePaletteLuts(ds: JsonDataset): Promise<void> {
  await Promise.all(
    PALETTE_DATA.map(async (tag, i) => {
      const attr: JsonAttribute | undefined = ds[key(tag)];
      if (!attr || attr.Value) return;
      let bytes: Uint8Array | undefined;
      if (attr.InlineBinary) bytes = base64Bytes(attr.InlineBinary);
      else if (attr.BulkDataURI) bytes = (await getParts(attr.BulkDataURI, 'multipart/related; type="application/octet-stream"'))[0]?.body;
      if (bytes) ds[key(tag)] = { vr: 'US', Value: lutEntries(bytes, nums(ds, PALETTE_DESCRIPTOR[i])) };
    }),
  );
}

/** Sort along the slice normal when every image has one orientation and a position; else by Instance Number. */
function sortInstances(images: JsonDataset[]): JsonDataset[] {
  const iop = nums(images[0], Tag.ImageOrientationPatient);
  const sameOrientation = iop.length === 6 && images.every((ds) => nums(ds, Tag.ImageOrientationPatient).every((v, i) => Math.abs(v - iop[i]) < 1e-4));
  const byNumber = (a: JsonDataset, b: JsonDataset) => (num(a, Tag.InstanceNumber) ?? 0) - (num(b, Tag.InstanceNumber) ?? 0);
  if (!sameOrientation || !images.every((ds) => nums(ds, Tag.ImagePositionPatient).length === 3)) return [...images].sort(byNumber);
  const n = [iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]];
  const along = (ds: JsonDataset) => nums(ds, Tag.ImagePositionPatient).reduce((s, v, i) => s + v * n[i], 0);
  // Descending along the normal: for axial CT, head first (the radiological convention).
  return [...images].sort((a, b) => along(b) - along(a) || byNumber(a, b));
}

/** Read a series' metadata (WADO-RS), register it with the image loader and list its frames in display order. */
export async function loadSeriesImages(studyUid: string, seriesUid: string): Promise<SeriesImages> {
  const base = `/studies/${encodeURIComponent(studyUid)}/series/${encodeURIComponent(seriesUid)}`;
  const instances = await getJson(`${base}/metadata`);
  const images = instances.filter((ds) => ds[key(Tag.Rows)] && ds[key(Tag.BitsAllocated)]);
  const documents = instances.filter((ds) => !images.includes(ds));
  await Promise.all(images.map(resolvePaletteLuts));
  const imageIds: string[] = [];
  const instanceOf: JsonDataset[] = [];
  let multiFrame = false;
  for (const ds of sortInstances(images)) {
    const frames = Math.max(1, num(ds, Tag.NumberOfFrames) ?? 1);
    if (frames > 1) multiFrame = true;
    for (let f = 1; f <= frames; f++) {
      const imageId = `wadors:${DICOMWEB_ROOT}${base}/instances/${encodeURIComponent(str(ds, Tag.SOPInstanceUID))}/frames/${f}`;
      wadors.metaDataManager.add(imageId, ds as never);
      imageIds.push(imageId);
      instanceOf.push(ds);
    }
  }
  return { studyUid, seriesUid, imageIds, instanceOf, documents, multiFrame };
}
