/**
 * Every sample file, as it is: Atrium's element list (tag path, VR, length, value) equals
 * the one dcmdump and pydicom read — encapsulated Pixel Data fragments included (dcmdump),
 * private tags, DICOMDIR records, SR trees, waveforms, every character set.
 * Needs dcmdump and pydicom (under CI=true their absence fails).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { comparedValues, diffListings, listAtrium, listDcmdump, listPydicom, type ElementTuple } from '../support/element-listing.js';
import { havePeers } from '../support/peers.js';
import { allSampleFiles, readSample, samplePath } from '../support/samples.js';

const ok = havePeers('dcmdump', 'pydicom');
/** The one sample without meta is a bare Implicit VR LE dataset: dcmdump is told so. */
const BARE = 'rt-seg-sr/rtstruct.dcm';

describe.skipIf(!ok)('every sample, against dcmdump and pydicom', () => {
  const files = allSampleFiles();
  const dcmdump = new Map<string, ElementTuple[]>();
  const pydicom = new Map<string, ElementTuple[]>();

  beforeAll(() => {
    const withMeta = files.filter((f) => f !== BARE);
    listDcmdump(withMeta.map(samplePath)).forEach((list, i) => dcmdump.set(withMeta[i] ?? '', list));
    dcmdump.set(BARE, listDcmdump([samplePath(BARE)], ['-f', '-ti'])[0] ?? []);
    listPydicom(files.map(samplePath)).forEach((list, i) => pydicom.set(files[i] ?? '', list));
  });

  for (const rel of files) {
    it(`${rel}`, () => {
      const ours = listAtrium(parseDicom(readSample(rel)));
      expect(diffListings(ours, dcmdump.get(rel) ?? [])).toEqual([]);
      // pydicom does not list the fragments of encapsulated Pixel Data.
      expect(diffListings(ours.filter((t) => t.vr !== 'pi'), pydicom.get(rel) ?? [])).toEqual([]);
      // Not vacuous: dcmdump showed most of the values Atrium decodes (it cannot show
      // non-ASCII text in its raw character set, nor values above its load threshold).
      expect(comparedValues(dcmdump.get(rel) ?? [])).toBeGreaterThanOrEqual(0.75 * comparedValues(ours));
      expect(comparedValues(pydicom.get(rel) ?? [])).toBe(comparedValues(ours.filter((t) => t.vr !== 'pi')));
    });
  }
});
