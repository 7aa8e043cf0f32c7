/**
 * The odd encodings built byte by byte (test/support/odd-dataset.ts: odd lengths,
 * undefined-length sequences and items, empty items and sequences, a private UN of
 * undefined length, an unknown public tag) read by Atrium exactly as dcmdump and pydicom
 * read them, in Explicit VR LE, Implicit VR LE (with meta and bare) and Explicit VR BE.
 * Needs dcmdump and pydicom (under CI=true their absence fails).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TransferSyntax } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { writePart10 } from '../../host/src/io/write-part10.js';
import { encodeDataset, FIXTURE_EXPLICIT_BE, FIXTURE_EXPLICIT_LE, FIXTURE_IMPLICIT_LE, part10, type FixtureEncoding } from '../support/dicom-fixture.js';
import { diffListings, listAtrium, listDcmdump, listPydicom, type ElementTuple } from '../support/element-listing.js';
import { oddInstance } from '../support/odd-dataset.js';
import { havePeers } from '../support/peers.js';
import { useTempDir } from '../support/temp-dir.js';

const ok = havePeers('dcmdump', 'pydicom');
const SOP = { sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.3141592653589793.3' };

interface OddCase {
  readonly name: string;
  readonly enc: FixtureEncoding;
  readonly ts: string;
  readonly bare: boolean;
  /** pydicom 2.x cannot read a UN of undefined length in a Big Endian file: it gets the file without it. */
  readonly pydicomWithoutUn: boolean;
}

const CASES: readonly OddCase[] = [
  { name: 'explicit-le', enc: FIXTURE_EXPLICIT_LE, ts: TransferSyntax.ExplicitVRLittleEndian, bare: false, pydicomWithoutUn: false },
  { name: 'implicit-le', enc: FIXTURE_IMPLICIT_LE, ts: TransferSyntax.ImplicitVRLittleEndian, bare: false, pydicomWithoutUn: false },
  { name: 'bare-implicit-le', enc: FIXTURE_IMPLICIT_LE, ts: TransferSyntax.ImplicitVRLittleEndian, bare: true, pydicomWithoutUn: false },
  { name: 'explicit-be', enc: FIXTURE_EXPLICIT_BE, ts: TransferSyntax.ExplicitVRBigEndian, bare: false, pydicomWithoutUn: true },
];

function fileOf(c: OddCase, withUn = true): Uint8Array {
  const dataset = encodeDataset(oddInstance().filter((e) => withUn || e.tag !== 0x00091001), c.enc);
  return c.bare ? dataset : part10(dataset, { ...SOP, transferSyntaxUID: c.ts });
}

describe.skipIf(!ok)('odd encodings, against dcmdump and pydicom', () => {
  const tmp = useTempDir('atrium-io-odd-');
  const dcmdump = new Map<string, { input: ElementTuple[]; output: ElementTuple[] }>();
  const pydicom = new Map<string, ElementTuple[]>();

  beforeAll(() => {
    const pyPaths: string[] = [];
    for (const c of CASES) {
      const inPath = join(tmp(), `${c.name}.dcm`);
      const outPath = join(tmp(), `${c.name}.out.dcm`);
      writeFileSync(inPath, fileOf(c));
      writeFileSync(outPath, writePart10(parseDicom(fileOf(c))));
      const [input = [], output = []] = [
        listDcmdump([inPath], c.bare ? ['-f', '-ti'] : [])[0],
        listDcmdump([outPath])[0],
      ];
      dcmdump.set(c.name, { input, output });
      const pyPath = join(tmp(), `${c.name}.pydicom.dcm`);
      writeFileSync(pyPath, fileOf(c, !c.pydicomWithoutUn));
      pyPaths.push(pyPath);
    }
    listPydicom(pyPaths).forEach((list, i) => pydicom.set(CASES[i]?.name ?? '', list));
  });

  for (const c of CASES) {
    it(`${c.name}: Atrium lists what dcmdump lists, and pydicom; the written file reads the same`, () => {
      const file = parseDicom(fileOf(c));
      expect(file.transferSyntax.uid).toBe(c.ts);
      const ours = listAtrium(file);
      const dd = dcmdump.get(c.name);
      expect(diffListings(ours, dd?.input ?? [])).toEqual([]);
      // Written back (bare: behind a generated meta), dcmdump reads the same elements.
      const written = (dd?.output ?? []).filter((t) => !c.bare || !t.path.startsWith('0002,'));
      expect(written).toEqual(dd?.input);

      const forPydicom = c.pydicomWithoutUn ? listAtrium(parseDicom(fileOf(c, false))) : ours;
      expect(diffListings(forPydicom, pydicom.get(c.name) ?? [])).toEqual([]);
      // The odd parts are in the listings that agreed.
      const paths = ours.map((t) => `${t.path} ${t.vr} ${t.length}`);
      const privateOb = c.enc.explicitVR ? '0009,1002 OB 3' : '0009,1002 UN 3'; // implicit: not in the dictionary
      for (const expected of ['0008,1030 LO 3', '0008,1032 SQ u/l', '0008,1032/3 na u/l', '0008,1032/1/0040,0260/1/0040,0260/1/0008,0104 LO 4', '0008,1110 SQ u/l', '0009,1001 SQ u/l', privateOb, '0010,1002 SQ 0', '0020,4000 LT 1']) {
        expect(paths).toContain(expected);
      }
      expect(ours.find((t) => t.path === '0010,9999')).toMatchObject({ vr: c.enc.explicitVR ? 'LO' : 'UN', length: '14' });
    });
  }
});
