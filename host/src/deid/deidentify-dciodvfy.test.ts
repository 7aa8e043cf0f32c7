/** De-identified outputs have no dciodvfy Error line that the input did not have already. */
import { describe, expect, it } from 'vitest';
import { havePeers } from '../../../test/support/peers.js';
import { readSample } from '../../../test/support/samples.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { dciodvfy } from '../derive/test-support/dciodvfy.js';
import { deidentify } from './deidentify.js';

describe('de-identified objects pass dciodvfy with no new errors', () => {
  const ready = havePeers('dciodvfy');
  for (const sample of ['mr/MR_small.dcm', 'rt-seg-sr/test-SR.dcm', 'nm/UNIFORMIDAD_1.dcm']) {
    it.skipIf(!ready)(sample, () => {
      const bytes = readSample(sample);
      // UIDs are replaced, so messages quoting a UID are compared with the UID masked
      const masked = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/[0-9]+(\.[0-9]+){2,}/g, '<uid>'));
      const before = new Set(masked(dciodvfy(bytes).errors));
      const after = dciodvfy(writePart10(deidentify(parseDicom(bytes), { secret: 's', options: ['retainLongitudinalModifiedDates'] }).file));
      expect(masked(after.errors).filter((l) => !before.has(l)), after.output).toEqual([]);
    });
  }
});
