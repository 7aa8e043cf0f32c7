import { Tag } from '@atrium/sdk';
import type { DataElement } from '../data-element.js';
import type { DataSet } from '../data-set.js';
import { numberElement, stringElement } from '../element-factory.js';
import { pixelDescriptionOf } from '../pixel-access.js';
import { encodeFrames } from '../pixels/encode-frames.js';
import { PixelTransferSyntax as TS } from '../pixels/transfer-syntax-uids.js';
import { EXPLICIT_LE } from '../transfer-syntax.js';

/**
 * `ds` (Explicit VR Little Endian elements, native Pixel Data) with every frame compressed
 * to the lossless `transferSyntaxUID` by our encoders and Pixel Data encapsulated (OB, one
 * fragment per frame, Basic Offset Table filled), by {@link encodeFrames}: each frame checked
 * to decode back to its values, YBR_FULL_422 become YBR_FULL, colour Planar Configuration 0.
 */
export async function encodePixelData(ds: DataSet, transferSyntaxUID: string): Promise<DataSet> {
  const pixelData = ds.get(Tag.PixelData);
  if (!pixelData) return ds;
  const desc = pixelDescriptionOf(ds, TS.ExplicitVRLittleEndian);
  const source = { kind: 'native' as const, bytes: pixelData.value, bigEndian: false, vr: pixelData.vr === 'OB' ? ('OB' as const) : ('OW' as const) };
  const { frames, photometricInterpretation: photometric } = await encodeFrames(desc, source, transferSyntaxUID);
  const fragments = frames.map(evenLength);
  const offsetTable = new Uint8Array(4 * fragments.length);
  const view = new DataView(offsetTable.buffer);
  let position = 0;
  fragments.forEach((f, i) => {
    view.setUint32(4 * i, position, true);
    position += 8 + f.length;
  });
  const encapsulated: DataElement = {
    tag: Tag.PixelData,
    vr: 'OB',
    value: new Uint8Array(0),
    undefinedLength: true,
    encapsulated: { offsetTable: position <= 0xffffffff ? offsetTable : new Uint8Array(0), fragments },
  };
  const changes = new Map<number, DataElement | undefined>([[Tag.PixelData, encapsulated]]);
  if (photometric !== ds.string(Tag.PhotometricInterpretation)) {
    changes.set(Tag.PhotometricInterpretation, stringElement(Tag.PhotometricInterpretation, 'CS', photometric));
  }
  if (desc.samplesPerPixel > 1) changes.set(Tag.PlanarConfiguration, numberElement(Tag.PlanarConfiguration, 'US', [0], EXPLICIT_LE));
  return ds.with(changes);
}

function evenLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
