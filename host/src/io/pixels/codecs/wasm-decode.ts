import { pixelError } from '../pixel-error.js';
import type { PixelDescription } from '../pixel-types.js';
import type { DecodedSamples } from './frame-codec.js';
import { runWasm, wasmCodecs, wasmContext, type WasmFrameInfo } from './wasm-codecs.js';

type DecoderName = 'decodeJpeg' | 'decodeJpegLs' | 'decodeJpeg2000';

/**
 * Runs a dcmjs-codecs frame decoder and checks that it produced `rows x columns x samples`
 * samples of `width` bytes (the wasm sizes its output from the codestream, not from us).
 */
export async function wasmDecode(
  decoder: DecoderName,
  encoded: Uint8Array,
  desc: PixelDescription,
  info: Pick<WasmFrameInfo, 'bitsAllocated' | 'bitsStored' | 'photometricInterpretation'>,
  width: 1 | 2,
  options: { convertColorspaceToRgb?: boolean; planarConfiguration?: 0 | 1 } = {},
): Promise<DecodedSamples> {
  const codecs = await wasmCodecs();
  const context = wasmContext(
    codecs,
    {
      rows: desc.rows,
      columns: desc.columns,
      samplesPerPixel: desc.samplesPerPixel,
      pixelRepresentation: desc.pixelRepresentation,
      planarConfiguration: 0,
      ...info,
    },
    { encoded },
  );
  const result = runWasm(decoder, () => codecs.NativeCodecs[decoder](context, { convertColorspaceToRgb: options.convertColorspaceToRgb ?? false }));
  const bytes = result.getDecodedBuffer() ?? new Uint8Array(0);
  const needed = desc.rows * desc.columns * desc.samplesPerPixel * width;
  if (bytes.length !== needed) {
    throw pixelError('CORRUPT', `${decoder} produced ${bytes.length} bytes; ${desc.rows}x${desc.columns}x${desc.samplesPerPixel} samples of ${width} byte(s) need ${needed}`, {
      decoder,
      length: bytes.length,
      needed,
    });
  }
  return { bytes, width, planarConfiguration: options.planarConfiguration ?? 0, subsampled422: false };
}

/** Throws `ATRIUM_ERR_PIXELS_CORRUPT` when the codestream's geometry disagrees with the description. */
export function checkGeometry(what: string, found: { rows: number; columns: number; components: number }, desc: PixelDescription): void {
  if (found.rows !== desc.rows || found.columns !== desc.columns || found.components !== desc.samplesPerPixel) {
    throw pixelError(
      'CORRUPT',
      `${what} codestream is ${found.rows}x${found.columns} with ${found.components} component(s); the description says ${desc.rows}x${desc.columns} with ${desc.samplesPerPixel}`,
      { found, rows: desc.rows, columns: desc.columns, samplesPerPixel: desc.samplesPerPixel },
    );
  }
}

/** Runs a dcmjs-codecs frame encoder on little-endian interleaved samples. */
export async function wasmEncode(
  encoder: 'encodeJpeg' | 'encodeJpegLs' | 'encodeJpeg2000',
  samples: Uint8Array,
  desc: PixelDescription,
  parameters: Record<string, unknown>,
): Promise<Uint8Array> {
  const codecs = await wasmCodecs();
  const context = wasmContext(
    codecs,
    {
      rows: desc.rows,
      columns: desc.columns,
      bitsAllocated: desc.bitsAllocated,
      bitsStored: desc.bitsStored,
      samplesPerPixel: desc.samplesPerPixel,
      pixelRepresentation: desc.pixelRepresentation,
      planarConfiguration: 0,
      photometricInterpretation: desc.photometricInterpretation,
    },
    { decoded: samples },
  );
  const result = runWasm(encoder, () => (codecs.NativeCodecs[encoder] as (c: typeof context, p: Record<string, unknown>) => typeof context)(context, parameters));
  const bytes = result.getEncodedBuffer();
  if (!bytes || bytes.length === 0) throw pixelError('CORRUPT', `${encoder} produced no data`, { encoder });
  return bytes;
}
