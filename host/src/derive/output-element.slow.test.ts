/**
 * Re-encoding of copied elements: every element of Implicit VR and Big Endian sources,
 * written as Explicit VR Little Endian by `toOutputElement` (and re-encoded to UTF-8 for the
 * character set samples), reads back in pydicom with the values pydicom reads from the source.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TransferSyntax, Tag } from '@atrium/sdk';
import { havePeers, peer, runPydicom } from '../../../test/support/peers.js';
import { readSample, samplePath } from '../../../test/support/samples.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { DataSet } from '../io/data-set.js';
import { stringElement } from '../io/element-factory.js';
import { parseDicom } from '../io/parse-part10.js';
import { EXPLICIT_LE, transferSyntaxInfo } from '../io/transfer-syntax.js';
import { writePart10 } from '../io/write-part10.js';
import { syntheticCtSeries } from '../testing/synthetic-ct-series.js';
import { toOutputElement } from './output-element.js';

const COMPARE = readFileSync(new URL('./test-support/compare-values.py', import.meta.url), 'utf8');

/** Every element of a file through toOutputElement, written as Explicit VR LE. */
function reencodeFile(bytes: Uint8Array, toUtf8: boolean): Uint8Array {
  const { dataset } = parseDicom(bytes);
  let elements = dataset.elements.map((e) => toOutputElement(e, dataset, toUtf8));
  if (toUtf8) elements = elements.map((e) => (e.tag === Tag.SpecificCharacterSet ? stringElement(Tag.SpecificCharacterSet, 'CS', 'ISO_IR 192') : e));
  const out = new DataSet(elements, EXPLICIT_LE, toUtf8 ? ['ISO_IR 192'] : dataset.characterSet);
  return writePart10({
    hasPrefix: true, dataset: out, transferSyntax: transferSyntaxInfo(TransferSyntax.ExplicitVRLittleEndian), transferSyntaxDetected: false,
    trailing: new Uint8Array(0), stoppedAtPixelData: false, datasetBytes: new Uint8Array(0),
  });
}

describe('re-encoding copied elements to Explicit VR Little Endian', () => {
  const tmp = useTempDir('atrium-reencode-');
  const ready = havePeers('pydicom', 'dcmconv');

  /** Re-encode `sourcePath`, then let pydicom compare both; returns the number of elements compared. */
  const compare = (sourcePath: string, toUtf8 = false): number => {
    const outPath = join(tmp(), `${basename(sourcePath)}.le.dcm`);
    writeFileSync(outPath, reencodeFile(new Uint8Array(readFileSync(sourcePath)), toUtf8));
    const report = runPydicom(COMPARE, [sourcePath, outPath, ...(toUtf8 ? ['--utf8'] : [])]).trim().split('\n');
    const count = Number(report.pop()?.replace('COMPARED ', ''));
    expect(report.filter((l) => l !== '')).toEqual([]);
    return count;
  };
  const convert = (from: string, flag: string, name: string): string => {
    const to = join(tmp(), name);
    execFileSync(peer('dcmconv')!, [flag, from, to]);
    return to;
  };

  it.skipIf(!ready)('an Implicit VR LE sample (RT Dose: AT, DS vectors, 32-bit OW pixels, nested sequences)', () => {
    expect(parseDicom(readSample('rt-seg-sr/rtdose.dcm')).transferSyntax.uid).toBe(TransferSyntax.ImplicitVRLittleEndian);
    expect(compare(samplePath('rt-seg-sr/rtdose.dcm'))).toBeGreaterThan(40);
  });

  it.skipIf(!ready)('an Implicit VR conversion of a synthetic CT (dcmconv +ti)', () => {
    const ct = join(tmp(), 'ct.dcm');
    writeFileSync(ct, syntheticCtSeries({ slices: 1, rows: 16, columns: 16, pixelRepresentation: 1 })[0]!);
    const implicit = convert(ct, '+ti', 'ct-implicit.dcm');
    expect(parseDicom(new Uint8Array(readFileSync(implicit))).transferSyntax.uid).toBe(TransferSyntax.ImplicitVRLittleEndian);
    expect(compare(implicit)).toBeGreaterThan(50);
  });

  it.skipIf(!ready)('Big Endian conversions (dcmconv +tb) of a CT and an MR: binary values byte-swapped', () => {
    const ct = join(tmp(), 'ct2.dcm');
    writeFileSync(ct, syntheticCtSeries({ slices: 1, rows: 16, columns: 16 })[0]!);
    for (const source of [convert(ct, '+tb', 'ct-be.dcm'), convert(samplePath('mr/MR_small.dcm'), '+tb', 'mr-be.dcm')]) {
      const file = parseDicom(new Uint8Array(readFileSync(source)));
      expect(file.transferSyntax.uid).toBe(TransferSyntax.ExplicitVRBigEndian);
      expect(compare(source)).toBeGreaterThan(40);
    }
  });

  it.skipIf(!ready)('text of other character sets re-encoded as ISO_IR 192 reads back as the same text', () => {
    for (const rel of ['charsets/chrJapMulti.dcm', 'charsets/chrX1.dcm', 'charsets/chrRuss.dcm', 'charsets/chrGreek.dcm', 'charsets/chrH31.dcm']) {
      expect(compare(samplePath(rel), true), rel).toBeGreaterThan(10);
    }
  });
});
