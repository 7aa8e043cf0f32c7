import { createRequire } from 'node:module';
import type { Context as ContextType, NativeCodecs as NativeCodecsType } from 'dcmjs-codecs';
import { pixelError } from '../pixel-error.js';

/** The frame-level API of the dcmjs-codecs WebAssembly build (libijg 8/12/16-bit, CharLS 2.3.4, OpenJPEG 2.5.0). */
export interface WasmCodecs {
  NativeCodecs: typeof NativeCodecsType;
  Context: typeof ContextType;
}

/** Frame geometry handed to the wasm codecs. */
export interface WasmFrameInfo {
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  samplesPerPixel: number;
  pixelRepresentation: 0 | 1;
  planarConfiguration: 0 | 1;
  photometricInterpretation: string;
}

let loading: Promise<WasmCodecs> | undefined;
let renewAfterFailure = false;

/**
 * Loads and initialises the dcmjs-codecs WebAssembly module once per process (about 4 MB,
 * read from the installed package; no network). Only its `NativeCodecs` frame functions
 * are used: no dcmjs datasets pass through it. After a codec failure the next call
 * instantiates a fresh module, because a failing call leaks its wasm-side buffers.
 */
export function wasmCodecs(): Promise<WasmCodecs> {
  if (loading && renewAfterFailure) {
    renewAfterFailure = false;
    // initializeAsync swaps in the new instance only once it is ready, so calls already
    // resumed keep a working (old) instance meanwhile.
    loading = loading
      .then(async (codecs) => {
        await codecs.NativeCodecs.initializeAsync({ webAssemblyModulePathOrUrl: wasmPath() });
        return codecs;
      })
      .catch(loadFailed);
  }
  loading ??= (async () => {
    const module = (await import('dcmjs-codecs')).default;
    if (!module.NativeCodecs.isInitialized()) await module.NativeCodecs.initializeAsync({ webAssemblyModulePathOrUrl: wasmPath() });
    return { NativeCodecs: module.NativeCodecs, Context: module.Context };
  })().catch(loadFailed);
  return loading;
}

function loadFailed(e: unknown): never {
  loading = undefined;
  throw pixelError('UNSUPPORTED', `The dcmjs-codecs WebAssembly module could not be loaded: ${String(e)}`, {}, e);
}

function wasmPath(): string {
  return createRequire(import.meta.url).resolve('dcmjs-codecs/build/dcmjs-native-codecs.wasm');
}

const KNOWN_PHOTOMETRIC = new Set(['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR', 'RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_PARTIAL_422', 'YBR_PARTIAL_420', 'YBR_ICT', 'YBR_RCT']);

/** Builds a dcmjs-codecs `Context` for one frame. */
export function wasmContext(codecs: WasmCodecs, info: WasmFrameInfo, buffers: { encoded?: Uint8Array; decoded?: Uint8Array }): ContextType {
  const photometric = KNOWN_PHOTOMETRIC.has(info.photometricInterpretation)
    ? info.photometricInterpretation
    : info.samplesPerPixel === 1
      ? 'MONOCHROME2'
      : 'RGB';
  return new codecs.Context({
    width: info.columns,
    height: info.rows,
    bitsAllocated: info.bitsAllocated,
    bitsStored: info.bitsStored,
    samplesPerPixel: info.samplesPerPixel,
    pixelRepresentation: info.pixelRepresentation,
    planarConfiguration: info.planarConfiguration,
    photometricInterpretation: photometric,
    ...(buffers.encoded ? { encodedBuffer: buffers.encoded } : {}),
    ...(buffers.decoded ? { decodedBuffer: buffers.decoded } : {}),
  });
}

/** Runs a wasm codec call, turning its exceptions into `ATRIUM_ERR_PIXELS_CORRUPT`. */
export function runWasm<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    renewAfterFailure = true;
    throw pixelError('CORRUPT', `${what} failed: ${e instanceof Error ? e.message : String(e)}`, { codec: what }, e);
  }
}
