/** Retain Safe Private Option (PS3.15 E.3.10): the elements of Table E.3.10-1 are kept, 113111 recorded. */
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { readSample } from '../../../test/support/samples.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { numberElement, stringElement } from '../io/element-factory.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { deidentify } from './deidentify.js';

/** MR_small with private blocks of known vendors: safe and unsafe elements, in a second block, in an item. */
function withPrivateBlocks(): DicomFile {
  const mr = parseDicom(readSample('mr/MR_small.dcm'));
  const enc = mr.dataset.encoding;
  const series = mr.dataset.string(Tag.SeriesInstanceUID)!;
  const item = new DataSet([
    stringElement(0x00190010, 'LO', 'SIEMENS MR HEADER'),
    stringElement(0x0019100c, 'IS', '1000'), // B Value: safe
    stringElement(0x00191010, 'LO', 'DOE^JOHN'), // not in the table
  ], enc);
  const elements: DataElement[] = [
    stringElement(0x00430010, 'LO', 'GEMS_PARM_01'),
    stringElement(0x00430011, 'LO', 'OTHER VENDOR'),
    stringElement(0x00430012, 'LO', 'GEMS_PARM_01 '), // a second block of the same creator (LO padding)
    stringElement(0x00431027, 'SH', '1.375:1'), // Scan Pitch Ratio: safe
    stringElement(0x00431028, 'LO', 'DOE^JOHN'), // not in the table
    stringElement(0x00431127, 'SH', 'OTHER'), // (0043,xx27) of another creator
    stringElement(0x00431239, 'IS', ['1000', '0', '0', '0']), // B Value in the second block: safe
    stringElement(0x00450010, 'LO', 'GEMS_HELIOS_01'),
    stringElement(0x00451001, 'LO', 'DOE^JOHN'), // SS in the table: a LO here is not the safe attribute
    stringElement(0x00991101, 'UI', '1.2.3'), // no Private Creator (0099,0011) for the block
    stringElement(0x00990010, 'LO', 'NQHeader'),
    stringElement(0x00991002, 'UI', series), // Analyzed Series UID: safe, remapped
    numberElement(0x00991004, 'SS', [0], enc), // Return Code: safe
    { tag: 0x00291010, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false, items: [{ undefinedLength: false, dataset: item }] },
    stringElement(0x00290010, 'LO', 'PLANTED'),
  ];
  return { ...mr, dataset: mr.dataset.with(new Map(elements.map((e) => [e.tag, e]))) };
}

const privateTags = (ds: DataSet): number[] => ds.elements.filter((e) => (e.tag >>> 16) & 1).map((e) => e.tag >>> 0);

describe('Retain Safe Private Option', () => {
  it('keeps the Table E.3.10-1 elements with their Private Creators, remaps their UIDs, removes the rest, records 113111', () => {
    const input = withPrivateBlocks();
    const { file, report } = deidentify(input, { secret: 's', options: ['retainSafePrivate'] });
    const ds = parseDicom(writePart10(file)).dataset;
    expect(privateTags(ds).map((t) => t.toString(16))).toEqual(['430010', '430012', '431027', '431239', '990010', '991002', '991004']);
    expect(ds.string(0x00431027)).toBe('1.375:1');
    expect(ds.strings(0x00431239)).toEqual(['1000', '0', '0', '0']);
    expect(ds.string(0x00991002)).toBe(ds.string(Tag.SeriesInstanceUID)); // the original series UID, remapped as everywhere
    expect(ds.string(0x00991002)).not.toBe(input.dataset.string(Tag.SeriesInstanceUID));
    expect(ds.items(Tag.DeidentificationMethodCodeSequence).map((i) => i.dataset.string(Tag.CodeValue))).toEqual(['113100', '113111']);
    expect(ds.strings(Tag.DeidentificationMethod)).toContain('Retain Safe Private Option');
    expect(report.notes.join(' ')).toContain('Retain Safe Private: 7 private element(s) of PS3.15 Table E.3.10-1 kept');
    expect(new TextDecoder('latin1').decode(writePart10(file))).not.toContain('DOE^JOHN');
  });

  it('keeps safe elements inside a kept item only with their creator; a private sequence not in the table goes', () => {
    const input = withPrivateBlocks();
    const nested: DataElement = { tag: Tag.ReferencedImageSequence, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false, items: input.dataset.items(0x00291010).map((i) => ({ ...i, dataset: new DataSet([...i.dataset.elements, stringElement(Tag.ReferencedSOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.4'), stringElement(Tag.ReferencedSOPInstanceUID, 'UI', '1.2.3.4')].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)), i.dataset.encoding) })) };
    const withItem = { ...input, dataset: input.dataset.with(new Map([[Tag.ReferencedImageSequence, nested]])) };
    const ds = deidentify(withItem, { secret: 's', options: ['retainSafePrivate', 'retainUIDs'] }).file.dataset;
    expect(ds.has(0x00291010)).toBe(false);
    const kept = ds.items(Tag.ReferencedImageSequence)[0]!.dataset;
    expect(privateTags(kept).map((t) => t.toString(16))).toEqual(['190010', '19100c']);
    expect(ds.string(0x00991002)).toBe(input.dataset.string(Tag.SeriesInstanceUID)); // Retain UIDs keeps them, private ones too
  });

  it('without the option, every private element goes and 113111 is not recorded', () => {
    const ds = deidentify(withPrivateBlocks(), { secret: 's' }).file.dataset;
    expect(privateTags(ds)).toEqual([]);
    expect(ds.items(Tag.DeidentificationMethodCodeSequence).map((i) => i.dataset.string(Tag.CodeValue))).toEqual(['113100']);
  });
});
