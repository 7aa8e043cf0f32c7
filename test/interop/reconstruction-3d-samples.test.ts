/**
 * The 3-D apps on real series that fit: a synthetic-head MR whose rows run along −y (the
 * mr-pacsman fixture, 24 slices of 128×128) and the bundled gated cardiac CT sample (5 slices of the
 * PCIR DICOMDIR set); series that do not form a volume are refused with the reason. Every output
 * passes dciodvfy. Apps run from the compiled host and plugin: build first. In the interop tier: a
 * dozen CLI runs on real files, which the unit tier cannot afford (the generated-CT suite of
 * test/e2e covers the same apps there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SopClass, Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { havePeers } from '../support/peers.js';
import { REPO_ROOT } from '../support/samples.js';
import { atrium, tempDir } from '../e2e/cli-helpers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

const MR_SERIES = '1.2.826.0.1.3680043.8.498.12577700408269398389391326344238305188';
const CT_GATED = '1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.6';
const CT_WITH_GAP = '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2';

describe('3D reconstruction apps on sample CT and MR series', () => {
  const store = tempDir('atrium-3d-samples-');
  const run = async (app: string, series: string, ...params: string[]) => atrium('--store', store, '--json', 'run', app, '--series', series, ...params.flatMap((p) => ['--param', p]));

  beforeAll(async () => {
    expect((await atrium('--store', store, 'import', join(REPO_ROOT, 'test/fixtures/mr-pacsman'))).code).toBe(0);
    expect((await atrium('--store', store, 'import', join(REPO_ROOT, 'samples/dicomdir'))).code).toBe(0);
  }, 120_000);

  it('MR: sagittal and oblique MPR as MR images (Image Type MPR, Scanning Sequence from the source or RM), a MIP, a surface', async () => {
    for (const params of [['orientation=sagittal', 'count=6'], ['orientation=oblique', 'normal=1,1,0', 'slab=mean', 'thickness=4', 'count=6']]) {
      const r = await run('mpr', MR_SERIES, ...params);
      expect(r.code, r.err).toBe(0);
      const out = JSON.parse(r.out) as { written: { output: string; sopInstanceUID: string }[]; data: { planes: number } };
      expect(out.written.every((w) => w.output === 'mr-mpr')).toBe(true);
      expect(out.written.length).toBe(out.data.planes);
      const ws = openWorkstation(store);
      try {
        const ds = parseDicom(readFileSync(ws.files.absolute(ws.index.getInstances({ SOPInstanceUID: out.written[0]!.sopInstanceUID })[0]!.file.path))).dataset;
        expect(ds.string(Tag.SOPClassUID)).toBe(SopClass.MRImageStorage);
        expect(ds.strings(Tag.ImageType)).toEqual(['DERIVED', 'SECONDARY', 'MPR']);
        // The synthetic source has no Scanning Sequence: research mode, as the MR Image Module allows.
        expect([ds.string(Tag.ScanningSequence), ds.string(Tag.SequenceVariant)]).toEqual(['RM', 'NONE']);
      } finally {
        ws.close();
      }
    }
    expect((await run('mip', MR_SERIES, 'projections=2')).code).toBe(0);
    // The phantom's values are tissue labels 0, 1, 2: the surface of everything labelled.
    const surface = await run('surface', MR_SERIES, 'isoValue=1');
    expect(surface.code, surface.err).toBe(0);
    expect((JSON.parse(surface.out) as { data: { triangles: number } }).data.triangles).toBeGreaterThan(100);
  });

  it('CT: the gated cardiac sample reformatted coronally, projected, surfaced', async () => {
    const mpr = await run('mpr', CT_GATED, 'orientation=coronal', 'count=6');
    expect(mpr.code, mpr.err).toBe(0);
    expect((JSON.parse(mpr.out) as { written: { output: string }[] }).written.every((w) => w.output === 'ct-mpr')).toBe(true);
    expect((await run('mip', CT_GATED, 'projections=2')).code).toBe(0);
    expect((await run('surface', CT_GATED, 'isoValue=0')).code).toBe(0);
  });

  it('a series with a gap is refused with the slices named, and reformatted once resampling is asked for', async () => {
    const refused = await run('mpr', CT_WITH_GAP);
    expect(refused.code).not.toBe(0);
    expect(`${refused.out}${refused.err}`).toMatch(/spacing 202\.5 mm differs from 1\.25 mm.*resampling interpolates, on request/);
    expect(`${refused.out}${refused.err}`).toContain('ATRIUM_ERR_VOLUME_GEOMETRY');
    const resampled = await run('mpr', CT_WITH_GAP, 'unevenSpacing=resample', 'orientation=sagittal', 'spacing=4', 'count=4');
    expect(resampled.code, resampled.err).toBe(0);
  });

  it.skipIf(!havePeers('dciodvfy'))('every object the apps wrote passes dciodvfy without an Error', () => {
    const ws = openWorkstation(store);
    try {
      const derived = ws.index.getInstances({}).filter((i) => i.instance.SOPInstanceUID.startsWith('2.25.'));
      expect(derived.length).toBeGreaterThan(20);
      const failures: string[] = [];
      for (const inst of derived) {
        const { errors } = dciodvfyFile(ws.files.absolute(inst.file.path));
        if (errors.length > 0) failures.push(`${inst.series.SeriesDescription ?? ''} ${inst.instance.SOPInstanceUID}:\n  ${errors.join('\n  ')}`);
      }
      expect(failures).toEqual([]);
    } finally {
      ws.close();
    }
  });
});
