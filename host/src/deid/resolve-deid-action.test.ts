import { describe, expect, it } from 'vitest';
import { lookupKeyword, Tag } from '@atrium/sdk';
import { iodRequirements, positionKey, requirementAt, resolveAction } from './resolve-deid-action.js';

const RT_PLAN = '1.2.840.10008.5.1.4.1.1.481.5';
const RT_STRUCT = '1.2.840.10008.5.1.4.1.1.481.3';
const MR = '1.2.840.10008.5.1.4.1.1.4';
const SEG = '1.2.840.10008.5.1.4.1.1.66.4';

describe('requirements by IOD position', () => {
  it('resolves top-level and nested positions from the module tables', () => {
    expect(requirementAt(iodRequirements(MR), positionKey('', Tag.SeriesDate))).toBe('none');
    expect(requirementAt(iodRequirements(MR), positionKey('', Tag.PatientID))).toBe('presence');
    expect(requirementAt(iodRequirements(RT_PLAN), positionKey(`${positionKey('', Tag.BeamSequence)}/`, Tag.TreatmentMachineName))).toBe('presence');
  });
  it('is unknown where the tables do not list the attribute: newer than 2008, functional groups, unknown SOP class', () => {
    expect(requirementAt(iodRequirements(RT_STRUCT), positionKey('', Tag.OperatorsName))).toBe('unknown');
    const perFrame = `${positionKey('', Tag.PerFrameFunctionalGroupsSequence)}/${positionKey('', Tag.DerivationImageSequence)}/`;
    expect(requirementAt(iodRequirements(SEG), positionKey(perFrame, Tag.SourceImageSequence))).toBe('unknown');
    expect(requirementAt(iodRequirements('1.2.3.4'), positionKey('', Tag.SeriesDate))).toBe('unknown');
  });
  it('maps repeating groups to xx = 00', () => {
    // The dictionary lists (60xx,0010) and (50xx,0010) with xx = 00; groups 6002 and 5010 are two of their copies.
    const overlayRows = lookupKeyword('OverlayRows')!.tag;
    const numberOfPoints = lookupKeyword('NumberOfPoints')!.tag;
    expect(positionKey('', overlayRows + (0x02 << 16))).toBe(String(overlayRows));
    expect(positionKey('', numberOfPoints + (0x10 << 16))).toBe(String(numberOfPoints));
    expect(positionKey('1/', Tag.PatientName)).toBe('1/1048592');
  });
});

describe('resolveAction', () => {
  it('keeps an empty or dummy element unless the IOD says Type 3; a dummy where the Type is not known and the code allows one', () => {
    const table = (['value', 'presence', 'none', 'unknown'] as const).map((r) => [
      resolveAction('X/Z', 'LO', r), resolveAction('X/D', 'DA', r), resolveAction('X/Z/D', 'LO', r), resolveAction('Z/D', 'LO', r),
      resolveAction('X/Z/U*', 'UI', r), resolveAction('X/Z/U*', 'SQ', r), resolveAction('X/Z/U*', 'LO', r), resolveAction('K', 'LO', r),
      resolveAction('X/Z/D', 'SQ', r),
    ].join(' '));
    expect(table).toEqual([
      'Z D D D U U Z K D', // Type 1
      'Z Z Z Z U U Z K Z', // Type 2
      'X X X Z U X X K X', // Type 3
      'Z D D D U U Z K Z', // not listed (maybe Type 1): a dummy, except a sequence is emptied
    ]);
  });
});
