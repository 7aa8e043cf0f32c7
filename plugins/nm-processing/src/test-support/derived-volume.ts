import type { DerivedObjectRequest, DicomItem } from '@atrium/sdk';
import { numberOf, numbersOf } from '../geometry/dicom-values.js';
import type { PlacedVolume } from '../recon/volume-layout.js';

/**
 * The volume(s) of a derived NM RECON TOMO / RECON GATED TOMO write request read back as a viewer
 * would: stored values × the Real World Value Mapping slope (counts), frames → slices (and time
 * slots), placed by the Detector Information item, Pixel Spacing and Spacing Between Slices.
 */
export function derivedVolumes(request: DerivedObjectRequest): PlacedVolume[] {
  const content = request.content ?? {};
  const pixels = request.pixels!;
  const det = (content.DetectorInformationSequence as readonly DicomItem[])[0]!;
  const o = numbersOf(det.ImageOrientationPatient);
  const row = [o[0]!, o[1]!, o[2]!] as const;
  const col = [o[3]!, o[4]!, o[5]!] as const;
  const normal = [row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]] as const;
  const spacing = numbersOf(content.PixelSpacing);
  const dz = numberOf(content.SpacingBetweenSlices)!;
  const slope = numberOf((content.RealWorldValueMappingSequence as readonly DicomItem[])[0]!.RealWorldValueSlope)!;
  const slices = numberOf(content.NumberOfSlices)!;
  const slots = (pixels.frames ?? 1) / slices;
  const { rows, columns } = pixels;
  return Array.from({ length: slots }, (_, t) => {
    const data = new Float32Array(rows * columns * slices);
    for (let k = 0; k < slices; k++) for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) {
      data[(j * columns + i) * slices + k] = pixels.data[((t * slices + k) * rows + j) * columns + i]! * slope;
    }
    return {
      columns, rows, slices, data,
      origin: numbersOf(det.ImagePositionPatient) as unknown as readonly [number, number, number],
      spacing: [spacing[1]!, spacing[0]!, dz],
      direction: [row, col, normal],
      frameOfReferenceUID: undefined,
    };
  });
}

export { voxelCentreOf as voxelCentre } from '../recon/volume-layout.js';
