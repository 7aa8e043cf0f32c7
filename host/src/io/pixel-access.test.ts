import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { havePeers, runPydicom } from '../../../test/support/peers.js';
import { parseDicom } from './parse-part10.js';
import { readFrame } from './pixel-access.js';

/** pydicom's pixel_array for one frame, flattened, as JSON numbers. */
const PYDICOM_FRAME = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
arr = ds.pixel_array
n = int(getattr(ds, 'NumberOfFrames', 1) or 1)
frame = arr[int(sys.argv[2])] if n > 1 else arr
print(json.dumps([int(v) for v in frame.flatten().tolist()]))
`;

describe('readFrame on parsed files (referee: pydicom)', () => {
  const ok = havePeers('pydicom');
  it.skipIf(!ok).each([
    ['samples/mr/MR_small.dcm', 0],
    ['samples/nm/NM_GATED_planar_16slots.dcm', 5],
    ['samples/us/US1_UNCR.dcm', 0],
    ['samples/sc/SC_rgb_rle.dcm', 0],
    ['samples/rt-seg-sr/rtdose.dcm', 7],
  ] as const)('%s frame %i equals pydicom', async (path, index) => {
    const frame = await readFrame(parseDicom(readFileSync(path)), index);
    const expected = JSON.parse(runPydicom(PYDICOM_FRAME, [path, String(index)])) as number[];
    expect(frame.data.length).toBe(expected.length);
    expect(Array.from(frame.data)).toEqual(expected);
  });

  it('applies Rescale Slope / Intercept on request', async () => {
    const file = parseDicom(readFileSync('samples/dicomdir/77654033/CT2/17106'));
    const raw = await readFrame(file, 0);
    const hu = await readFrame(file, 0, { rescale: true });
    const slope = file.dataset.number(Tag.RescaleSlope) ?? 1;
    const intercept = file.dataset.number(Tag.RescaleIntercept) ?? 0;
    expect(Array.from(hu.data)).toEqual(Array.from(raw.data, (v) => v * slope + intercept));
  });
});
