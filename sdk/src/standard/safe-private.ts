import { SAFE_PRIVATE_TABLE } from './safe-private.generated.js';

/**
 * One row of PS3.15 Table E.3.10-1 (Safe Private Attributes): a private data element that
 * contains no identifying information and may be retained under the Retain Safe Private Option
 * (PS3.15 E.3.10). The standard gives the list as a sample: vendors do not guarantee it.
 */
export interface SafePrivateAttribute {
  /** The (odd) group. */
  readonly group: number;
  /** The low byte of the element (gggg,xxEE), whatever block xx the creator reserved. */
  readonly element: number;
  /** The Private Creator value that reserves the block. */
  readonly creator: string;
  /** VR as the table gives it; '' where it gives none. */
  readonly vr: string;
  readonly vm: string;
  readonly meaning: string;
}

let byKey: Map<string, SafePrivateAttribute> | undefined;
let rows: readonly SafePrivateAttribute[] | undefined;

const keyOf = (group: number, creator: string, element: number): string => `${group}\u0000${creator}\u0000${element}`;

/** Every row of PS3.15 Table E.3.10-1, in table order (parsed on first use). */
export function safePrivateAttributes(): readonly SafePrivateAttribute[] {
  rows ??= SAFE_PRIVATE_TABLE.split('\n').map((line) => {
    const [group = '', element = '', creator = '', vr = '', vm = '', meaning = ''] = line.split('\t');
    return Object.freeze({ group: parseInt(group, 16), element: parseInt(element, 16), creator, vr, vm, meaning });
  });
  return rows;
}

/**
 * The Table E.3.10-1 row of a private element: its group, the value of the Private Creator that
 * reserves its block (compared exactly, leading and trailing spaces removed) and the low byte of
 * its element number. Undefined when the table does not list it.
 */
export function safePrivateAttribute(group: number, creator: string, element: number): SafePrivateAttribute | undefined {
  byKey ??= new Map(safePrivateAttributes().map((r) => [keyOf(r.group, r.creator, r.element), r]));
  return byKey.get(keyOf(group, creator.trim(), element & 0xff));
}
