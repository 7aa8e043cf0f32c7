import { nums, type JsonDataset } from '../dicomweb/dicom-json';
import { Tag } from '../standard';

/** The plane of one image in patient coordinates (PS3.3 C.7.6.2.1.1): pixel (column, row) ↔ LPS mm. */
export interface ImagePlane {
  origin: number[];
  rowCosines: number[];
  columnCosines: number[];
  /** Pixel Spacing: [between rows, between columns] in mm. */
  spacing: [number, number];
}

/** The image plane of a data set, or undefined when it has no Image Position / Orientation / Pixel Spacing. */
export function imagePlane(ds: JsonDataset | undefined): ImagePlane | undefined {
  const ipp = nums(ds, Tag.ImagePositionPatient);
  const iop = nums(ds, Tag.ImageOrientationPatient);
  const ps = nums(ds, Tag.PixelSpacing);
  if (ipp.length !== 3 || iop.length !== 6 || ps.length !== 2) return undefined;
  return { origin: ipp, rowCosines: iop.slice(0, 3), columnCosines: iop.slice(3), spacing: [ps[0], ps[1]] };
}

/** The patient position (mm) of the centre of pixel (column, row). */
export function pixelToPatient(p: ImagePlane, column: number, row: number): [number, number, number] {
  return [0, 1, 2].map((i) => p.origin[i] + column * p.spacing[1] * p.rowCosines[i] + row * p.spacing[0] * p.columnCosines[i]) as [number, number, number];
}

/** The (fractional) pixel (column, row) of a patient position projected onto the image plane. */
export function patientToPixel(p: ImagePlane, at: readonly number[]): [number, number] {
  const d = [0, 1, 2].map((i) => at[i] - p.origin[i]);
  const dot = (a: number[]) => a[0] * d[0] + a[1] * d[1] + a[2] * d[2];
  return [dot(p.rowCosines) / p.spacing[1], dot(p.columnCosines) / p.spacing[0]];
}
