import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calciumPhantomSeries } from '../../plugins/calcium-scoring/src/test-support/calcium-phantom.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { atrium, tempDir } from '../e2e/cli-helpers.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPydicom } from '../support/peers.js';

/**
 * IHE IOCM on calcium scoring re-runs, through the CLI against DCMTK's storescp: outputs sent
 * with `atrium send` are in the send log; a re-run that replaces them stores a rejection note
 * (Key Object Selection, "Rejected for Quality Reasons") naming every replaced object, which
 * pydicom reads and dciodvfy accepts; a re-run whose replaced outputs were never sent writes
 * none; `--keep-previous` removes nothing and rejects nothing. Apps run from the compiled
 * host and plugin (`npx tsc -b` first).
 */
const ok = havePeers('storescp', 'echoscu', 'pydicom', 'dciodvfy');

interface Written { output: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string }
interface Note { studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string; rejected: number; sentTo: string[] }
interface RunResult { written: Written[]; removed: { sopInstanceUID: string }[]; rejectionNotes: Note[] }

describe.skipIf(!ok)('rejection notes for replaced outputs that were sent (IHE IOCM)', () => {
  const store = tempDir('atrium-iocm-store-');
  const received = tempDir('atrium-iocm-storescp-');
  const phantom = calciumPhantomSeries();
  const run = async (seeds: readonly unknown[], ...extra: string[]): Promise<RunResult> => {
    const r = await atrium('--store', store, '--json', 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, '--param', `seeds=${JSON.stringify(seeds)}`, ...extra);
    expect(r.code, `${r.err}\n${r.out.slice(0, 2000)}`).toBe(0);
    return JSON.parse(r.out) as RunResult;
  };
  let storescp: ChildProcess | undefined;
  let first: RunResult;

  beforeAll(async () => {
    const input = tempDir('atrium-iocm-input-');
    phantom.files.forEach((bytes, i) => writeFileSync(join(input, `ct-${i + 1}.dcm`), bytes));
    expect((await atrium('--store', store, 'import', input)).code).toBe(0);
    const port = await freePort();
    mkdirSync(received, { recursive: true });
    storescp = spawn(peer('storescp')!, ['-aet', 'PACS', '-od', received, String(port)], { stdio: 'ignore' });
    for (let i = 0; i < 50 && (await runTool('echoscu', ['-aec', 'PACS', '127.0.0.1', String(port)])).code !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await atrium('--store', store, 'ae', 'add', 'PACS', '--host', '127.0.0.1', '--port', String(port), '--roles', 'store')).code).toBe(0);
    first = await run(phantom.seeds);
  }, 180_000);
  afterAll(() => {
    if (storescp?.pid && storescp.exitCode === null) process.kill(storescp.pid, 'SIGKILL');
  });

  it('a sent run replaced by a re-run: the send log holds the sends, and the re-run stores a rejection note naming every replaced object', async () => {
    const series = [...new Set(first.written.map((w) => w.seriesInstanceUID))];
    const sent = await atrium('--store', store, 'send', ...series, 'PACS');
    expect(sent.code, sent.err + sent.out).toBe(0);
    expect(readdirSync(received)).toHaveLength(first.written.length);
    const ws = openWorkstation(store);
    try {
      const log = ws.database.sendLog.forInstance(first.written[0]!.sopInstanceUID);
      expect(log).toEqual([expect.objectContaining({ ae: 'PACS', status: 'success', statusCode: 0, via: 'send' })]);
    } finally {
      ws.close();
    }

    // The reader drops the LCX seed: other derived series, the first run's removed.
    const second = await run(phantom.seeds.filter((s) => s.artery !== 'LCX'));
    expect(second.removed).toHaveLength(first.written.length);
    expect(second.rejectionNotes).toEqual([expect.objectContaining({ studyInstanceUID: phantom.studyInstanceUID, rejected: first.written.length, sentTo: ['PACS'] })]);
    const note = second.rejectionNotes[0]!;
    const w = openWorkstation(store);
    let path: string;
    try {
      const held = w.index.getInstances({ SOPInstanceUID: note.sopInstanceUID });
      expect(held).toHaveLength(1);
      path = w.files.absolute(held[0]!.file.path);
    } finally {
      w.close();
    }
    const read = JSON.parse(runPydicom([
      'import json, sys, pydicom',
      'ds = pydicom.dcmread(sys.argv[1])',
      't = ds.ConceptNameCodeSequence[0]',
      'print(json.dumps({"sopClass": ds.SOPClassUID, "modality": ds.Modality, "study": ds.StudyInstanceUID, "patient": ds.PatientID,',
      '  "title": [t.CodeValue, t.CodingSchemeDesignator, t.CodeMeaning], "template": ds.ContentTemplateSequence[0].TemplateIdentifier,',
      '  "items": sorted([c.ValueType + " " + c.ReferencedSOPSequence[0].ReferencedSOPInstanceUID for c in ds.ContentSequence]),',
      '  "evidence": sorted(st.StudyInstanceUID + "/" + se.SeriesInstanceUID + "/" + i.ReferencedSOPInstanceUID for st in ds.CurrentRequestedProcedureEvidenceSequence for se in st.ReferencedSeriesSequence for i in se.ReferencedSOPSequence)}))',
    ].join('\n'), [path]));
    expect(read).toMatchObject({ sopClass: '1.2.840.10008.5.1.4.1.1.88.59', modality: 'KO', study: phantom.studyInstanceUID, title: ['113001', 'DCM', 'Rejected for Quality Reasons'], template: '2010' });
    expect(read.patient).toBeTruthy();
    // Every object of the first run: the SR as COMPOSITE, the images (reduced CT, report, screen saves) as IMAGE.
    expect(read.items).toEqual(first.written.map((o) => `${o.output === 'sr' ? 'COMPOSITE' : 'IMAGE'} ${o.sopInstanceUID}`).sort());
    expect(read.evidence).toEqual(first.written.map((o) => `${o.studyInstanceUID}/${o.seriesInstanceUID}/${o.sopInstanceUID}`).sort());
    const check = spawnSync(peer('dciodvfy')!, [path], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
    // The note goes where the objects went.
    const forward = await atrium('--store', store, 'send', note.sopInstanceUID, 'PACS');
    expect(forward.code, forward.err + forward.out).toBe(0);
    expect(readdirSync(received).filter((f) => f.endsWith(note.sopInstanceUID))).toHaveLength(1);

    // A re-run whose replaced outputs (the second run's) were never sent: removed, no note.
    const third = await run(phantom.seeds.filter((s) => s.artery !== 'RCA'));
    expect(third.removed.map((r) => r.sopInstanceUID).sort()).toEqual(second.written.map((o) => o.sopInstanceUID).sort());
    expect(third.rejectionNotes).toEqual([]);
    // --keep-previous: nothing removed, nothing rejected (the earlier note stays in the store).
    const kept = await run(phantom.seeds, '--keep-previous');
    expect([kept.removed, kept.rejectionNotes]).toEqual([[], []]);
    const after = openWorkstation(store);
    try {
      expect(after.index.getInstances({ SOPInstanceUID: note.sopInstanceUID })).toHaveLength(1);
    } finally {
      after.close();
    }
  }, 300_000);
});
