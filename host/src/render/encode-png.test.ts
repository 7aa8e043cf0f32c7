import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { havePeers, peer } from '../../../test/support/peers.js';
import { encodePng, type Image8 } from './encode-png.js';

const scratch = mkdtempSync(join(tmpdir(), 'atrium-png-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * An independent PNG reader in Python (standard library only): checks the signature, every
 * chunk CRC (zlib.crc32), IHDR, inflates the IDATs and undoes the five filters.
 * Prints `width height colourType hexpixels`.
 */
const PY_DECODER = String.raw`
import sys, struct, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'bad signature'
pos, idat, ihdr, types = 8, b'', None, []
while pos < len(data):
    (length,) = struct.unpack('>I', data[pos:pos+4]); ctype = data[pos+4:pos+8]; body = data[pos+8:pos+8+length]
    (crc,) = struct.unpack('>I', data[pos+8+length:pos+12+length])
    assert zlib.crc32(ctype + body) & 0xffffffff == crc, 'bad CRC in ' + ctype.decode()
    types.append(ctype.decode())
    if ctype == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if ctype == b'IDAT': idat += body
    pos += 12 + length
assert types[0] == 'IHDR' and types[-1] == 'IEND', types
w, h, depth, colour, comp, filt, interlace = ihdr
assert depth == 8 and comp == 0 and filt == 0 and interlace == 0
bpp = {0: 1, 2: 3}[colour]
raw = zlib.decompress(idat); stride = w * bpp
assert len(raw) == (stride + 1) * h
out = bytearray(); prev = bytearray(stride)
for y in range(h):
    f = raw[y*(stride+1)]; line = bytearray(raw[y*(stride+1)+1:(y+1)*(stride+1)])
    for i in range(stride):
        a = line[i-bpp] if i >= bpp else 0; b = prev[i]; c = prev[i-bpp] if i >= bpp else 0
        if f == 0: p = 0
        elif f == 1: p = a
        elif f == 2: p = b
        elif f == 3: p = (a + b) // 2
        elif f == 4:
            pp = a + b - c; pa, pb, pc = abs(pp-a), abs(pp-b), abs(pp-c)
            p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        else: raise ValueError('filter %d' % f)
        line[i] = (line[i] + p) & 0xff
    out += line; prev = line
print(w, h, colour, out.hex())
`;

function decodeWithPython(png: Uint8Array, name: string): { width: number; height: number; colourType: number; data: Uint8Array } {
  const path = join(scratch, `${name}.png`);
  writeFileSync(path, png);
  const [w, h, colour, hex] = execFileSync(peer('python3')!, ['-c', PY_DECODER, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split(' ');
  return { width: Number(w), height: Number(h), colourType: Number(colour), data: new Uint8Array(Buffer.from(hex ?? '', 'hex')) };
}

/** Deterministic pseudo-random bytes (xorshift32). */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

const images: Record<string, Image8> = {
  'grey gradient': { width: 256, height: 3, channels: 1, data: Uint8Array.from({ length: 768 }, (_, i) => (i % 256) ^ Math.floor(i / 256)) },
  'grey noise (odd size)': { width: 37, height: 23, channels: 1, data: noise(37 * 23, 7) },
  'rgb noise': { width: 19, height: 31, channels: 3, data: noise(19 * 31 * 3, 99) },
  'rgb smooth': { width: 64, height: 64, channels: 3, data: Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => { const p = Math.floor(i / 3); return [p % 64 * 4, Math.floor(p / 64) * 4, 128][i % 3]!; }) },
  'one pixel': { width: 1, height: 1, channels: 1, data: Uint8Array.of(200) },
};

describe('encodePng', () => {
  it.skipIf(!havePeers('python3'))('writes PNGs an independent decoder reads back exactly (CRCs, IHDR, all filters)', () => {
    for (const [name, image] of Object.entries(images)) {
      const png = encodePng(image);
      const back = decodeWithPython(png, name.replace(/\W+/g, '-'));
      expect({ name, width: back.width, height: back.height, colourType: back.colourType }).toEqual({ name, width: image.width, height: image.height, colourType: image.channels === 1 ? 0 : 2 });
      expect(Buffer.from(back.data).equals(Buffer.from(image.data)), name).toBe(true);
    }
  });

  it('starts with the signature and IHDR, and is deterministic', () => {
    const png = encodePng(images['rgb smooth']!);
    expect(Buffer.from(png).equals(Buffer.from(encodePng(images['rgb smooth']!)))).toBe(true);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.from(png.subarray(12, 16)).toString('latin1')).toBe('IHDR');
  });

  it('refuses data that does not match the sizes', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) })).toThrow(/needs 4 bytes, got 3/);
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow(RangeError);
    expect(() => encodePng({ width: 1, height: 1, channels: 4 as 3, data: new Uint8Array(4) })).toThrow(/channels/);
  });
});
