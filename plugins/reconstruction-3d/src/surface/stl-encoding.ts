import type { Mesh } from './mesh.js';

/**
 * A mesh as binary STL: an 80-byte header (text, never starting with "solid", which would mark ASCII
 * STL), the triangle count, then per triangle its unit normal (from the winding), three vertices as
 * 32-bit floats and a zero attribute word. Coordinates are written as they are (patient mm).
 */
export function encodeStl(mesh: Mesh, header: string): Uint8Array {
  const count = mesh.triangles.length / 3;
  const bytes = new Uint8Array(84 + 50 * count);
  const view = new DataView(bytes.buffer);
  const text = new TextEncoder().encode(header.replace(/^solid/i, 'Solid model'));
  bytes.set(text.subarray(0, 80));
  view.setUint32(80, count, true);
  const p = mesh.positions;
  const t = mesh.triangles;
  let o = 84;
  for (let f = 0; f < t.length; f += 3) {
    const a = 3 * t[f]!, b = 3 * t[f + 1]!, c = 3 * t[f + 2]!;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz) || 1;
    nx /= len; ny /= len; nz /= len;
    for (const value of [nx, ny, nz, p[a]!, p[a + 1]!, p[a + 2]!, p[b]!, p[b + 1]!, p[b + 2]!, p[c]!, p[c + 1]!, p[c + 2]!]) {
      view.setFloat32(o, value, true);
      o += 4;
    }
    o += 2;
  }
  return bytes;
}
