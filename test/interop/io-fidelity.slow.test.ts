/**
 * Every encoding, produced by DCMTK from real samples: `dcmconv` writes each sample in
 * Implicit VR LE, Explicit VR LE / BE, Deflated, with undefined-length sequences and items,
 * and as bare datasets without preamble and meta. For each file:
 * - Atrium's element list equals the one dcmdump and pydicom read (tag path, VR, length,
 *   value; see test/support/element-listing.ts for what is normalised);
 * - writing the parsed file back gives the same bytes (deflated: the same inflated
 *   dataset; bare dataset: the same bytes after a generated meta);
 * - dcmdump and pydicom read the written file exactly as they read the input.
 * Needs dcmconv, dcmdump and pydicom (under CI=true their absence fails).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tag, TransferSyntax } from '@atrium/sdk';
import { parseDicom, type DicomFile } from '../../host/src/io/parse-part10.js';
import { writeDataset } from '../../host/src/io/write-dataset.js';
import { writePart10 } from '../../host/src/io/write-part10.js';
import { comparedValues, diffListings, listAtrium, listDcmdump, listPydicom, type ElementTuple } from '../support/element-listing.js';
import { havePeers, runPeer } from '../support/peers.js';
import { samplePath } from '../support/samples.js';
import { useTempDir } from '../support/temp-dir.js';

const ok = havePeers('dcmconv', 'dcmdump', 'pydicom');

/** Samples chosen for what they carry. */
const SAMPLES = {
  mr: 'mr/MR_small.dcm', // plain MR image, 16-bit signed pixels
  nmMultiframe: 'nm/NM_GATED_planar_16slots.dcm', // NM multi-frame with sequences
  srNested: 'rt-seg-sr/test-SR.dcm', // SR content tree: sequences nested 6 deep, UT with line breaks
  privateTags: 'nm/UNIFORMIDAD_1.dcm', // private groups (read as UN in implicit VR)
  japanese: 'charsets/chrH31.dcm', // ISO 2022 IR 87 (JIS X 0208) person names
} as const;

interface Variant {
  readonly name: string;
  readonly dcmconv: readonly string[];
  /** dcmdump options to read the output (bare datasets: encoding given explicitly). */
  readonly dcmdump: readonly string[];
  readonly bare: boolean;
  readonly ts: string;
}

const VARIANTS: readonly Variant[] = [
  { name: 'implicit-le', dcmconv: ['+ti'], dcmdump: [], bare: false, ts: TransferSyntax.ImplicitVRLittleEndian },
  { name: 'explicit-le', dcmconv: ['+te'], dcmdump: [], bare: false, ts: TransferSyntax.ExplicitVRLittleEndian },
  { name: 'explicit-be', dcmconv: ['+tb'], dcmdump: [], bare: false, ts: TransferSyntax.ExplicitVRBigEndian },
  { name: 'deflated', dcmconv: ['+td'], dcmdump: [], bare: false, ts: TransferSyntax.DeflatedExplicitVRLittleEndian },
  { name: 'undefined-lengths-explicit-le', dcmconv: ['-e', '+te'], dcmdump: [], bare: false, ts: TransferSyntax.ExplicitVRLittleEndian },
  { name: 'undefined-lengths-implicit-le', dcmconv: ['-e', '+ti'], dcmdump: [], bare: false, ts: TransferSyntax.ImplicitVRLittleEndian },
  { name: 'bare-implicit-le', dcmconv: ['-F', '+ti'], dcmdump: ['-f', '-ti'], bare: true, ts: TransferSyntax.ImplicitVRLittleEndian },
  { name: 'bare-explicit-le', dcmconv: ['-F', '+te'], dcmdump: ['-f', '-te'], bare: true, ts: TransferSyntax.ExplicitVRLittleEndian },
  { name: 'bare-explicit-be', dcmconv: ['-F', '+tb'], dcmdump: ['-f', '-tb'], bare: true, ts: TransferSyntax.ExplicitVRBigEndian },
];

interface Case {
  readonly id: string;
  readonly variant: Variant;
  readonly input: Uint8Array;
  /** Our parse and write, or what they threw. */
  readonly parsed?: DicomFile;
  readonly written?: Uint8Array;
  readonly error?: unknown;
  dcmdumpIn: ElementTuple[];
  dcmdumpOut: ElementTuple[];
  pydicomIn: ElementTuple[];
  pydicomOut: ElementTuple[];
}

const withoutMeta = (list: readonly ElementTuple[]): ElementTuple[] => list.filter((t) => !t.path.startsWith('0002,'));

describe.skipIf(!ok)('every encoding DCMTK writes, against dcmdump and pydicom', () => {
  const tmp = useTempDir('atrium-io-fidelity-');
  const cases = new Map<string, Case>();

  beforeAll(() => {
    const inputs: string[] = [];
    const outputs: string[] = [];
    for (const [key, rel] of Object.entries(SAMPLES)) {
      for (const variant of VARIANTS) {
        const id = `${key}.${variant.name}`;
        const inPath = join(tmp(), `${id}.in.dcm`);
        const outPath = join(tmp(), `${id}.out.dcm`);
        runPeer('dcmconv', ['-q', ...variant.dcmconv, samplePath(rel), inPath]);
        const input = new Uint8Array(readFileSync(inPath));
        let c: Case;
        try {
          const parsed = parseDicom(input);
          const written = writePart10(parsed);
          writeFileSync(outPath, written);
          c = { id, variant, input, parsed, written, dcmdumpIn: [], dcmdumpOut: [], pydicomIn: [], pydicomOut: [] };
        } catch (error) {
          copyFileSync(inPath, outPath);
          c = { id, variant, input, error, dcmdumpIn: [], dcmdumpOut: [], pydicomIn: [], pydicomOut: [] };
        }
        cases.set(id, c);
        inputs.push(inPath);
        outputs.push(outPath);
      }
    }
    // One reader run per encoding option set (dcmdump) and one for everything (pydicom).
    const all = [...cases.values()];
    for (const variant of VARIANTS) {
      const mine = all.filter((c) => c.variant === variant);
      const ins = listDcmdump(mine.map((c) => join(tmp(), `${c.id}.in.dcm`)), variant.dcmdump);
      // Written files always carry a meta: dcmdump reads them as Part 10 files.
      const outs = listDcmdump(mine.map((c) => join(tmp(), `${c.id}.out.dcm`)));
      mine.forEach((c, i) => {
        c.dcmdumpIn = ins[i] ?? [];
        c.dcmdumpOut = outs[i] ?? [];
      });
    }
    const py = listPydicom([...inputs, ...outputs]);
    all.forEach((c, i) => {
      c.pydicomIn = py[i] ?? [];
      c.pydicomOut = py[inputs.length + i] ?? [];
    });
  });

  for (const key of Object.keys(SAMPLES)) {
    for (const variant of VARIANTS) {
      const id = `${key}.${variant.name}`;
      it(`${id}: parses, lists what dcmdump and pydicom list, writes back identically`, () => {
        const c = cases.get(id);
        if (!c) throw new Error(`no case ${id}`);
        expect(c.error).toBeUndefined();
        const parsed = c.parsed as DicomFile;
        const written = c.written as Uint8Array;

        expect(parsed.transferSyntax.uid).toBe(variant.ts);
        expect(parsed.transferSyntaxDetected).toBe(variant.bare);
        expect(parsed.meta === undefined).toBe(variant.bare);

        // The element list equals that of two independent readers.
        const ours = listAtrium(parsed);
        expect(diffListings(ours, c.dcmdumpIn)).toEqual([]);
        expect(diffListings(ours, c.pydicomIn)).toEqual([]);
        // ... and the comparison is not vacuous: most elements had their values compared.
        expect(comparedValues(c.dcmdumpIn)).toBeGreaterThan(ours.length / 2);
        expect(comparedValues(c.pydicomIn)).toBeGreaterThan(ours.length / 2);

        // Written back: the same bytes.
        if (variant.bare) {
          // A meta is generated in front; the dataset bytes follow unchanged.
          expect(Buffer.from(written.subarray(written.length - c.input.length)).equals(c.input)).toBe(true);
          expect(Buffer.from(writeDataset(parsed.dataset, parsed.transferSyntax)).equals(c.input)).toBe(true);
          const reread = parseDicom(written);
          expect(reread.meta?.string(Tag.TransferSyntaxUID)).toBe(variant.ts);
        } else if (parsed.transferSyntax.deflated) {
          // The deflate stream is made anew; the meta and the inflated dataset are identical.
          const reread = parseDicom(written);
          const metaEnd = metaLength(c.input);
          expect(Buffer.from(written.subarray(0, metaEnd)).equals(Buffer.from(c.input.subarray(0, metaEnd)))).toBe(true);
          expect(Buffer.from(reread.datasetBytes).equals(Buffer.from(parsed.datasetBytes))).toBe(true);
        } else {
          expect(Buffer.from(written).equals(c.input)).toBe(true);
        }

        // The written file reads exactly as the input in both readers.
        expect(variant.bare ? withoutMeta(c.dcmdumpOut) : c.dcmdumpOut).toEqual(c.dcmdumpIn);
        expect(variant.bare ? withoutMeta(c.pydicomOut) : c.pydicomOut).toEqual(c.pydicomIn);
      });
    }
  }

  it('files without preamble, or without preamble and "DICM", parse to the same elements and write back identically', () => {
    for (const key of Object.keys(SAMPLES)) {
      const c = cases.get(`${key}.explicit-le`);
      if (!c?.parsed) throw new Error(`no explicit-le case for ${key}`);
      const expected = listAtrium(c.parsed);
      for (const cut of [128, 132]) {
        const bytes = c.input.subarray(cut);
        const file = parseDicom(bytes);
        expect(file.preamble).toBeUndefined();
        expect(file.hasPrefix).toBe(cut === 128);
        expect(listAtrium(file)).toEqual(expected);
        expect(Buffer.from(writePart10(file)).equals(Buffer.from(bytes))).toBe(true);
      }
    }
  });
});

/** Offset where the dataset starts in a Part 10 file: after preamble, "DICM" and the group 0002 elements. */
function metaLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 132;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const vr = String.fromCharCode(bytes[pos + 4] ?? 0, bytes[pos + 5] ?? 0);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT', 'UC', 'UR', 'OD', 'OF', 'OL', 'OV'].includes(vr);
    pos += long ? 12 + view.getUint32(pos + 8, true) : 8 + view.getUint16(pos + 6, true);
  }
  return pos;
}
