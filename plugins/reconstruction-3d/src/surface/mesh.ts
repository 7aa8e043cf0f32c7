import type { Affine, Vec3 } from '@atrium/sdk';

/** A triangle mesh in patient coordinates (mm). */
export interface Mesh {
  /** x, y, z per vertex. */
  readonly positions: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  readonly triangles: Uint32Array;
}

/** Collects vertices given as continuous voxel indices (taken to patient mm by the affine) and triangles. */
export class MeshBuilder {
  private positions = new Float32Array(3 * 4096);
  private triangles = new Uint32Array(3 * 8192);
  private vertices = 0;
  private faces = 0;

  constructor(private readonly affine: Affine) {}

  /** Add a vertex at voxel index (i, j, k); returns its id. */
  vertex(i: number, j: number, k: number): number {
    if (3 * (this.vertices + 1) > this.positions.length) this.positions = grow(this.positions);
    const m = this.affine;
    const o = 3 * this.vertices;
    this.positions[o] = m[0]! * i + m[1]! * j + m[2]! * k + m[3]!;
    this.positions[o + 1] = m[4]! * i + m[5]! * j + m[6]! * k + m[7]!;
    this.positions[o + 2] = m[8]! * i + m[9]! * j + m[10]! * k + m[11]!;
    return this.vertices++;
  }

  triangle(a: number, b: number, c: number): void {
    if (3 * (this.faces + 1) > this.triangles.length) this.triangles = grow(this.triangles);
    const o = 3 * this.faces++;
    this.triangles[o] = a;
    this.triangles[o + 1] = b;
    this.triangles[o + 2] = c;
  }

  build(): Mesh {
    return { positions: this.positions.slice(0, 3 * this.vertices), triangles: this.triangles.slice(0, 3 * this.faces) };
  }
}

function grow<T extends Float32Array | Uint32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Measures of a mesh: vertex and triangle counts, bounds, enclosed volume, area. */
export interface MeshMeasures {
  readonly vertices: number;
  readonly triangles: number;
  readonly min: Vec3;
  readonly max: Vec3;
  /** Enclosed volume (mm³, divergence theorem: Σ signed tetrahedra from the origin); exact for a closed mesh. */
  readonly volumeMm3: number;
  readonly areaMm2: number;
}

/** The measures of a mesh ({@link MeshMeasures}). */
export function meshMeasures(mesh: Mesh): MeshMeasures {
  const p = mesh.positions;
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < p.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      if (p[i + a]! < min[a]!) min[a] = p[i + a]!;
      if (p[i + a]! > max[a]!) max[a] = p[i + a]!;
    }
  }
  let volume = 0;
  let area = 0;
  const t = mesh.triangles;
  for (let f = 0; f < t.length; f += 3) {
    const a = 3 * t[f]!, b = 3 * t[f + 1]!, c = 3 * t[f + 2]!;
    const ax = p[a]!, ay = p[a + 1]!, az = p[a + 2]!;
    const bx = p[b]!, by = p[b + 1]!, bz = p[b + 2]!;
    const cx = p[c]!, cy = p[c + 1]!, cz = p[c + 2]!;
    volume += (ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx)) / 6;
    const ux = bx - ax, uy = by - ay, uz = bz - az, vx = cx - ax, vy = cy - ay, vz = cz - az;
    area += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
  }
  return { vertices: p.length / 3, triangles: t.length / 3, min, max, volumeMm3: volume, areaMm2: area };
}
