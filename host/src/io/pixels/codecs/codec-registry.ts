import { deflateCodec } from './deflate-codec.js';
import type { FrameCodec } from './frame-codec.js';
import { jpeg2000Codec } from './jpeg-2000-codec.js';
import { jpegCodec } from './jpeg-codec.js';
import { jpegLsCodec } from './jpeg-ls-codec.js';
import { rleCodec } from './rle-codec.js';

const registry = new Map<string, FrameCodec>();

/** Registers `codec` for each of its transfer syntaxes, replacing any earlier registration. */
export function registerCodec(codec: FrameCodec): void {
  for (const uid of codec.transferSyntaxUIDs) registry.set(uid, codec);
}

/** The codec registered for an encapsulated transfer syntax, if any. */
export function codecFor(transferSyntaxUID: string): FrameCodec | undefined {
  return registry.get(transferSyntaxUID);
}

/** Every registered transfer syntax with its codec, for diagnostics (`atrium codecs`). */
export function registeredCodecs(): ReadonlyMap<string, FrameCodec> {
  return registry;
}

for (const codec of [rleCodec, jpegCodec, jpegLsCodec, jpeg2000Codec, deflateCodec]) registerCodec(codec);
