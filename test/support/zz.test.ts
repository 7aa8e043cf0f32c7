import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { lookupTag } from '@atrium/sdk';
import { encodeDataset, el, FIXTURE_EXPLICIT_LE, FIXTURE_IMPLICIT_LE, item, minimalInstance, part10, sq } from './dicom-fixture.js';
it('x', () => {
  for (const t of [0x00080001, 0x00100002, 0x00109999, 0x00180001, 0x0018fff0, 0x00200001, 0x00280001, 0x00089999]) console.log(t.toString(16), lookupTag(t)?.keyword);
  const odd = [
    el(0x00081030, 'LO', 'Odd'),
    sq(0x00081032, [item([el(0x00080100, 'SH', 'C1'), sq(0x00081034? 0x00400260 : 0, [item([el(0x00080100, 'SH', 'C2'), sq(0x00400260, [item([el(0x00080104, 'LO', 'deep')], { undefinedLength: true })], { undefinedLength: true })], { undefinedLength: true })], { undefinedLength: true })]), item([]), item([el(0x00080104, 'LO', 'def')])], { undefinedLength: true }),
    el(0x00091000? 0x00090010 : 0, 'LO', 'ATRIUMX'),
    sq(0x00091001, [item([el(0x00080104, 'LO', 'in UN')], { undefinedLength: true }), item([el(0x00080100, 'SH', 'X1')])], { undefinedLength: true, vr: 'UN' }),
    el(0x00091002, 'OB', new Uint8Array([1, 2, 3])),
    el(0x00091003, 'LO', 'zz', { vrBytes: 'ZZ' }),
    el(0x00109999, 'LO', 'unknown public'),
    sq(0x00102202 ? 0x00101002 : 0, [], {}),
    sq(0x00101002 + 0, [], { undefinedLength: true }),
    el(0x00204000, 'LT', 'x'),
  ];
  const changes = new Map(odd.map((e) => [e.tag, e]));
  changes.delete(0x00101002);
  const elements = minimalInstance('2.25.55', changes as never);
  writeFileSync('/tmp/odd-ex.dcm', part10(encodeDataset(elements, FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.55.3' }));
  writeFileSync('/tmp/odd-im.dcm', encodeDataset(elements.filter((e) => e.tag !== 0x00091003), FIXTURE_IMPLICIT_LE));
});
