/** Damaged inputs and inputs without a usable identity are refused, never written half-read. */
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { readSample } from '../../../test/support/samples.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { bytesElement, stringElement } from '../io/element-factory.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { deidentify } from './deidentify.js';
import { identifyingValues, indexOfBytes, residualHits, retainedValueBytes } from './test-support/residual-identity.js';

const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** Offsets of the value length fields of the top-level elements of an Explicit VR Little Endian file, before Pixel Data. */
function lengthFields(bytes: Uint8Array): { tag: number; at: number; size: 2 | 4 }[] {
  const file = parseDicom(bytes);
  const view = Buffer.from(bytes);
  const out: { tag: number; at: number; size: 2 | 4 }[] = [];
  let at = bytes.length - file.datasetBytes.length;
  for (const e of file.dataset.elements) {
    if (e.items || e.encapsulated || e.tag === Tag.PixelData) break;
    expect(((view.readUInt16LE(at) << 16) | view.readUInt16LE(at + 2)) >>> 0).toBe(e.tag >>> 0);
    const long = LONG_LENGTH_VRS.has(e.vr);
    out.push({ tag: e.tag, at: at + (long ? 8 : 6), size: long ? 4 : 2 });
    at += (long ? 12 : 8) + e.value.length;
  }
  return out;
}

/** The file with one value length set to 0x7FFF. */
function withLength7fff(bytes: Uint8Array, field: { at: number; size: 2 | 4 }): Uint8Array {
  const b = Buffer.from(bytes);
  if (field.size === 2) b.writeUInt16LE(0x7fff, field.at);
  else b.writeUInt32LE(0x7fff, field.at);
  return new Uint8Array(b);
}

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'written';
  } catch (e) {
    return isAtriumError(e) ? e.code : String(e);
  }
};

const withIdentity = (file: DicomFile, changes: [number, DataElement | undefined][]): DicomFile => ({ ...file, dataset: file.dataset.with(new Map(changes)) });

describe('inputs the de-identifier refuses', () => {
  it('refuses a file whose private length field reads 0x7FFF: the study and series UIDs were swallowed', () => {
    const bytes = readSample('nm/UNIFORMIDAD_1.dcm');
    const field = lengthFields(bytes).find((f) => f.tag === 0x00091011)!; // FD of the MEDISO_CONSOLE block
    const damaged = parseDicom(withLength7fff(bytes, field));
    expect(damaged.dataset.has(Tag.StudyInstanceUID)).toBe(false); // read as part of (0009,1011)
    expect(() => deidentify(damaged, { secret: 's' })).toThrow(/ATRIUM_ERR_DEID_IDENTITY|StudyInstanceUID \(0020,000D\) is missing/);
    expect(codeOf(() => deidentify(damaged, { secret: 's' }))).toBe('ATRIUM_ERR_DEID_IDENTITY');
  });

  it('any value length of 0x7FFF: refused, unreadable, or written with its identity and no identifying value of the original', () => {
    for (const sample of ['mr/MR_small.dcm', 'nm/UNIFORMIDAD_1.dcm', 'rt-seg-sr/liver.dcm', 'rt-seg-sr/test-SR.dcm']) {
      const bytes = readSample(sample);
      const original = parseDicom(bytes).dataset;
      const kept = retainedValueBytes(original);
      const values = identifyingValues(original).filter((v) => indexOfBytes(kept, v.bytes) < 0);
      const outcomes = new Map<string, number>();
      for (const field of lengthFields(bytes)) {
        let file: DicomFile;
        try {
          file = parseDicom(withLength7fff(bytes, field));
        } catch {
          outcomes.set('unreadable', (outcomes.get('unreadable') ?? 0) + 1);
          continue;
        }
        const code = codeOf(() => deidentify(file, { secret: 's' }));
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        if (code !== 'written') continue;
        const out = deidentify(file, { secret: 's' }).file;
        for (const tag of [Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID]) expect(out.dataset.string(tag), `${sample} ${field.tag.toString(16)}`).toBeDefined();
        expect(residualHits(values, writePart10(out)).map((v) => `${sample} length of ${field.tag.toString(16)}: ${v.path} ${v.text}`)).toEqual([]);
      }
      expect([...outcomes.keys()].every((k) => ['unreadable', 'written', 'ATRIUM_ERR_DEID_IDENTITY', 'ATRIUM_ERR_DEID_MALFORMED'].includes(k)), `${sample}: ${[...outcomes].join(' ')}`).toBe(true);
    }
  });

  it('refuses identity UIDs that are missing, empty, lists, paths or too long', () => {
    const mr = parseDicom(readSample('mr/MR_small.dcm'));
    const cases: [string, [number, DataElement | undefined][]][] = [
      ['a list', [[Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', ['1.2.3', '1.2.4'])]]],
      ['backslashes only', [[Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', '\\\\\\')]]],
      ['a path', [[Tag.SeriesInstanceUID, stringElement(Tag.SeriesInstanceUID, 'UI', '../../etc/passwd')]]],
      ['spaces', [[Tag.StudyInstanceUID, bytesElement(Tag.StudyInstanceUID, 'UI', new TextEncoder().encode('    '))]]],
      ['missing', [[Tag.SOPClassUID, undefined]]],
      ['65 characters', [[Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', `1.${'2'.repeat(63)}`)]]],
      ['an empty component', [[Tag.StudyInstanceUID, stringElement(Tag.StudyInstanceUID, 'UI', '1..2')]]],
    ];
    for (const [name, changes] of cases) expect(codeOf(() => deidentify(withIdentity(mr, changes), { secret: 's' })), name).toBe('ATRIUM_ERR_DEID_IDENTITY');
  });

  it('refuses elements out of order inside an item; lets trailing zero padding through', () => {
    const mr = parseDicom(readSample('mr/MR_small.dcm'));
    const item = new DataSet([stringElement(Tag.ReferencedSOPInstanceUID, 'UI', '1.2.3'), stringElement(Tag.ReferencedSOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.4')], mr.dataset.encoding);
    const sequence: DataElement = { tag: Tag.ReferencedImageSequence, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false, items: [{ undefinedLength: false, dataset: item }] };
    expect(() => deidentify(withIdentity(mr, [[Tag.ReferencedImageSequence, sequence]]), { secret: 's' })).toThrow('(0008,1140)[0]/(0008,1150) follows (0008,1140)[0]/(0008,1155)');
    // 40 levels deep, the message shows the first and last three steps of the path
    let deep = sequence;
    for (let i = 0; i < 39; i++) deep = { ...sequence, items: [{ undefinedLength: false, dataset: new DataSet([deep], mr.dataset.encoding) }] };
    const message = String((() => { try { deidentify(withIdentity(mr, [[Tag.ReferencedImageSequence, deep]]), { secret: 's' }); } catch (e) { return e; } })());
    expect(message).toContain('(0008,1140)[0]/(0008,1140)[0]/(0008,1140)[0]/… 35 more …/(0008,1140)[0]/(0008,1140)[0]/(0008,1150) (41 levels) follows ');
    expect(message.length).toBeLessThan(500);
    const padded = parseDicom(new Uint8Array(Buffer.concat([readSample('mr/MR_small.dcm'), new Uint8Array(24)])));
    expect(padded.dataset.elements.at(-1)?.tag).toBe(0);
    expect(codeOf(() => deidentify(padded, { secret: 's' }))).toBe('written');
  });
});
