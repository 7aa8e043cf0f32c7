import type { DicomValue } from '@atrium/sdk';
import type { DerivedTestObject } from '@atrium/testing';
import { VIEW_CREATOR, viewPrivateBlock } from '../score3d-private-block.js';

/**
 * The values of a 3-D view's private block, by element name (`camera`, `renderingMode` ...), read
 * from the derived object as a viewer reads them: the block whose Private Creator (7109,00xx) is
 * ours, its elements at (7109,xxee). Throws when no creator element names the block.
 */
export function viewBlock(object: DerivedTestObject): Record<string, DicomValue> {
  const attributes = object.attributes();
  const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');
  const group = hex(viewPrivateBlock.group, 4);
  const creator = Array.from({ length: 0xf0 }, (_, i) => 0x10 + i).find((b) => attributes[`(${group},00${hex(b, 2)})`] === VIEW_CREATOR);
  if (creator === undefined) throw new Error(`${object.sopInstanceUID} has no Private Creator "${VIEW_CREATOR}" in group ${group}`);
  const values: Record<string, DicomValue> = {};
  for (const [name, e] of Object.entries(viewPrivateBlock.elements)) {
    const value = attributes[`(${group},${hex(creator, 2)}${hex(e.element, 2)})`];
    if (value !== undefined) values[name] = value;
  }
  return values;
}
