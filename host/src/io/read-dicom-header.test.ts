import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDicom } from './parse-part10.js';
import { readDicomHeader } from './read-dicom-header.js';
import { dumpDataset } from './dump-dataset.js';

describe('readDicomHeader', () => {
  it.each(['samples/us/US1_UNCR.dcm', 'samples/nm/UNIFORMIDAD_1.dcm', 'samples/rt-seg-sr/rtplan.dcm', 'samples/rt-seg-sr/waveform_ecg.dcm', 'samples/dicomdir/DICOMDIR'])(
    'reads the same header as a full header-only parse of %s, even from a tiny first read',
    (path) => {
      const full = parseDicom(readFileSync(path), { headerOnly: true });
      for (const initial of [64, 1000, 65536]) {
        const partial = readDicomHeader(path, initial);
        expect(dumpDataset(partial.dataset)).toBe(dumpDataset(full.dataset));
        expect(partial.stoppedAtPixelData).toBe(full.stoppedAtPixelData);
      }
    },
  );

  it('refuses a file that is not DICOM with the parser error', () => {
    expect(() => readDicomHeader('samples/ATTRIBUTION.md')).toThrow(/ATRIUM_ERR_PARSE_NOT_DICOM|does not start with a DICOM element/);
  });
});
