import type { DicomFile } from '../io/parse-part10.js';
import { pixelCleaningNeeded } from './check-burned-in.js';
import { decodedPixelFile } from './decoded-pixel-file.js';
import type { DeidOptions, DeidReport } from './deid-options.js';
import { deidentify } from './deidentify.js';

/**
 * {@link deidentify} for any input: when the Clean Pixel Data Option applies (pixels may show
 * identity and `pixelMaskRegions` are given) and the Pixel Data is compressed, every frame is
 * decoded first (decodedPixelFile: output native Explicit VR Little Endian, lossy history kept),
 * then cleaned. Otherwise the same as deidentify.
 */
export async function deidentifyAsync(file: DicomFile, options: DeidOptions): Promise<{ file: DicomFile; report: DeidReport }> {
  if (!file.stoppedAtPixelData && file.transferSyntax.encapsulated && pixelCleaningNeeded(file.dataset, options.pixelMaskRegions)) {
    return deidentify(await decodedPixelFile(file), options);
  }
  return deidentify(file, options);
}
