import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { havePeers, peer, runPydicom } from '../support/peers.js';
import { calciumPhantomSeries, type PhantomArtery } from '../../plugins/calcium-scoring/src/test-support/calcium-phantom.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { atrium, tempDir } from './cli-helpers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

// Apps run in worker threads from the compiled host and plugin (host/dist, plugins/*/dist):
// build first (`npx tsc -b`; `npm install` does it).

interface Written { output: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string; status: 'stored' | 'replaced' }
interface RunResult {
  summary: string;
  written: Written[];
  removed: { seriesInstanceUID: string; sopInstanceUID: string }[];
  warnings: string[];
  data: {
    unverified: boolean;
    arteries: { artery: PhantomArtery; agatston: number; volumeMm3: number; massMg?: number; lesions: number }[];
    total: { agatston: number; volumeMm3: number; lesions: number };
    riskCategory: string;
  };
}

/** Width, height, bit depth and colour type from a PNG's IHDR (after checking the signature). */
function pngHeader(path: string): { width: number; height: number; bitDepth: number; colourType: number } {
  const b = readFileSync(path);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bitDepth: b[24]!, colourType: b[25]! };
}

describe('calcium scoring on the analytic phantom, through the CLI', () => {
  const store = tempDir('atrium-calcium-e2e-');
  const out = tempDir('atrium-calcium-png-');
  const phantom = calciumPhantomSeries();
  const seeds = `seeds=${JSON.stringify(phantom.seeds)}`;
  let first: RunResult;

  beforeAll(async () => {
    const input = tempDir('atrium-calcium-input-');
    phantom.files.forEach((bytes, i) => writeFileSync(join(input, `ct-${i + 1}.dcm`), bytes));
    const imported = await atrium('--store', store, 'import', input);
    expect(imported.code, imported.err).toBe(0);
    const r = await atrium('--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', seeds);
    expect(r.code, `${r.err}\n${r.out.slice(0, 4000)}`).toBe(0);
    first = JSON.parse(r.out) as RunResult;
  }, 120_000);

  it('scores every artery exactly as computed by hand from the phantom geometry', () => {
    const { data } = first;
    expect(data.unverified).toBe(true); // no reader named: scored, not verified
    expect(data.arteries.map((a) => a.artery)).toEqual(['LM', 'LAD', 'LCX', 'RCA']);
    for (const a of data.arteries) {
      expect(Math.abs(a.agatston - phantom.expected.perArtery[a.artery]), `${a.artery} Agatston ${a.agatston}`).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(a.volumeMm3 - phantom.expected.volumeMm3[a.artery]), `${a.artery} volume ${a.volumeMm3}`).toBeLessThanOrEqual(1e-6);
      expect(a.lesions, a.artery).toBe(phantom.expected.lesions[a.artery]);
      expect(a.massMg).toBeUndefined(); // no calibration factor given
    }
    // The hand computation, spelt out (see CALCIUM_PHANTOM_LESIONS): LM 48, LAD 180 + 64, LCX 45, RCA 360 + 120.
    expect(Object.fromEntries(data.arteries.map((a) => [a.artery, a.agatston]))).toEqual({ LM: 48, LAD: 244, LCX: 45, RCA: 480 });
    expect(Math.abs(data.total.agatston - 817)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(data.total.volumeMm3 - 834)).toBeLessThanOrEqual(1e-6);
    expect(data.total.lesions).toBe(5);
    expect(data.riskCategory).toBe('>400');
  });

  it('writes the reduced CT, report, screen-save and SR series into the source study', () => {
    const outputs = new Set(first.written.map((w) => w.output));
    for (const o of ['reduced-ct', 'report', 'screen-saves', 'sr']) expect(outputs, o).toContain(o);
    expect(first.written.every((w) => w.studyInstanceUID === phantom.studyInstanceUID && w.status === 'stored')).toBe(true);
    // Scored lesions lie on slices 8–19 (instances 9–20); one screen save per slice with a scored lesion.
    expect(first.written.filter((w) => w.output === 'screen-saves')).toHaveLength(11);
  });

  it.skipIf(!havePeers('dciodvfy'))('writes only objects that pass dciodvfy', () => {
    const ws = openWorkstation(store);
    try {
      const failures: string[] = [];
      for (const w of first.written) {
        const [inst] = ws.index.getInstances({ SOPInstanceUID: w.sopInstanceUID });
        expect(inst, w.sopInstanceUID).toBeDefined();
        const { errors } = dciodvfyFile(ws.files.absolute(inst!.file.path));
        if (errors.length > 0) failures.push(`${w.output} ${w.sopInstanceUID}:\n  ${errors.join('\n  ')}`);
      }
      expect(failures).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it.skipIf(!havePeers('dciodvfy', 'dsrdump', 'pydicom'))('writes a Comprehensive SR in the source study that passes dciodvfy and DCMTK dsrdump, and that pydicom reads the scores from', () => {
    const srs = first.written.filter((w) => w.output === 'sr');
    expect(srs).toHaveLength(1);
    const ws = openWorkstation(store);
    let path: string;
    try {
      const [inst] = ws.index.getInstances({ SOPInstanceUID: srs[0]!.sopInstanceUID });
      expect(inst).toBeDefined();
      expect(srs[0]!.studyInstanceUID).toBe(phantom.studyInstanceUID);
      path = ws.files.absolute(inst!.file.path);
    } finally {
      ws.close();
    }
    const check = dciodvfyFile(path);
    expect(check.errors).toEqual([]);
    // dciodvfy knows no private coding scheme: its only remarks are "Unrecognized defined term <99ATRIUM>" warnings.
    expect(check.warnings.filter((l) => !l.includes('<99ATRIUM>'))).toEqual([]);
    // DCMTK reads the content tree with its Comprehensive SR relationship constraint checker.
    const tree = spawnSync(peer('dsrdump')!, ['+Pc', path], { encoding: 'utf8' });
    expect([tree.status, tree.stderr]).toEqual([0, '']);
    expect(tree.stdout).toContain('<CONTAINER:(CAC-REPORT,99ATRIUM,"Coronary calcium scoring report")=SEPARATE>');
    expect(tree.stdout).toContain('<contains NUM:(CAC-AGATSTON,99ATRIUM,"Agatston score")="817" ({Agatston},UCUM,"Agatston units")>');
    // A script reads the numbers: per container (concept code value), each NUM as code value → (value, unit).
    const read = runPydicom(
      [
        'import json, sys, pydicom',
        'ds = pydicom.dcmread(sys.argv[1])',
        'code = lambda item: item.ConceptNameCodeSequence[0].CodeValue',
        'out = {"sop": ds.SOPClassUID, "modality": ds.Modality, "study": ds.StudyInstanceUID, "root": code(ds), "scheme": ds.CodingSchemeIdentificationSequence[0].CodingSchemeDesignator, "flags": [ds.CompletionFlag, ds.VerificationFlag], "containers": {}, "images": [], "evidence": []}',
        'for item in ds.ContentSequence:',
        '    if item.ValueType == "CONTAINER":',
        '        out["containers"][code(item)] = {code(n): [float(n.MeasuredValueSequence[0].NumericValue), n.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0].CodeValue, len(n.get("ContentSequence", []))] for n in item.ContentSequence if n.ValueType == "NUM"}',
        '    elif item.ValueType == "TEXT":',
        '        out[code(item)] = item.TextValue',
        '    elif item.ValueType == "IMAGE":',
        '        out["images"].append(item.ReferencedSOPSequence[0].ReferencedSOPInstanceUID)',
        'for study in ds.CurrentRequestedProcedureEvidenceSequence:',
        '    for series in study.ReferencedSeriesSequence:',
        '        out["evidence"] += [series.SeriesInstanceUID + "/" + i.ReferencedSOPInstanceUID for i in series.ReferencedSOPSequence]',
        'print(json.dumps(out))',
      ].join('\n'),
      [path],
    );
    const sr = JSON.parse(read) as {
      sop: string; modality: string; study: string; root: string; scheme: string; flags: string[];
      containers: Record<string, Record<string, [number, string, number]>>; images: string[]; evidence: string[]; 'CAC-RISK': string;
    };
    expect([sr.sop, sr.modality, sr.study, sr.root, sr.scheme, sr.flags]).toEqual(['1.2.840.10008.5.1.4.1.1.88.33', 'SR', phantom.studyInstanceUID, 'CAC-REPORT', '99ATRIUM', ['COMPLETE', 'UNVERIFIED']]);
    const agatston = Object.fromEntries(Object.entries(sr.containers).map(([k, nums]) => [k, nums['CAC-AGATSTON']?.[0]]));
    expect(agatston).toEqual({ LM: 48, LAD: 244, LCX: 45, RCA: 480, 'CAC-TOTAL': 817 });
    const scored = first.written.filter((w) => w.output === 'screen-saves').length;
    expect(sr.containers['CAC-TOTAL']).toEqual({ 'CAC-AGATSTON': [817, '{Agatston}', scored], 'CAC-VOLUME': [834, 'mm3', scored], 'CAC-LESIONS': [5, '{lesions}', scored] });
    expect(sr['CAC-RISK']).toBe('>400');
    // The totals are INFERRED FROM every scored slice; no mass without a calibration factor.
    // The scored slices (instances 9–20 that hold a scored lesion, one per screen save) are the IMAGE items;
    // the evidence is every slice the reader reviewed: the whole series, each once.
    expect(sr.images).toHaveLength(scored);
    expect(sr.evidence).toHaveLength(phantom.files.length);
    expect(new Set(sr.evidence).size).toBe(phantom.files.length);
    expect(sr.evidence).toEqual(expect.arrayContaining(sr.images.map((uid) => `${phantom.seriesInstanceUID}/${uid}`)));
  });

  it('re-running with the same inputs replaces the outputs under the same UIDs', async () => {
    const r = await atrium('--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', seeds);
    expect(r.code, r.err).toBe(0);
    const again = JSON.parse(r.out) as RunResult;
    const key = (w: Written): string => `${w.output} ${w.seriesInstanceUID} ${w.sopInstanceUID}`;
    expect(again.written.map(key).sort()).toEqual(first.written.map(key).sort());
    expect(again.written.every((w) => w.status === 'replaced')).toBe(true);
    expect(again.data.arteries).toEqual(first.data.arteries);
  }, 120_000);

  it('atrium render writes PNGs of the report, and of a whole series into a folder', async () => {
    const reports = first.written.filter((w) => w.output === 'report');
    expect(reports.length).toBeGreaterThan(0);
    const headers = [];
    for (const [i, w] of reports.entries()) {
      const path = join(out, `report-${i}.png`);
      const r = await atrium('--store', store, 'render', w.sopInstanceUID, '--out', path);
      expect(r.code, r.err).toBe(0);
      headers.push(pngHeader(path));
    }
    // The physician report (512×512 greyscale) and the patient report (1024×1024 RGB).
    expect(headers).toEqual(
      expect.arrayContaining([
        { width: 512, height: 512, bitDepth: 8, colourType: 0 },
        { width: 1024, height: 1024, bitDepth: 8, colourType: 2 },
      ]),
    );
    const folder = join(out, 'phantom/');
    const r = await atrium('--store', store, 'render', phantom.seriesInstanceUID, '--out', folder, '--window', '200,800');
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(folder).filter((f) => f.endsWith('.png'))).toHaveLength(phantom.files.length);
  }, 60_000);
  it('a re-run with other seeds replaces the earlier outputs: removed from the study, its SR named as predecessor; --keep-previous keeps them', async () => {
    const ws = () => openWorkstation(store);
    const held = (written: readonly Written[]): number => {
      const w = ws();
      try {
        return written.filter((o) => w.index.getInstances({ SOPInstanceUID: o.sopInstanceUID }).length > 0).length;
      } finally {
        w.close();
      }
    };
    // The reader drops the LCX seed and signs: another parameter set, other derived series.
    const fewer = `seeds=${JSON.stringify(phantom.seeds.filter((s) => s.artery !== 'LCX'))}`;
    const r = await atrium('--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', fewer, '--param', 'reader=Doe^Jane', '--param', 'readerOrganization=Heart Centre');
    expect(r.code, r.err).toBe(0);
    const second = JSON.parse(r.out) as RunResult;
    expect(second.data.total.agatston).toBe(772);
    expect(second.written.every((w) => w.status === 'stored')).toBe(true);
    expect(second.removed.map((o) => o.sopInstanceUID).sort()).toEqual(first.written.map((o) => o.sopInstanceUID).sort());
    expect([held(first.written), held(second.written)]).toEqual([0, second.written.length]);
    // The new SR names the one it supersedes (Predecessor Documents Sequence), and still passes dciodvfy.
    const oldSr = first.written.find((w) => w.output === 'sr')!;
    const newSr = second.written.find((w) => w.output === 'sr')!;
    const w = ws();
    let path: string;
    try {
      path = w.files.absolute(w.index.getInstances({ SOPInstanceUID: newSr.sopInstanceUID })[0]!.file.path);
    } finally {
      w.close();
    }
    const predecessors = runPydicom([
      'import json, sys, pydicom',
      'ds = pydicom.dcmread(sys.argv[1])',
      'print(json.dumps([[st.StudyInstanceUID, se.SeriesInstanceUID, i.ReferencedSOPClassUID, i.ReferencedSOPInstanceUID] for st in ds.PredecessorDocumentsSequence for se in st.ReferencedSeriesSequence for i in se.ReferencedSOPSequence]))',
    ].join('\n'), [path]);
    expect(JSON.parse(predecessors)).toEqual([[phantom.studyInstanceUID, oldSr.seriesInstanceUID, '1.2.840.10008.5.1.4.1.1.88.33', oldSr.sopInstanceUID]]);
    if (havePeers('dciodvfy')) {
      expect(dciodvfyFile(path).errors).toEqual([]);
    }
    // --keep-previous: a third parameter set, and the second run's objects stay.
    const kept = await atrium('--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', fewer, '--keep-previous');
    expect(kept.code, kept.err).toBe(0);
    const third = JSON.parse(kept.out) as RunResult;
    expect(third.removed).toEqual([]);
    expect([held(second.written), held(third.written)]).toEqual([second.written.length, third.written.length]);
  }, 180_000);
});
