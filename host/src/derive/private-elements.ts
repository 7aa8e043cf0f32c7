import { tagToString, type DicomValue, type OutputDefinition, type PrivateBlockDeclaration } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { DataElement } from '../io/data-element.js';
import { stringElement } from '../io/element-factory.js';
import { maxValueLength } from '../io/vr.js';
import { decimalString, elementWithVr } from './value-element.js';
import { vmAllows } from './value-multiplicity.js';

/** Private elements of one derived object, with the provenance of each (keyed by tag text). */
export interface PrivateElements {
  readonly elements: readonly DataElement[];
  readonly provenance: Readonly<Record<string, string>>;
}

/** A declared block with the block number the engine reserved for its creator. */
export interface ReservedBlock {
  readonly declaration: PrivateBlockDeclaration;
  /** bb of (gggg,00bb): 0x10 for the first creator of the group, 0x11 for the second ... */
  readonly block: number;
}

const RESERVED_GROUPS = new Set([0x0001, 0x0003, 0x0005, 0x0007]);
const VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OW', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'UN', 'US', 'UT']);
const UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;
const VM = /^(?:\d+|\d+-n|\d+-\d+|\d+-\d+n)$/;

/**
 * Reserve the blocks of an output's private declarations (PS3.5 §7.8.1): in each odd group, the
 * creators in declaration order take the Private Creator elements (gggg,0010), (gggg,0011), ...
 * (derived objects never copy private elements, so every block of the group is free). Throws
 * ATRIUM_ERR_DERIVE_PRIVATE naming the declaration when a group is not a private group, a
 * creator is empty, too long or has a backslash, a creator is declared twice in a group, an element
 * offset is not 0x00–0xFF or repeats, a VR is not one a private element may have, or a VM is malformed.
 */
export function reservePrivateBlocks(outputName: string, output: OutputDefinition): readonly ReservedBlock[] {
  const fail = (why: string): never => {
    throw new AtriumError('ATRIUM_ERR_DERIVE_PRIVATE', `output '${outputName}' declares a private block that cannot be written: ${why}`, { output: outputName });
  };
  const nextBlock = new Map<number, number>();
  const creators = new Set<string>();
  return (output.privateBlocks ?? []).map((declaration) => {
    const { group, creator } = declaration;
    const g = Number.isInteger(group) ? group.toString(16).padStart(4, '0').toUpperCase() : String(group);
    if (!Number.isInteger(group) || group < 0x0009 || group > 0xfffd || group % 2 === 0 || RESERVED_GROUPS.has(group)) fail(`group ${g} is not a private group (odd, 0009–FFFD, PS3.5 §7.8.1)`);
    if (typeof creator !== 'string' || creator.trim() === '' || creator.length > 64 || /[\\\x00-\x1f\x7f-\uffff]/.test(creator)) {
      fail(`Private Creator ${JSON.stringify(creator)} of group ${g} must be 1–64 characters of the default repertoire without a backslash (LO)`);
    }
    if (creators.has(`${group}/${creator}`)) fail(`creator "${creator}" is declared twice in group ${g}`);
    creators.add(`${group}/${creator}`);
    const block = nextBlock.get(group) ?? 0x10;
    if (block > 0xff) fail(`group ${g} has more than 240 creators`);
    nextBlock.set(group, block + 1);
    const offsets = new Set<number>();
    for (const [name, e] of Object.entries(declaration.elements)) {
      const where = `element "${name}" of "${creator}" (group ${g})`;
      if (!Number.isInteger(e.element) || e.element < 0 || e.element > 0xff) fail(`${where}: offset ${e.element} is not 0x00–0xFF`);
      if (offsets.has(e.element)) fail(`${where}: offset ${e.element.toString(16)} is declared twice`);
      offsets.add(e.element);
      if (!VRS.has(e.vr)) fail(`${where}: VR ${String(e.vr)} is not one a private element may have`);
      if (!VM.test(e.vm)) fail(`${where}: VM "${e.vm}" is not a value multiplicity (1, 3, 1-n, 2-2n ...)`);
    }
    return { declaration, block };
  });
}

/** (gggg,bbee) of an element of a reserved block. */
export function privateTag(reserved: ReservedBlock, element: number): number {
  return ((reserved.declaration.group << 16) | (reserved.block << 8) | element) >>> 0;
}

/**
 * The private elements of one derived object from the request's `privateData`: for each declared
 * creator the app gives values for, the Private Creator element (gggg,00bb) and each given element
 * at (gggg,bbee), encoded with the declared VR and checked against the declared VM. Throws
 * ATRIUM_ERR_DERIVE_PRIVATE for a creator or element the output does not declare, or a value with
 * the wrong number of values; ATRIUM_ERR_DERIVE_VALUE for a value the VR cannot hold.
 */
export function privateElements(outputName: string, blocks: readonly ReservedBlock[], data: Readonly<Record<string, Readonly<Record<string, DicomValue>>>> | undefined, characterSet: readonly string[]): PrivateElements {
  const elements: DataElement[] = [];
  const provenance: Record<string, string> = {};
  const fail = (why: string): never => {
    throw new AtriumError('ATRIUM_ERR_DERIVE_PRIVATE', `output '${outputName}': ${why}; private elements are only written as the output's privateBlocks declare them`, { output: outputName });
  };
  for (const [creator, values] of Object.entries(data ?? {})) {
    const reserved = blocks.find((b) => b.declaration.creator === creator);
    if (!reserved) fail(`no private block with creator "${creator}" is declared (declared: ${blocks.map((b) => `"${b.declaration.creator}"`).join(', ') || 'none'})`);
    const { group, elements: declared } = reserved!.declaration;
    const given = Object.entries(values).filter(([, v]) => v !== undefined);
    if (given.length === 0) continue;
    const creatorTag = ((group << 16) | reserved!.block) >>> 0;
    elements.push(stringElement(creatorTag, 'LO', creator));
    provenance[tagToString(creatorTag)] = `Private creator "${creator}" (block ${reserved!.block.toString(16).toUpperCase()})`;
    for (const [name, value] of given) {
      const decl = declared[name];
      if (!decl) fail(`"${creator}" has no element named "${name}" (declared: ${Object.keys(declared).join(', ')})`);
      const tag = privateTag(reserved!, decl!.element);
      const label = `${creator} ${name} ${tagToString(tag)}`;
      const count = valueCount(value);
      if (!vmAllows(decl!.vm, count)) fail(`${label} has ${count} value(s); its VM is ${decl!.vm}`);
      const tooLong = textValues(value).find((t) => t.length > (maxValueLength(decl!.vr) ?? Infinity));
      if (tooLong !== undefined) fail(`${label} value '${tooLong.slice(0, 40)}' is ${tooLong.length} characters long; ${decl!.vr} allows ${maxValueLength(decl!.vr)}`);
      if (decl!.vr === 'UI' && textValues(value).some((t) => !UID.test(t))) fail(`${label} value ${JSON.stringify(value)} is not a UID`);
      elements.push(elementWithVr(tag, decl!.vr, value, characterSet, label));
      provenance[tagToString(tag)] = `Private "${creator}" ${name} (by the app)`;
    }
  }
  return { elements, provenance };
}

/** The values as text, for string VRs' length checks (numbers of DS / IS as the engine writes them). */
function textValues(value: DicomValue): string[] {
  if (value instanceof Uint8Array) return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\\') : [value];
  return list.filter((v): v is string | number => typeof v !== 'object').map((v) => (typeof v === 'number' ? decimalString(v) : v));
}

function valueCount(value: DicomValue): number {
  if (value instanceof Uint8Array) return 1;
  if (Array.isArray(value)) return value.length;
  return typeof value === 'string' ? value.split('\\').length : 1;
}
