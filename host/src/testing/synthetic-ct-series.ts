import { SopClass, Tag, TransferSyntax } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../io/element-factory.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { DICM, buildFileMeta } from '../io/write-part10.js';
import { concatBytes } from '../io/concat-bytes.js';
import { writeDataset } from '../io/write-dataset.js';
import { ctPhantom } from './ct-phantom.js';
import { syntheticUid } from './synthetic-uid.js';

/** Options of {@link syntheticCtSeries}; everything but `slices` has a default. */
export interface SyntheticCtSeriesOptions {
  /** Number of slices (files), ≥ 1. */
  readonly slices: number;
  /** Rows (0028,0010); default 512. */
  readonly rows?: number;
  /** Columns (0028,0011); default 512. */
  readonly columns?: number;
  /** Pixel Spacing (0028,0030), both directions, mm; default 350 mm / columns. */
  readonly pixelSpacing?: number;
  /** Slice Thickness (0018,0050), mm; default 1.25. */
  readonly sliceThickness?: number;
  /** Distance between slice centres along z, mm; default the slice thickness. */
  readonly spacing?: number;
  /** Pixel Representation (0028,0103): 0 unsigned (Bits Stored 12, default) or 1 signed (Bits Stored 16). */
  readonly pixelRepresentation?: 0 | 1;
  /** Seed of every derived UID; default 1. Same options, same bytes. */
  readonly seed?: number;
  readonly patientName?: string;
  readonly patientID?: string;
  /** YYYYMMDD; default 19700101. */
  readonly patientBirthDate?: string;
  /** M, F or O; default O. */
  readonly patientSex?: string;
  /** Default: derived from the seed. */
  readonly studyInstanceUID?: string;
  /** Default: derived from the seed. */
  readonly seriesInstanceUID?: string;
  /** Default: derived from the seed. */
  readonly frameOfReferenceUID?: string;
  /** YYYYMMDD; default 20240102. */
  readonly studyDate?: string;
  /** HHMMSS; default 093000. */
  readonly studyTime?: string;
  readonly accessionNumber?: string;
  readonly studyDescription?: string;
  readonly seriesDescription?: string;
  /** Series Number (0020,0011); default 1. */
  readonly seriesNumber?: number;
  /** Body Part Examined (0018,0015); default ABDOMEN. */
  readonly bodyPartExamined?: string;
  /** Protocol Name (0018,1030); default SYNTHETIC PHANTOM. */
  readonly protocolName?: string;
  /** What the slices show; default the {@link ctPhantom} scaled to the field of view. */
  readonly phantom?: SlicePhantom;
}

/** Anything that paints an axial slice in HU, like {@link CtPhantom.slice}; `index` counts slices from 0. */
export interface SlicePhantom {
  slice(z: number, grid: { readonly x0: number; readonly y0: number; readonly spacing: number; readonly rows: number; readonly columns: number }, index: number): Int16Array;
}

/** Rescale Intercept (0028,1052) of every synthetic slice: stored value = HU + 1024. */
export const SYNTHETIC_CT_RESCALE_INTERCEPT = -1024;

/**
 * A synthetic CT series: one CT Image Storage Part 10 file (Explicit VR Little Endian) per
 * slice, carrying every Type 1 and Type 2 attribute of the mandatory modules of the CT
 * Image IOD (PS3.3 A.3) plus the required Type 2C ones (Patient Position, Content
 * Date/Time). Geometry: axial slices (Image Orientation (Patient) 1\0\0\0\1\0), centred
 * on x = y = 0, Image Position (Patient) z = -k·spacing for slice k, Slice Location = z.
 * Pixels: `options.phantom`, by default the analytic phantom of {@link ctPhantom}, sampled at pixel centres, in HU with
 * Rescale Slope 1 / Intercept -1024. Deterministic: UIDs come from {@link syntheticUid}
 * of the seed, and equal options give byte-identical files.
 */
export function syntheticCtSeries(options: SyntheticCtSeriesOptions): Uint8Array[] {
  const o = withDefaults(options);
  const charset = [o.patientName, o.patientID, o.studyDescription, o.seriesDescription, o.accessionNumber].some((t) => /[^\x20-\x7e]/.test(t)) ? ['ISO_IR 192'] : [];
  const pixelSpacing = dsNumber(o.pixelSpacing);
  const x0 = dsNumber((-(o.columns - 1) * pixelSpacing) / 2);
  const y0 = dsNumber((-(o.rows - 1) * pixelSpacing) / 2);
  const phantom: SlicePhantom = options.phantom ?? ctPhantom(Math.min(o.rows, o.columns) * pixelSpacing, (-(o.slices - 1) * o.spacing) / 2);
  const common = seriesElements(o, charset, pixelSpacing);
  const files: Uint8Array[] = [];
  for (let k = 0; k < o.slices; k++) {
    const z = dsNumber(-k * o.spacing);
    const hu = phantom.slice(z, { x0, y0, spacing: pixelSpacing, rows: o.rows, columns: o.columns }, k);
    const text = (tag: number, vr: string, v: string | readonly string[]): DataElement => stringElement(tag, vr, v, charset);
    const elements = [
      ...common,
      text(Tag.SOPInstanceUID, 'UI', syntheticUid(o.seed, 'ct-instance', k)),
      text(Tag.InstanceNumber, 'IS', String(k + 1)),
      text(Tag.ImagePositionPatient, 'DS', [ds(x0), ds(y0), ds(z)]),
      text(Tag.SliceLocation, 'DS', ds(z)),
      bytesElement(Tag.PixelData, 'OW', storedPixels(hu, o.pixelRepresentation === 1)),
    ].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
    const dataset = new DataSet(elements, EXPLICIT_LE, charset);
    files.push(concatBytes([new Uint8Array(128), DICM, writeDataset(buildFileMeta(dataset, TransferSyntax.ExplicitVRLittleEndian)), writeDataset(dataset, EXPLICIT_LE)]));
  }
  return files;
}

/** Slice values in HU as stored pixels (HU − Rescale Intercept), 16-bit little endian. */
function storedPixels(hu: Int16Array, signed: boolean): Uint8Array {
  const pixels = new Uint8Array(hu.length * 2);
  const view = new DataView(pixels.buffer);
  for (let i = 0; i < hu.length; i++) {
    const stored = hu[i]! - SYNTHETIC_CT_RESCALE_INTERCEPT;
    if (signed) view.setInt16(i * 2, stored, true);
    else view.setUint16(i * 2, stored, true);
  }
  return pixels;
}

/** The elements every slice of the series shares: patient, study, series, equipment, frame of reference, image pixel description. */
function seriesElements(o: Resolved, charset: readonly string[], pixelSpacing: number): DataElement[] {
  const bitsStored = o.pixelRepresentation === 1 ? 16 : 12;
  const text = (tag: number, vr: string, v: string | readonly string[]): DataElement => stringElement(tag, vr, v, charset);
  const us = (tag: number, v: number): DataElement => numberElement(tag, 'US', [v], EXPLICIT_LE);
  return [
    ...(charset.length > 0 ? [text(Tag.SpecificCharacterSet, 'CS', charset)] : []),
    text(Tag.ImageType, 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    text(Tag.SOPClassUID, 'UI', SopClass.CTImageStorage),
    text(Tag.StudyDate, 'DA', o.studyDate),
    text(Tag.SeriesDate, 'DA', o.studyDate),
    text(Tag.AcquisitionDate, 'DA', o.studyDate),
    text(Tag.ContentDate, 'DA', o.studyDate),
    text(Tag.StudyTime, 'TM', o.studyTime),
    text(Tag.SeriesTime, 'TM', o.studyTime),
    text(Tag.AcquisitionTime, 'TM', o.studyTime),
    text(Tag.ContentTime, 'TM', o.studyTime),
    text(Tag.AccessionNumber, 'SH', o.accessionNumber),
    text(Tag.Modality, 'CS', 'CT'),
    text(Tag.Manufacturer, 'LO', 'Atrium'),
    text(Tag.ReferringPhysicianName, 'PN', ''),
    text(Tag.StudyDescription, 'LO', o.studyDescription),
    text(Tag.SeriesDescription, 'LO', o.seriesDescription),
    text(Tag.ManufacturerModelName, 'LO', 'syntheticCtSeries'),
    text(Tag.PatientName, 'PN', o.patientName),
    text(Tag.PatientID, 'LO', o.patientID),
    text(Tag.PatientBirthDate, 'DA', o.patientBirthDate),
    text(Tag.PatientSex, 'CS', o.patientSex),
    text(Tag.SliceThickness, 'DS', ds(o.sliceThickness)),
    text(Tag.KVP, 'DS', '120'),
    text(Tag.BodyPartExamined, 'CS', o.bodyPartExamined),
    text(Tag.ProtocolName, 'LO', o.protocolName),
    text(Tag.XRayTubeCurrent, 'IS', '200'),
    text(Tag.ConvolutionKernel, 'SH', 'STANDARD'),
    text(Tag.PatientPosition, 'CS', 'HFS'),
    text(Tag.StudyInstanceUID, 'UI', o.studyInstanceUID),
    text(Tag.SeriesInstanceUID, 'UI', o.seriesInstanceUID),
    text(Tag.StudyID, 'SH', '1'),
    text(Tag.SeriesNumber, 'IS', String(o.seriesNumber)),
    text(Tag.AcquisitionNumber, 'IS', '1'),
    text(Tag.ImageOrientationPatient, 'DS', ['1', '0', '0', '0', '1', '0']),
    text(Tag.FrameOfReferenceUID, 'UI', o.frameOfReferenceUID),
    text(Tag.PositionReferenceIndicator, 'LO', ''),
    us(Tag.SamplesPerPixel, 1),
    text(Tag.PhotometricInterpretation, 'CS', 'MONOCHROME2'),
    us(Tag.Rows, o.rows),
    us(Tag.Columns, o.columns),
    text(Tag.PixelSpacing, 'DS', [ds(pixelSpacing), ds(pixelSpacing)]),
    us(Tag.BitsAllocated, 16),
    us(Tag.BitsStored, bitsStored),
    us(Tag.HighBit, bitsStored - 1),
    us(Tag.PixelRepresentation, o.pixelRepresentation),
    text(Tag.WindowCenter, 'DS', '40'),
    text(Tag.WindowWidth, 'DS', '400'),
    text(Tag.RescaleIntercept, 'DS', String(SYNTHETIC_CT_RESCALE_INTERCEPT)),
    text(Tag.RescaleSlope, 'DS', '1'),
    text(Tag.RescaleType, 'LO', 'HU'),
  ];
}

type Resolved = Required<Omit<SyntheticCtSeriesOptions, 'phantom'>>;

function withDefaults(options: SyntheticCtSeriesOptions): Resolved {
  const { slices } = options;
  const rows = options.rows ?? 512;
  const columns = options.columns ?? 512;
  for (const [name, v, max] of [['slices', slices, 1e6], ['rows', rows, 0xffff], ['columns', columns, 0xffff]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > max) throw new RangeError(`syntheticCtSeries: ${name} must be a whole number from 1 to ${max}, got ${v}`);
  }
  const seed = options.seed ?? 1;
  const sliceThickness = options.sliceThickness ?? 1.25;
  const resolved: Resolved = {
    slices,
    rows,
    columns,
    pixelSpacing: options.pixelSpacing ?? 350 / columns,
    sliceThickness,
    spacing: options.spacing ?? sliceThickness,
    pixelRepresentation: options.pixelRepresentation ?? 0,
    seed,
    patientName: options.patientName ?? 'Synthetic^Phantom',
    patientID: options.patientID ?? `SYNTH-${seed}`,
    patientBirthDate: options.patientBirthDate ?? '19700101',
    patientSex: options.patientSex ?? 'O',
    studyInstanceUID: options.studyInstanceUID ?? syntheticUid(seed, 'ct-study'),
    seriesInstanceUID: options.seriesInstanceUID ?? syntheticUid(seed, 'ct-series'),
    frameOfReferenceUID: options.frameOfReferenceUID ?? syntheticUid(seed, 'ct-frame-of-reference'),
    studyDate: options.studyDate ?? '20240102',
    studyTime: options.studyTime ?? '093000',
    accessionNumber: options.accessionNumber ?? '',
    studyDescription: options.studyDescription ?? 'Synthetic CT phantom',
    seriesDescription: options.seriesDescription ?? `Axial ${sliceThickness} mm`,
    seriesNumber: options.seriesNumber ?? 1,
    bodyPartExamined: options.bodyPartExamined ?? 'ABDOMEN',
    protocolName: options.protocolName ?? 'SYNTHETIC PHANTOM',
  };
  for (const [name, v] of [['pixelSpacing', resolved.pixelSpacing], ['sliceThickness', resolved.sliceThickness], ['spacing', resolved.spacing]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`syntheticCtSeries: ${name} must be a positive number of mm, got ${v}`);
  }
  return resolved;
}

/** A number as a Decimal String value (PS3.5 §6.2: at most 16 characters). */
function ds(v: number): string {
  let s = String(v === 0 ? 0 : v);
  for (let precision = 15; s.length > 16 && precision > 0; precision--) s = String(Number(v.toPrecision(precision)));
  return s;
}

/** The number a reader gets back from the Decimal String of `v`. */
function dsNumber(v: number): number {
  return Number(ds(v));
}
