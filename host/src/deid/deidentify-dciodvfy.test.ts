/** De-identified outputs have no dciodvfy Error line that the input did not have already. */
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { stringElement } from '../io/element-factory.js';
import { havePeers } from '../../../test/support/peers.js';
import { readSample } from '../../../test/support/samples.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { dciodvfy } from '../derive/test-support/dciodvfy.js';
import { deidentify } from './deidentify.js';
import { deidentifyAsync } from './deidentify-async.js';

describe('de-identified objects pass dciodvfy with no new errors', () => {
  const ready = havePeers('dciodvfy');
  // SC and charset files are Secondary Captures: asserted Burned In Annotation NO so they are not refused
  const notBurnedIn = ['sc/SC_rgb_2frame.dcm', 'charsets/chrX1.dcm', 'charsets/chrJapMulti.dcm'];
  const rtSeg = ['rt-seg-sr/rtstruct.dcm', 'rt-seg-sr/rtplan.dcm', 'rt-seg-sr/rtdose.dcm', 'rt-seg-sr/liver.dcm'];
  for (const sample of ['mr/MR_small.dcm', 'rt-seg-sr/test-SR.dcm', 'nm/UNIFORMIDAD_1.dcm', ...rtSeg, ...notBurnedIn]) {
    it.skipIf(!ready)(sample, () => {
      let bytes = readSample(sample);
      if (notBurnedIn.includes(sample)) {
        const f = parseDicom(bytes);
        bytes = writePart10({ ...f, dataset: f.dataset.with(new Map([[Tag.BurnedInAnnotation, stringElement(Tag.BurnedInAnnotation, 'CS', 'NO')]])) });
      }
      // UIDs are replaced, so messages quoting a UID are compared with the UID masked
      const masked = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/[0-9]+(\.[0-9]+){2,}/g, '<uid>'));
      const before = new Set(masked(dciodvfy(bytes).errors));
      const after = dciodvfy(writePart10(deidentify(parseDicom(bytes), { secret: 's', options: ['retainLongitudinalModifiedDates'] }).file));
      expect(masked(after.errors).filter((l) => !before.has(l)), after.output).toEqual([]);
    });
  }

  // Clean Pixel Data: native RGB and YBR_FULL_422 US, lossy JPEG SC decoded to Explicit VR Little Endian
  for (const sample of ['us/US1_UNCR.dcm', 'us/US-YBR_FULL_422-EVRLE.dcm', 'sc/SC_rgb_jpeg_dcmtk.dcm']) {
    it.skipIf(!ready)(`${sample} with a pixel mask`, async () => {
      const bytes = readSample(sample);
      const masked = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/[0-9]+(\.[0-9]+){2,}/g, '<uid>'));
      const before = new Set(masked(dciodvfy(bytes).errors));
      const after = dciodvfy(writePart10((await deidentifyAsync(parseDicom(bytes), { secret: 's', pixelMaskRegions: [{ x: 0, y: 0, width: 60, height: 20 }] })).file));
      expect(masked(after.errors).filter((l) => !before.has(l)), after.output).toEqual([]);
    });
  }
});
