import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandTagsModule, readCommandFields } from '../../../../tools/standard/command-fields.mjs';
import { CommandTag, CommandVr } from './command-tags.generated.js';
import { decodeCommand, encodeCommand } from './dimse-command.js';

const input = readFileSync(new URL('../../../../tools/standard/ps3.7-command-fields.tsv', import.meta.url), 'utf8');

/** The command group table (PS3.7 Table E.1-1) is generated from its committed input, never typed. */
describe('CommandTag', () => {
  it('is the generator output of the committed PS3.7 Table E.1-1 rows', () => {
    const committed = readFileSync(new URL('./command-tags.generated.ts', import.meta.url), 'utf8');
    expect(committed.endsWith(commandTagsModule(readCommandFields(input)))).toBe(true);
  });

  it('holds the 24 command fields, all in group 0000, with their VRs', () => {
    const rows = readCommandFields(input);
    expect(rows).toHaveLength(24);
    expect(Object.keys(CommandTag)).toEqual(rows.map((r) => r.keyword));
    for (const r of rows) {
      expect(CommandTag[r.keyword as keyof typeof CommandTag] >>> 16, r.keyword).toBe(0);
      expect(CommandVr[r.keyword as keyof typeof CommandVr], r.keyword).toBe(r.vr);
    }
  });

  it('refuses a row outside the command group, an unknown VR and a duplicate', () => {
    const row = (tag: string, vr = 'US', keyword = 'MessageID'): string => `${tag}\t${vr}\t1\t${keyword}\tName\n`;
    expect(() => readCommandFields(row('00080100'))).toThrow(/line 1: 00080100 is not a command group tag/);
    expect(() => readCommandFields(row('00000110', 'XX'))).toThrow(/unknown VR XX/);
    expect(() => readCommandFields(row('00000110') + row('00000110'))).toThrow(/line 2: 00000110 MessageID listed twice/);
  });

  it('is what the DIMSE codec writes: each element at its tag, read back by keyword', () => {
    const bytes = encodeCommand({ CommandField: 0x0030, CommandDataSetType: 0x0101, MessageID: 7, AffectedSOPClassUID: '1.2.840.10008.1.1' });
    const tags: number[] = [];
    for (let at = 0; at < bytes.length; at += 8 + bytes.readUInt32LE(at + 4)) tags.push((bytes.readUInt16LE(at) << 16) | bytes.readUInt16LE(at + 2));
    expect(tags).toEqual([CommandTag.CommandGroupLength, CommandTag.AffectedSOPClassUID, CommandTag.CommandField, CommandTag.MessageID, CommandTag.CommandDataSetType]);
    expect(decodeCommand(bytes)).toEqual({ CommandField: 0x0030, CommandDataSetType: 0x0101, MessageID: 7, AffectedSOPClassUID: '1.2.840.10008.1.1' });
  });
});
