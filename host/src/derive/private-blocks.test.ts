/**
 * Private blocks written by the engine (PS3.5 §7.8.1): the creator reserves the first free block of
 * its group, a second creator in the same group the next one, values are encoded with the declared
 * VR, and nothing private is written that the output does not declare. pydicom reads the blocks
 * back by creator (its `private_block`), and dciodvfy accepts the object.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagToString, type OutputDefinition, type PrivateBlockDeclaration } from '@atrium/sdk';
import { havePeers, runPydicom } from '../../../test/support/peers.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { stringElement } from '../io/element-factory.js';
import { conformanceStatement } from './conformance-tables.js';
import { deriveObject } from './derive-object.js';
import { dciodvfy } from '../../../test/support/dciodvfy.js';
import { ctSources, grey8, request, SC_REPORT } from './test-support/derive-fixtures.js';

/** The Shimadzu SCORE 3D conformance statement §5.1 VR layout, under our own creator. */
const VIEW: PrivateBlockDeclaration = {
  group: 0x7109,
  creator: 'ATRIUM TEST VIEW',
  elements: {
    parameters: { element: 0x21, vr: 'OB', vm: '1', description: 'view parameters (JSON)' },
    camera: { element: 0x30, vr: 'DS', vm: '3', description: 'azimuth, elevation, zoom' },
    window: { element: 0x31, vr: 'DS', vm: '2', description: 'window centre, width' },
    source: { element: 0x33, vr: 'UI', vm: '1', description: 'source series' },
    mode: { element: 0x34, vr: 'CS', vm: '1', description: 'rendering mode' },
  },
};
const OTHER: PrivateBlockDeclaration = { group: 0x7109, creator: 'ATRIUM TEST OTHER', elements: { note: { element: 0x21, vr: 'LO', vm: '1', description: 'a note' } } };
const grey = { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, data: grey8(8, 8) } as const;
const withBlocks = (...privateBlocks: PrivateBlockDeclaration[]): OutputDefinition => ({ ...SC_REPORT, privateBlocks });
const parameters = new TextEncoder().encode('{"mode":"volume"}');
const VALUES = { parameters, camera: [30, -15.5, 1.25], window: [400, 2000], source: '1.2.826.0.1.3680043.2.1125.1', mode: 'VOLUME' };
const derive = (output: OutputDefinition, privateData: Record<string, Record<string, unknown>>) =>
  deriveObject(request(output, ctSources(), { request: { pixels: grey, privateData: privateData as never } }));
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return isAtriumError(e) ? e.code : String(e);
  }
};

describe('private blocks', () => {
  const tmp = useTempDir('atrium-private-');
  it('reserves (7109,0010) for the creator and writes its elements at (7109,10ee) with the declared VRs', () => {
    const o = derive(withBlocks(VIEW), { [VIEW.creator]: VALUES });
    expect(o.dataset.text(0x71090010)).toBe('ATRIUM TEST VIEW');
    expect(o.dataset.get(0x71090010)?.vr).toBe('LO');
    expect(o.dataset.get(0x71091021)).toMatchObject({ vr: 'OB' });
    expect(new TextDecoder().decode(o.dataset.get(0x71091021)!.value).replace(/\0+$/, '')).toBe('{"mode":"volume"}');
    expect(o.dataset.get(0x71091030)?.vr).toBe('DS');
    expect(o.dataset.strings(0x71091030)).toEqual(['30', '-15.5', '1.25']);
    expect(o.dataset.strings(0x71091031)).toEqual(['400', '2000']);
    expect(o.dataset.text(0x71091033)).toBe('1.2.826.0.1.3680043.2.1125.1');
    expect(o.dataset.text(0x71091034)).toBe('VOLUME');
    expect(o.provenance[tagToString(0x71091030)]).toBe('Private "ATRIUM TEST VIEW" camera (by the app)');
  });

  it('gives a second creator in the same group the next block, (7109,0011) and (7109,11ee)', () => {
    const o = derive(withBlocks(VIEW, OTHER), { [OTHER.creator]: { note: 'second' }, [VIEW.creator]: { mode: 'MIP' } });
    expect(o.dataset.text(0x71090010)).toBe('ATRIUM TEST VIEW');
    expect(o.dataset.text(0x71090011)).toBe('ATRIUM TEST OTHER');
    expect(o.dataset.text(0x71091034)).toBe('MIP');
    expect(o.dataset.text(0x71091121)).toBe('second');
    // Reservation follows the declaration, not the order of the values: the same tags every run.
    expect(o.dataset.has(0x71091121) && !o.dataset.has(0x71091021)).toBe(true);
  });

  it('writes nothing private that the output does not declare', () => {
    expect(codeOf(() => derive(SC_REPORT, { 'SOMEONE ELSE': { x: '1' } }))).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(codeOf(() => derive(withBlocks(VIEW), { [VIEW.creator]: { undeclared: '1' } }))).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(codeOf(() => derive(withBlocks(VIEW), { [VIEW.creator]: { camera: [1, 2] } }))).toBe('ATRIUM_ERR_DERIVE_PRIVATE'); // VM 3
    expect(codeOf(() => derive(withBlocks(VIEW), { [VIEW.creator]: { source: 'not-a-uid' } }))).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(codeOf(() => derive(withBlocks(VIEW), { [VIEW.creator]: { mode: 'X'.repeat(17) } }))).toBe('ATRIUM_ERR_DERIVE_PRIVATE'); // CS ≤ 16
    // Private elements of a source are never copied.
    const sources = ctSources().map((s) => ({ ...s, dataset: s.dataset.with(new Map([[0x70990010, stringElement(0x70990010, 'LO', 'VENDOR')], [0x70991001, stringElement(0x70991001, 'LO', 'secret')]])) }));
    const o = deriveObject(request(withBlocks(VIEW), sources, { request: { pixels: grey } }));
    expect(o.dataset.elements.filter((e) => (e.tag >>> 16) % 2 === 1)).toEqual([]);
  });

  it('refuses declarations that cannot be written (PS3.5 §7.8.1)', () => {
    const bad = (d: Partial<PrivateBlockDeclaration>) => codeOf(() => derive(withBlocks({ ...VIEW, ...d }), {}));
    expect(bad({ group: 0x7108 })).toBe('ATRIUM_ERR_DERIVE_PRIVATE'); // even: a standard group
    expect(bad({ group: 0x0007 })).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(bad({ creator: '' })).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(bad({ creator: 'A\\B' })).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(bad({ elements: { a: { element: 0x100, vr: 'LO', vm: '1', description: '' } } })).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(bad({ elements: { a: { element: 0x21, vr: 'SQ' as never, vm: '1', description: '' } } })).toBe('ATRIUM_ERR_DERIVE_PRIVATE');
    expect(codeOf(() => derive(withBlocks(VIEW, VIEW), {}))).toBe('ATRIUM_ERR_DERIVE_PRIVATE'); // one creator twice in a group
  });

  it('are tabulated in the conformance statement with their VR layout', () => {
    const app = { id: 'view', title: 'View', description: 'Views.', input: {}, load: {}, parameters: {}, outputs: { views: withBlocks(VIEW, OTHER) }, run: async () => ({ summary: '' }) };
    const md = conformanceStatement([{ pluginId: 'test.private', version: '1.0.0', app }], 'md');
    expect(md).toContain('#### Private attributes');
    expect(md).toContain('| Private Creator | (7109,00xx) | LO | 1 | "ATRIUM TEST VIEW" |');
    expect(md).toContain('| camera | (7109,xx30) | DS | 3 | azimuth, elevation, zoom |');
    expect(md).toContain('| note | (7109,xx21) | LO | 1 | a note |');
  });

  it.skipIf(!havePeers('pydicom'))('pydicom finds both blocks by creator and reads the right values', () => {
    const o = derive(withBlocks(VIEW, OTHER), { [VIEW.creator]: VALUES, [OTHER.creator]: { note: 'second' } });
    const script = `
import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
view = ds.private_block(0x7109, 'ATRIUM TEST VIEW')
other = ds.private_block(0x7109, 'ATRIUM TEST OTHER')
print(json.dumps({
  'viewBlock': hex(view.block_start), 'otherBlock': hex(other.block_start),
  'parameters': view[0x21].value.rstrip(b'\\0').decode(), 'parametersVr': view[0x21].VR,
  'camera': [float(v) for v in view[0x30].value], 'window': [float(v) for v in view[0x31].value],
  'source': view[0x33].value, 'mode': view[0x34].value, 'note': other[0x21].value,
}))`;
    const path = join(tmp(), 'two-blocks.dcm');
    writeFileSync(path, o.bytes);
    const read = JSON.parse(runPydicom(script, [path])) as Record<string, unknown>;
    expect(read).toEqual({
      viewBlock: '0x1000', otherBlock: '0x1100', parameters: '{"mode":"volume"}', parametersVr: 'OB',
      camera: [30, -15.5, 1.25], window: [400, 2000], source: '1.2.826.0.1.3680043.2.1125.1', mode: 'VOLUME', note: 'second',
    });
  });

  it.skipIf(!havePeers('dciodvfy'))('an object with two private blocks passes dciodvfy', () => {
    const report = dciodvfy(derive(withBlocks(VIEW, OTHER), { [VIEW.creator]: VALUES, [OTHER.creator]: { note: 'second' } }).bytes);
    expect(report.errors, report.output).toEqual([]);
  });
});
