import { describe, expect, it } from 'vitest';
import { dictionaryEntries, lookupKeyword, lookupTag, tagToString } from './dictionary.js';
import { DICTIONARY_ENTRY_COUNT } from './dictionary.generated.js';
import { Tag } from './tags.generated.js';

describe('data dictionary', () => {
  it('looks up standard tags', () => {
    expect(lookupTag(0x00100010)).toEqual({
      tag: 0x00100010, keyword: 'PatientName', vr: 'PN', vrs: ['PN'], vm: '1', name: "Patient's Name", retired: false,
    });
    expect(lookupTag(0x00080018)?.keyword).toBe('SOPInstanceUID');
    expect(lookupTag(0x7fe00010)?.vrs).toEqual(['OB', 'OW']);
    expect(lookupTag(0x7fe00010)?.vr).toBe('OB');
    expect(lookupTag(0x00280106)?.vrs).toEqual(['US', 'SS']);
    expect(lookupTag(0x00283006)).toMatchObject({ keyword: 'LUTData', vrs: ['US', 'OW'], vm: '1-n or 1' });
    expect(lookupTag(0x00080001)).toMatchObject({ keyword: 'LengthToEnd', retired: true });
    expect(lookupTag(0xfffee000)).toMatchObject({ keyword: 'Item', vr: 'UN', vrs: [] });
  });

  it('accepts tags written as signed 32-bit numbers', () => {
    expect(lookupTag(0xfffee0dd | 0)?.keyword).toBe('SequenceDelimitationItem');
  });

  it('resolves repeating groups through masks', () => {
    expect(lookupTag(0x60023000)).toMatchObject({ tag: 0x60023000, keyword: 'OverlayData', vr: 'OB', vrs: ['OB', 'OW'] });
    expect(lookupTag(0x60000010)?.keyword).toBe('OverlayRows');
    expect(lookupTag(0x601e0011)?.keyword).toBe('OverlayColumns');
    expect(lookupTag(0x50043000)).toMatchObject({ keyword: 'CurveData', retired: true });
    expect(lookupTag(0x7f020010)?.keyword).toBe('VariablePixelData');
    expect(lookupTag(0x002031a5)?.keyword).toBe('SourceImageIDs');
    expect(lookupTag(0x00280432)?.keyword).toBe('CoefficientCoding');
    expect(lookupTag(0x10000123)?.keyword).toBe('HuffmanTableTriplet');
    expect(lookupTag(0x10104567)?.keyword).toBe('ZonalMap');
    // outside the repeating range 60xx, xx even and ≤ 1E
    expect(lookupTag(0x60203000)).toBeUndefined();
    expect(lookupTag(0x60013000)).toBeUndefined();
  });

  it('handles group lengths, private creators and unknown tags', () => {
    expect(lookupTag(0x00080000)).toMatchObject({ tag: 0x00080000, keyword: 'GenericGroupLength', vr: 'UL' });
    expect(lookupTag(0x00020000)?.keyword).toBe('FileMetaInformationGroupLength');
    expect(lookupTag(0x00290010)).toMatchObject({ tag: 0x00290010, keyword: 'PrivateCreator', vr: 'LO' });
    expect(lookupTag(0x002900ff)?.keyword).toBe('PrivateCreator');
    expect(lookupTag(0x00291010)).toBeUndefined();
    expect(lookupTag(0x0029000f)).toBeUndefined();
    expect(lookupTag(0x00089999)).toBeUndefined();
  });

  it('looks up keywords', () => {
    expect(lookupKeyword('PatientName')?.tag).toBe(0x00100010);
    expect(lookupKeyword('OverlayData')?.tag).toBe(0x60003000);
    expect(lookupKeyword('NoSuchKeyword')).toBeUndefined();
    expect(lookupKeyword('')).toBeUndefined();
  });

  it('formats tags', () => {
    expect(tagToString(0x00080018)).toBe('(0008,0018)');
    expect(tagToString(0x7fe00010)).toBe('(7FE0,0010)');
    expect(tagToString(0xfffee000 | 0)).toBe('(FFFE,E000)');
  });

  it('keeps every entry of the 2025 dictionary (snapshot of counts)', () => {
    const entries = dictionaryEntries();
    expect(entries.length).toBe(5129);
    expect(DICTIONARY_ENTRY_COUNT).toBe(5129);
    expect(entries.filter((e) => e.retired).length).toBe(473);
    expect(entries.filter((e) => e.vrs.length > 1).length).toBe(38);
    expect(Object.keys(Tag).length).toBe(5035);
  });

  it('agrees with the Tag constants', () => {
    for (const [keyword, tag] of Object.entries(Tag)) expect(lookupTag(tag)?.keyword).toBe(keyword);
  });
});
