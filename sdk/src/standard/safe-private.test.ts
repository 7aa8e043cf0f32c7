import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The committed generator (plain ESM, no types): checked against its committed output.
import { readSafePrivateRows, safePrivateModule } from '../../../tools/standard/safe-private.mjs';
import { safePrivateAttribute, safePrivateAttributes } from './safe-private.js';
import { SAFE_PRIVATE_COUNT } from './safe-private.generated.js';

describe('PS3.15 Table E.3.10-1 (Safe Private Attributes)', () => {
  it('has the 130 rows of 16 private creators, every one in an odd group', () => {
    const rows = safePrivateAttributes();
    expect(rows).toHaveLength(130);
    expect(SAFE_PRIVATE_COUNT).toBe(130);
    expect(new Set(rows.map((r) => r.creator)).size).toBe(16);
    expect(rows.every((r) => (r.group & 1) === 1 && r.element >= 0 && r.element <= 0xff)).toBe(true);
    expect(rows[0]).toEqual({ group: 0x7053, element: 0x00, creator: 'Philips PET Private Group', vr: 'DS', vm: '1', meaning: 'SUV Factor - Multiplying stored pixel values by Rescale Slope then this factor results in SUVbw in g/l' });
  });

  it('finds a row by group, private creator and the low byte of the element, whatever the block', () => {
    expect(safePrivateAttribute(0x0043, 'GEMS_PARM_01', 0x1027)).toMatchObject({ vr: 'SH', meaning: 'Scan Pitch Ratio in the form "n.nnn:1"' });
    expect(safePrivateAttribute(0x0043, 'GEMS_PARM_01 ', 0x27)?.vr).toBe('SH'); // LO padding
    expect(safePrivateAttribute(0x0043, 'GEMS_PARM_01', 0x1039)?.meaning).toBe('1st value is B Value');
    expect(safePrivateAttribute(0x0019, 'SIEMENS MR HEADER', 0x100c)?.meaning).toBe('B Value');
    expect(safePrivateAttribute(0x0019, 'GEMS_ACQU_01', 0x100c)).toBeUndefined(); // another creator's block
    expect(safePrivateAttribute(0x0043, 'gems_parm_01', 0x27)).toBeUndefined(); // creators compare exactly
    expect(safePrivateAttribute(0x0045, 'GEMS_PARM_01', 0x27)).toBeUndefined();
  });

  it('regenerates the committed table from its own rows', () => {
    const committed = readFileSync(new URL('./safe-private.generated.ts', import.meta.url), 'utf8');
    const body = committed.slice(committed.indexOf('\n/**'));
    expect(safePrivateModule(safePrivateAttributes())).toBe(body);
  });

  it('reads the grid table of the standard text: joined cells, markup dropped, bad rows refused', () => {
    /** A grid table as the text has it; each row is one or more lines of five cells. */
    const grid = (rows: string[][][]): string => {
      const border = '         +----------------+----------------+--------+--------+----------------+';
      const line = (c: string[]): string => `         | ${c[0]!.padEnd(14)} | ${c[1]!.padEnd(14)} | ${c[2]!.padEnd(6)} | ${c[3]!.padEnd(6)} | ${c[4]!.padEnd(14)} |`;
      const header = [line(['**Data', '**Private', '**VR**', '**VM**', '**Meaning**']), line(['Element**', 'Creator**', '', '', ''])];
      return ['      .. table:: Safe Private Attributes', '', border, ...header, border.replace(/-/g, '='), ...rows.flatMap((r) => [...r.map(line), border])].join('\n');
    };
    const rows = readSafePrivateRows(grid([
      [['(2001,xx03)', 'Philips', 'FL', '1', 'Diffusion'], ['', 'Imaging DD 001', '', '', 'B-Factor']],
      [['(0043,xx39)', 'GEMS_PARM_01', 'IS', '4', '1\\ :s'], ['', '', '', '', 'up:`st`\\ value'], ['', '', '', '', 'is B Value']],
    ]));
    expect(rows).toEqual([
      { group: 0x2001, element: 0x03, creator: 'Philips Imaging DD 001', vr: 'FL', vm: '1', meaning: 'Diffusion B-Factor' },
      { group: 0x0043, element: 0x39, creator: 'GEMS_PARM_01', vr: 'IS', vm: '4', meaning: '1st value is B Value' },
    ]);
    expect(() => readSafePrivateRows(grid([[['(0010,xx10)', 'X', 'LO', '1', 'even group']]]))).toThrow('even group');
    expect(() => readSafePrivateRows(grid([[['(0011,xx10)', 'X', 'QQ', '1', 'bad VR']]]))).toThrow("VR 'QQ'");
    expect(() => readSafePrivateRows(grid([[['(0011,xx10)', 'X', 'LO', '1', 'a']], [['(0011,xx10)', 'X', 'LO', '1', 'b']]]))).toThrow('duplicate');
    expect(() => readSafePrivateRows('no table here')).toThrow('Safe Private Attributes');
  });
});
