import { Tag } from '@atrium/sdk';
import type { DataElement } from '../data-element.js';
import type { DataSet } from '../data-set.js';
import { numberElement, stringElement } from '../element-factory.js';
import { pixelDescriptionOf } from '../pixel-access.js';
import { encodeFrame } from '../pixels/encode-frame.js';
import { getFrame } from '../pixels/get-frame.js';
import type { PixelArray } from '../pixels/pixel-types.js';
import { PixelTransferSyntax as TS } from '../pixels/transfer-syntax-uids.js';
import { EXPLICIT_LE } from '../transfer-syntax.js';

/**
 * `ds` (Explicit VR Little Endian elements, native Pixel Data) with every frame compressed
 * to the lossless `transferSyntaxUID` by our encoders and Pixel Data encapsulated (OB, one
 * fragment per frame, Basic Offset Table filled). Each encoded frame is decoded again and
 * compared with the source values, so a lossy result can never leave here. YBR_FULL_422
 * frames are upsampled and become YBR_FULL (no compressed syntax we write subsamples);
 * colour gets Planar Configuration 0 (the encoders write colour-by-pixel).
 */
export async function encodePixelData(ds: DataSet, transferSyntaxUID: string): Promise<DataSet> {
  const pixelData = ds.get(Tag.PixelData);
  if (!pixelData) return ds;
  const desc = pixelDescriptionOf(ds, TS.ExplicitVRLittleEndian);
  const source = { kind: 'native' as const, bytes: pixelData.value, bigEndian: false, vr: pixelData.vr === 'OB' ? ('OB' as const) : ('OW' as const) };
  const fragments: Uint8Array[] = [];
  let photometric = desc.photometricInterpretation;
  for (let i = 0; i < desc.numberOfFrames; i++) {
    const frame = await getFrame(desc, source, i);
    photometric = frame.photometricInterpretation;
    const frameDesc = { ...desc, photometricInterpretation: photometric, planarConfiguration: 0 as const };
    const encoded = await encodeFrame(frameDesc, frame.data, transferSyntaxUID);
    const check = await getFrame(
      { ...frameDesc, transferSyntaxUID, numberOfFrames: 1 },
      { kind: 'encapsulated', fragments: [encoded], basicOffsetTable: [] },
      0,
    );
    const differ = firstDifference(frame.data, check.data);
    if (differ !== undefined) {
      throw new Error(`frame ${i} does not decode back to the same values after encoding (sample ${differ} differs): refusing to send a lossy result`);
    }
    fragments.push(evenLength(encoded));
  }
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

function firstDifference(a: PixelArray, b: PixelArray): number | undefined {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return undefined;
}

function evenLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
