/** Test-only: turn `pydicom-peer.py` dumps into pixel-layer inputs and reference arrays. */
import { readFileSync } from 'node:fs';
import type { PixelArray, PixelDataSource, PixelDescription } from '../pixel-types.js';
import { pydicom } from './peer-tools.js';

interface SourceDump {
  transferSyntaxUID: string;
  Rows: number;
  Columns: number;
  SamplesPerPixel: number;
  BitsAllocated: number;
  BitsStored: number;
  HighBit: number;
  PixelRepresentation: number;
  PhotometricInterpretation: string;
  PlanarConfiguration?: number;
  NumberOfFrames?: number;
  RescaleSlope?: number;
  RescaleIntercept?: number;
  fragments?: string[];
  basicOffsetTable?: number[];
  native?: string;
  bigEndian?: boolean;
  vr?: 'OB' | 'OW';
}

/** A file's pixel description and Pixel Data as pydicom reads them. */
export interface LoadedPixels {
  desc: PixelDescription;
  source: PixelDataSource;
}

/** Reads pixel inputs from DICOM files with pydicom (one Python process for all). */
export function loadPixels(files: readonly { path: string; dir: string }[]): LoadedPixels[] {
  const dumps = pydicom<SourceDump>(files.map((f) => ({ mode: 'source', path: f.path, out: f.dir })));
  return dumps.map((d) => {
    const desc: PixelDescription = {
      transferSyntaxUID: d.transferSyntaxUID,
      rows: d.Rows,
      columns: d.Columns,
      samplesPerPixel: d.SamplesPerPixel,
      bitsAllocated: d.BitsAllocated,
      bitsStored: d.BitsStored,
      highBit: d.HighBit,
      pixelRepresentation: d.PixelRepresentation === 1 ? 1 : 0,
      photometricInterpretation: d.PhotometricInterpretation,
      numberOfFrames: d.NumberOfFrames ?? 1,
      ...(d.PlanarConfiguration !== undefined ? { planarConfiguration: d.PlanarConfiguration === 1 ? 1 : 0 } : {}),
      ...(d.RescaleSlope !== undefined ? { rescaleSlope: d.RescaleSlope } : {}),
      ...(d.RescaleIntercept !== undefined ? { rescaleIntercept: d.RescaleIntercept } : {}),
    };
    const source: PixelDataSource = d.native
      ? { kind: 'native', bytes: new Uint8Array(readFileSync(d.native)), bigEndian: d.bigEndian ?? false, vr: d.vr ?? 'OW' }
      : {
          kind: 'encapsulated',
          fragments: (d.fragments ?? []).map((f) => new Uint8Array(readFileSync(f))),
          basicOffsetTable: d.basicOffsetTable ?? [],
        };
    return { desc, source };
  });
}

/** pydicom's `pixel_array` of a native file (see `pydicom-peer.py`), split into frames. */
export interface Reference {
  frames: PixelArray[];
  dtype: string;
  photometricInterpretation: string;
  /** True when masking/sign extension from Bits Stored changed pydicom's values. */
  normalized: boolean;
}

const ARRAYS: Record<string, new (b: ArrayBuffer) => PixelArray> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

/** References for native files; `color: 'RGB'` applies pydicom's `convert_color_space`, `modality` its `apply_modality_lut`. */
export function loadReferences(files: readonly { path: string; out: string; color?: 'RGB'; modality?: boolean }[]): Reference[] {
  const results = pydicom<{ dtype: string; shape: number[]; normalized: boolean; photometricInterpretation: string; frames: number }>(
    files.map((f) => ({ mode: 'reference', path: f.path, out: f.out, ...(f.color ? { color: f.color } : {}), ...(f.modality ? { modality: true } : {}) })),
  );
  return results.map((r, i) => {
    const Ctor = ARRAYS[r.dtype];
    if (!Ctor) throw new Error(`Unexpected dtype ${r.dtype}`);
    const bytes = readFileSync(files[i]!.out);
    const all = new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const per = all.length / r.frames;
    const frames = Array.from({ length: r.frames }, (_, k) => all.subarray(k * per, (k + 1) * per) as PixelArray);
    return { frames, dtype: r.dtype, photometricInterpretation: r.photometricInterpretation, normalized: r.normalized };
  });
}
