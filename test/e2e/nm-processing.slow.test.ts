import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { havePeers, runPydicom } from '../support/peers.js';
import { encodePart10 } from '../../host/src/testing/encode-part10.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { nmPhantomStudy } from '../../plugins/nm-processing/src/test-support/nm-phantom-study.js';
import { atrium, tempDir } from './cli-helpers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

// Apps run in worker threads from the compiled host and plugin (host/dist, plugins/*/dist): build first.

interface Written { output: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }
interface RunResult { summary: string; written: Written[]; warnings: string[]; data: Record<string, unknown> }

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/nm/${name}`, import.meta.url));

describe('NM processing through the CLI on the generated NM study and the shared NM samples', () => {
  const store = tempDir('atrium-nm-e2e-');
  const study = nmPhantomStudy(3);
  const runs = new Map<string, RunResult>();

  async function run(name: string, ...args: string[]): Promise<RunResult> {
    const r = await atrium('--store', store, '--json', 'run', ...args);
    expect(r.code, `${name}: ${r.err}\n${r.out.slice(0, 3000)}`).toBe(0);
    const result = JSON.parse(r.out) as RunResult;
    runs.set(name, result);
    return result;
  }

  beforeAll(async () => {
    const input = tempDir('atrium-nm-input-');
    writeFileSync(join(input, 'tomo.dcm'), encodePart10(study.tomo.attributes, study.tomo.frames));
    writeFileSync(join(input, 'gated.dcm'), encodePart10(study.gated.attributes, study.gated.frames));
    writeFileSync(join(input, 'renogram.dcm'), encodePart10(study.renogram.object.attributes, study.renogram.object.frames));
    study.ct.forEach((o, i) => writeFileSync(join(input, `ct-${i}.dcm`), encodePart10(o.attributes, o.frames)));
    for (const name of ['Jaszack.dcm', 'NM_TOMO_2det_64frames.dcm', 'NM_GATED_TOMO_8slots_128frames.dcm', 'NM_DYNAMIC_renogram_2phases_60frames.dcm']) copyFileSync(fixture(name), join(input, name));
    const imported = await atrium('--store', store, 'import', input, fileURLToPath(new URL('../../samples/nm', import.meta.url)));
    expect(imported.code, imported.err + imported.out).toBe(0);
    await run('recon-ct', 'nm-recon', '--series', study.series.tomo, '--param', 'attenuation=ct', '--param', `ctSeries=${study.series.ct}`, '--param', 'postFilter=6', '--param', 'reorient=true');
    await run('recon-plain', 'nm-recon', '--series', study.series.tomo, '--param', 'method=osem', '--param', 'subsets=6');
    await run('recon-fbp', 'nm-recon', '--series', study.series.tomo, '--param', 'method=fbp', '--param', 'attenuation=ellipse', '--param', 'filter=butterworth', '--param', 'cutoff=0.8');
    const lvRegion = JSON.stringify({ center: [study.gatedPhantom.center[0] + study.axis[0], study.gatedPhantom.center[1] + study.axis[1], study.gatedPhantom.center[2]], radius: study.gatedPhantom.regionRadius });
    await run('gated', 'nm-gated', '--series', study.series.gated, '--param', `lvRegion=${lvRegion}`);
    await run('renogram', 'nm-renogram', '--series', study.series.renogram);
  }, 600_000);

  it('lists the three apps with what they accept, and prints their conformance tables', async () => {
    const apps = await atrium('--store', store, 'apps');
    for (const id of ['nm-recon', 'nm-gated', 'nm-renogram']) expect(apps.out).toContain(id);
    const conformance = await atrium('--store', store, 'conformance', '--app', 'nm-recon');
    expect(conformance.code, conformance.err).toBe(0);
    expect(conformance.out).toContain('Nuclear Medicine Image');
    expect(conformance.out).toContain('| Real World Value Mapping Sequence | (0040,9096) | 3 | Ignored | Generated (by the app) |');
  });

  it('reconstructs with the CT μ-map and writes NM, reoriented NM and SC objects into the source study', () => {
    const r = runs.get('recon-ct')!;
    expect(r.written.map((w) => w.output).sort()).toEqual(['horizontal-long-axis', 'page', 'recon', 'short-axis', 'vertical-long-axis']);
    expect(r.written.every((w) => w.studyInstanceUID === study.ids.studyInstanceUID)).toBe(true);
    expect(r.summary).toMatch(/AC CT/);
  });

  it.skipIf(!havePeers('pydicom'))('stores counts that a DICOM reader recovers: Σ stored × Real World Value slope = Σ projections within 1 % (OSEM, no attenuation correction)', () => {
    const recon = runs.get('recon-plain')!.written.find((w) => w.output === 'recon')!;
    const ws = openWorkstation(store);
    let paths: string[];
    try {
      paths = [recon.sopInstanceUID, study.tomo.attributes.SOPInstanceUID as string].map((uid) => ws.files.absolute(ws.index.getInstances({ SOPInstanceUID: uid })[0]!.file.path));
    } finally {
      ws.close();
    }
    const out = runPydicom(
      [
        'import json, sys, pydicom, numpy as np',
        'r = pydicom.dcmread(sys.argv[1]); p = pydicom.dcmread(sys.argv[2])',
        'm = r.RealWorldValueMappingSequence[0]',
        'print(json.dumps({"counts": float(r.pixel_array.astype(np.float64).sum() * float(m.RealWorldValueSlope) + float(m.RealWorldValueIntercept) * r.pixel_array.size), "projections": float(p.pixel_array.astype(np.float64).sum()), "type": list(r.ImageType), "fip": [str(t) for t in r.FrameIncrementPointer] if r["FrameIncrementPointer"].VM > 1 else [str(r.FrameIncrementPointer)], "unit": m.MeasurementUnitsCodeSequence[0].CodeValue, "frames": int(r.NumberOfFrames), "slices": int(r.NumberOfSlices), "windows": int(r.NumberOfEnergyWindows), "detectors": int(r.NumberOfDetectors)}))',
      ].join('\n'),
      paths,
    );
    const j = JSON.parse(out) as { counts: number; projections: number; type: string[]; fip: string[]; unit: string; frames: number; slices: number; windows: number; detectors: number };
    console.log(`stored counts ${j.counts.toFixed(0)} against projection counts ${j.projections}`);
    expect(Math.abs(j.counts / j.projections - 1)).toBeLessThan(0.01);
    expect(j.type).toEqual(['DERIVED', 'PRIMARY', 'RECON TOMO', 'EMISSION']);
    expect(j.fip.map((t) => t.replace(/\s/g, ''))).toEqual(['(0054,0080)']);
    expect([j.unit, j.frames, j.slices, j.windows, j.detectors]).toEqual(['{counts}', 40, 40, 1, 1]);
  });

  it('gates: 8 time slots reconstructed, the LV curve peaking at end-systole, no slot flagged', () => {
    const r = runs.get('gated')!;
    const w = (r.data.windows as { flaggedSlots: number[]; lvCurve: number[] }[])[0]!;
    expect(w.flaggedSlots).toEqual([]);
    const truth = study.gatedPhantom.regionTruth;
    expect(w.lvCurve.indexOf(Math.max(...w.lvCurve))).toBe(truth.indexOf(Math.max(...truth)));
    expect(r.written.map((x) => x.output).sort()).toEqual(['gated', 'qc', 'summed']);
  });

  it('computes the renogram split within 1 percentage point of 40 / 60 and writes the page and the SR', () => {
    const r = runs.get('renogram')!;
    const left = (r.data.left as { splitPercent: number }).splitPercent;
    console.log(`renogram split through the CLI: left ${left.toFixed(2)} %`);
    expect(Math.abs(left - 40)).toBeLessThanOrEqual(1);
    expect(r.written.map((x) => x.output).sort()).toEqual(['page', 'sr']);
  });

  it('processes the shared synthetic NM acquisitions, and shows the Jaszczak reconstruction without reconstructing it again', async () => {
    const ws = openWorkstation(store);
    const seriesOf = (sop: string) => ws.index.getInstances({}).find((i) => i.file.path.includes(sop) || i.instance.SOPInstanceUID === sop);
    let uids: Record<string, string>;
    try {
      const bySop = (sop: string) => seriesOf(sop)!.series.SeriesInstanceUID;
      uids = {
        tomo: bySop('1.2.826.0.1.3680043.8.498.70305114596580063309975561577357011157'),
        gated: bySop('1.2.826.0.1.3680043.8.498.67243955978446132808767783420983377063'),
        dynamic: bySop('1.2.826.0.1.3680043.8.498.14583705707243572719372106300222382870'),
        jaszczak: bySop('1.3.6.1.4.1.12842.1.1.10.2.20141116.131225.578.4166182756'),
      };
    } finally {
      ws.close();
    }
    const tomo = await run('shared-tomo', 'nm-recon', '--series', uids.tomo!);
    expect(tomo.summary).toMatch(/^TOMO 64×64, 64 frames: 1 photopeak window/);
    const gated = await run('shared-gated', 'nm-gated', '--series', uids.gated!, '--param', 'method=fbp');
    expect(gated.summary).toMatch(/8 time slots/);
    const dynamic = await run('shared-dynamic', 'nm-renogram', '--series', uids.dynamic!);
    expect(dynamic.summary).toMatch(/^split L [0-9.]+ % \/ R [0-9.]+ %/);
    const jaszczak = await run('shared-jaszczak', 'nm-recon', '--series', uids.jaszczak!);
    expect(jaszczak.summary).toMatch(/already a reconstruction \(RECON TOMO, 128×128×/);
    expect(jaszczak.written.map((w) => w.output)).toEqual(['page']);
  });

  it('refuses, naming why, a CT series of another study, a CT UID that is not a UID, and a renogram of a TOMO series', async () => {
    const otherStudy = (await atrium('--store', store, '--json', 'ls', 'series', '--modality', 'NM')).out;
    const foreign = (JSON.parse(otherStudy) as { SeriesInstanceUID: string; StudyInstanceUID: string }[]).find((s) => s.StudyInstanceUID !== study.ids.studyInstanceUID)!.SeriesInstanceUID;
    const cases: [string[], RegExp][] = [
      [['nm-recon', '--series', study.series.tomo, '--param', 'attenuation=ct', '--param', `ctSeries=${foreign}`], new RegExp(`no series ${foreign.replace(/\./g, '\\.')} is stored in study`)],
      [['nm-recon', '--series', study.series.tomo, '--param', 'attenuation=ct', '--param', 'ctSeries=../../etc/passwd'], /parameter "ctSeries" must match/],
      [['nm-renogram', '--series', study.series.tomo], /does not accept series .*: instance 1: ImageType "ORIGINAL\\\\PRIMARY\\\\TOMO\\\\EMISSION" does not match "DYNAMIC" \[ATRIUM_ERR_APP_INPUT\]/],
      [['nm-gated', '--series', study.series.tomo], /does not accept series .*ImageType .* does not match "GATED TOMO"/],
      [['nm-recon', '--series', study.series.ct], /does not accept series .*: Modality is CT; the app accepts NM/],
    ];
    for (const [args, message] of cases) {
      const r = await atrium('--store', store, 'run', ...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(`${r.err}${r.out}`, args.join(' ')).toMatch(message);
      expect(`${r.err}${r.out}`).not.toMatch(/\n\s+at /);
    }
  });

  it.skipIf(!havePeers('dciodvfy'))('writes only objects that pass dciodvfy (NM multi-frame frame pointers, SC, SR) with no Error', () => {
    const ws = openWorkstation(store);
    const failures: string[] = [];
    let checked = 0;
    try {
      for (const [name, r] of runs) {
        for (const w of r.written) {
          const [inst] = ws.index.getInstances({ SOPInstanceUID: w.sopInstanceUID });
          const { errors } = dciodvfyFile(ws.files.absolute(inst!.file.path));
          checked++;
          if (errors.length > 0) failures.push(`${name} ${w.output} ${w.sopInstanceUID}:\n  ${errors.join('\n  ')}`);
        }
      }
    } finally {
      ws.close();
    }
    expect(checked).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });
});
