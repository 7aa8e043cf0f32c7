import { lookupKeyword, SopClass, TransferSyntax, type DicomValue, type SourceSeries } from '@atrium/sdk';
import {
  bytesElement, DataSet, elementFromValue, EXPLICIT_LE, parseDicom, SourceInstanceImpl, sourceSeriesOf, transferSyntaxInfo, writePart10, type DataElement,
} from '@atrium/host/engine';
import { seriesUid } from './series-uid.js';

/** Stored pixel values of one frame, row by row (RGB: pixel-interleaved R, G, B). */
export type PixelArray = Uint8Array | Uint16Array | Int16Array;

/** What {@link testSeries} builds. Only `rows`, `columns` and `images` are required. */
export interface TestSeriesOptions {
  /** Rows (0028,0010) of every image. */
  readonly rows: number;
  /** Columns (0028,0011) of every image. */
  readonly columns: number;
  /**
   * One entry per instance: its pixels (one frame), or a list of frames. The values are stored as
   * given: Uint8Array as 8 bits, Uint16Array as 16 bits unsigned, Int16Array as 16 bits signed
   * (for CT, with Rescale Slope 1 and Intercept 0 unless `attributes` say otherwise, so an
   * Int16Array of HU reads back as HU).
   */
  readonly images: readonly (PixelArray | readonly PixelArray[])[];
  /**
   * Modality (0008,0060), default `CT`. It chooses the SOP Class (unless `attributes` give
   * SOPClassUID) and the defaults: CT Image Storage (with an axial stack geometry), MR Image
   * Storage (likewise), otherwise Secondary Capture Image Storage (the multi-frame Secondary
   * Capture IODs for an instance of several frames).
   */
  readonly modality?: string;
  /** Attributes of every instance, by DICOM keyword; they replace the defaults. */
  readonly attributes?: Readonly<Record<string, DicomValue>>;
  /** Attributes of instance `index` (from 0); they replace the others, and `undefined` removes one. */
  readonly instance?: (index: number) => Readonly<Record<string, DicomValue | undefined>>;
  /** Pixel Spacing (mm, both directions) of a CT or MR stack; default 1. */
  readonly pixelSpacing?: number;
  /** Distance between the slices of a CT or MR stack (mm), and their Slice Thickness; default 1. Slice i is at z = i × sliceSpacing. */
  readonly sliceSpacing?: number;
  /** Seed of every UID (Study, Series, Frame of Reference, SOP Instances): the same seed gives the same UIDs, so give each series of a test its own. Default `atrium-testing`. */
  readonly seed?: string;
}

/** A source series as Part 10 files, and the series as an app sees it. */
export interface TestSeries {
  /** One Part 10 file (Explicit VR Little Endian) per instance, in the order of `images`. */
  readonly files: readonly Uint8Array[];
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** The SOP Instance UID of each file. */
  readonly sopInstanceUIDs: readonly string[];
  /**
   * The series exactly as an app's `run` receives it from the host (instances read from the
   * files, sorted along the slice normal, with their geometry): for testing the app's pure
   * helpers on real source instances.
   */
  readonly source: SourceSeries;
}

/**
 * Build a source series from pixel arrays and a few attributes: real DICOM Part 10 files,
 * written by the host's writer, that carry the attributes of their IOD a reader needs (patient,
 * study, series, equipment, image pixel, and for CT and MR the image plane and modality image
 * attributes), with deterministic UIDs. Give them to {@link TestPlugin.run}, or import them into
 * a workstation.
 *
 * @throws RangeError when `rows` / `columns` are not whole numbers from 1 to 65535, an image has
 *   no frame or a frame's length is not rows × columns × samples per pixel, frames of one instance
 *   differ in type, or an attribute is not a DICOM keyword or does not fit its VR.
 */
export function testSeries(options: TestSeriesOptions): TestSeries {
  const { rows, columns } = options;
  for (const [name, v] of [['rows', rows], ['columns', columns]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 0xffff) throw new RangeError(`testSeries: ${name} must be a whole number from 1 to 65535, got ${v}`);
  }
  if (options.images.length === 0) throw new RangeError('testSeries: give at least one image');
  const seed = options.seed ?? 'atrium-testing';
  const modality = options.modality ?? 'CT';
  const studyInstanceUID = seriesUid(seed, 'study');
  const seriesInstanceUID = seriesUid(seed, 'series');
  const files = options.images.map((image, i) => {
    const frames = Array.isArray(image) ? (image as readonly PixelArray[]) : [image as PixelArray];
    const attributes = {
      ...defaultAttributes(modality, frames, options, i),
      StudyInstanceUID: studyInstanceUID,
      SeriesInstanceUID: seriesInstanceUID,
      SOPInstanceUID: seriesUid(seed, 'instance', i),
      ...options.attributes,
      ...options.instance?.(i),
    };
    return part10(attributes, pixelData(frames, rows, columns, attributes, i));
  });
  const instances = files.map((f) => new SourceInstanceImpl(parseDicom(f)));
  return Object.freeze({
    files: Object.freeze(files),
    studyInstanceUID,
    seriesInstanceUID,
    sopInstanceUIDs: Object.freeze(instances.map((i) => i.sopInstanceUID)),
    source: sourceSeriesOf(instances),
  });
}

/** The attributes a reader of the modality's IOD needs, before the caller's. */
function defaultAttributes(modality: string, frames: readonly PixelArray[], o: TestSeriesOptions, i: number): Record<string, DicomValue> {
  const first = frames[0];
  if (!first) throw new RangeError(`testSeries: image ${i} has no frame`);
  const bits = first instanceof Uint8Array ? 8 : 16;
  const common: Record<string, DicomValue> = {
    SOPClassUID: sopClassOf(modality, frames.length, bits, o.attributes),
    Modality: modality,
    PatientName: 'Test^Patient',
    PatientID: 'TEST-1',
    PatientBirthDate: '19700101',
    PatientSex: 'O',
    StudyDate: '20240102',
    StudyTime: '093000',
    StudyID: '1',
    AccessionNumber: '',
    ReferringPhysicianName: '',
    SeriesNumber: 1,
    // an unpaired body part: Laterality (Type 2C on it) then has no place in the series
    BodyPartExamined: 'CHEST',
    InstanceNumber: i + 1,
    Manufacturer: 'Atrium',
    ManufacturerModelName: '@atrium/testing',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: o.rows,
    Columns: o.columns,
    BitsAllocated: bits,
    BitsStored: bits,
    HighBit: bits - 1,
    PixelRepresentation: first instanceof Int16Array ? 1 : 0,
    ...(frames.length > 1 ? { NumberOfFrames: frames.length } : {}),
  };
  if (modality !== 'CT' && modality !== 'MR') return { ...common, ConversionType: 'WSD', PatientOrientation: '' };
  const spacing = o.sliceSpacing ?? 1;
  const stack: Record<string, DicomValue> = {
    ...common,
    FrameOfReferenceUID: seriesUid(o.seed ?? 'atrium-testing', 'frame-of-reference'),
    PositionReferenceIndicator: '',
    PatientPosition: 'HFS',
    AcquisitionNumber: 1,
    ContentDate: '20240102',
    ContentTime: '093000',
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    ImagePositionPatient: [0, 0, i * spacing],
    PixelSpacing: [o.pixelSpacing ?? 1, o.pixelSpacing ?? 1],
    SliceThickness: spacing,
  };
  if (modality === 'CT') return { ...stack, ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'], KVP: 120, RescaleIntercept: 0, RescaleSlope: 1, RescaleType: 'HU' };
  return {
    ...stack, ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'], ScanningSequence: 'SE', SequenceVariant: 'NONE', ScanOptions: '', MRAcquisitionType: '2D',
    RepetitionTime: 500, EchoTime: 20, EchoTrainLength: 1,
  };
}

function sopClassOf(modality: string, frames: number, bits: number, given: Readonly<Record<string, DicomValue>> | undefined): string {
  if (typeof given?.SOPClassUID === 'string') return given.SOPClassUID;
  if (modality === 'CT') return SopClass.CTImageStorage;
  if (modality === 'MR') return SopClass.MRImageStorage;
  if (frames === 1) return SopClass.SecondaryCaptureImageStorage;
  const rgb = given?.PhotometricInterpretation === 'RGB';
  return rgb ? SopClass.MultiFrameTrueColorSecondaryCaptureImageStorage
    : bits === 8 ? SopClass.MultiFrameGrayscaleByteSecondaryCaptureImageStorage : SopClass.MultiFrameGrayscaleWordSecondaryCaptureImageStorage;
}

/** Pixel Data (OB for 8 bits, OW for 16) of the frames, little endian, after checking their sizes. */
function pixelData(frames: readonly PixelArray[], rows: number, columns: number, attributes: Readonly<Record<string, DicomValue | undefined>>, i: number): DataElement {
  const samples = Number(attributes.SamplesPerPixel ?? 1);
  const expected = rows * columns * samples;
  const type = frames[0]!.constructor;
  frames.forEach((f, k) => {
    if (f.constructor !== type) throw new RangeError(`testSeries: the frames of image ${i} must all be ${type.name}s`);
    if (f.length !== expected) throw new RangeError(`testSeries: frame ${k} of image ${i} has ${f.length} values; ${rows} rows × ${columns} columns × ${samples} samples need ${expected}`);
  });
  const bytesPer = frames[0] instanceof Uint8Array ? 1 : 2;
  const out = new Uint8Array(frames.length * expected * bytesPer + ((frames.length * expected * bytesPer) % 2));
  const view = new DataView(out.buffer);
  frames.forEach((f, k) => {
    const base = k * expected;
    for (let j = 0; j < f.length; j++) {
      if (bytesPer === 1) out[base + j] = f[j]!;
      else if (f instanceof Int16Array) view.setInt16((base + j) * 2, f[j]!, true);
      else view.setUint16((base + j) * 2, f[j]!, true);
    }
  });
  return bytesElement(lookupKeyword('PixelData')!.tag, bytesPer === 1 ? 'OB' : 'OW', out);
}

/** The Part 10 file of the attributes (undefined ones left out) and the pixels, with generated File Meta. */
function part10(attributes: Readonly<Record<string, DicomValue | undefined>>, pixels: DataElement): Uint8Array {
  const texts = Object.values(attributes).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
  const characterSet = texts.some((t) => /[^\x20-\x7e]/.test(t)) ? ['ISO_IR 192'] : [];
  const elements: DataElement[] = [pixels];
  if (characterSet.length > 0) elements.push(elementFromValue('SpecificCharacterSet', characterSet[0]!, []));
  for (const [keyword, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    try {
      elements.push(elementFromValue(keyword, value, characterSet));
    } catch (e) {
      throw new RangeError(`testSeries: attribute ${keyword}: ${(e as Error).message}`);
    }
  }
  elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const dataset = new DataSet(elements, EXPLICIT_LE, characterSet);
  return writePart10({
    hasPrefix: true, dataset, transferSyntax: transferSyntaxInfo(TransferSyntax.ExplicitVRLittleEndian), transferSyntaxDetected: false,
    trailing: new Uint8Array(0), stoppedAtPixelData: false, datasetBytes: new Uint8Array(0),
  });
}
