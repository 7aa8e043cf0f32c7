import type { DicomItem } from '@atrium/sdk';
import type { DerivedTestObject } from '@atrium/testing';
import { numberOf, numbersOf } from '../geometry/dicom-values.js';
import type { PlacedVolume } from '../recon/volume-layout.js';

/**
 * The volume(s) of a derived NM RECON TOMO / RECON GATED TOMO object read back as a viewer would:
 * stored values × the Real World Value Mapping slope (counts), frames → slices (and time slots),
 * placed by the Detector Information item, Pixel Spacing and Spacing Between Slices.
 */
export async function derivedVolumes(object: DerivedTestObject): Promise<PlacedVolume[]> {
  const det = (object.attribute('DetectorInformationSequence') as readonly DicomItem[])[0]!;
  const o = numbersOf(det.ImageOrientationPatient);
  const row = [o[0]!, o[1]!, o[2]!] as const;
  const col = [o[3]!, o[4]!, o[5]!] as const;
  const normal = [row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]] as const;
  const spacing = object.numbers('PixelSpacing');
  const dz = object.number('SpacingBetweenSlices')!;
  const slope = numberOf((object.attribute('RealWorldValueMappingSequence') as readonly DicomItem[])[0]!.RealWorldValueSlope)!;
  const slices = object.number('NumberOfSlices')!;
  const rows = object.number('Rows')!;
  const columns = object.number('Columns')!;
  const slots = object.numberOfFrames / slices;
  const volumes: PlacedVolume[] = [];
  for (let t = 0; t < slots; t++) {
    const data = new Float32Array(rows * columns * slices);
    for (let k = 0; k < slices; k++) {
      const frame = (await object.frame(t * slices + k)).data;
      for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) data[(j * columns + i) * slices + k] = frame[j * columns + i]! * slope;
    }
    volumes.push({
      columns, rows, slices, data,
      origin: numbersOf(det.ImagePositionPatient) as unknown as readonly [number, number, number],
      spacing: [spacing[1]!, spacing[0]!, dz],
      direction: [row, col, normal],
      frameOfReferenceUID: undefined,
    });
  }
  return volumes;
}

export { voxelCentreOf as voxelCentre } from '../recon/volume-layout.js';
