import type { SlicePhantom } from './synthetic-ct-series.js';

/**
 * A chest-like CT phantom for the 3-D apps' demo and benchmark (HU at patient positions, mm): air;
 * a soft-tissue body (40 HU, a barrel 320 mm wide and 230 mm deep, narrowing towards both ends of a
 * 200 mm chest centred on `centreZ`) with two lungs (−800 HU, domed above the centre), a heart
 * (50 HU, an ellipsoid) and a contrast-filled aorta (400 HU); a spine (1000 HU) with a vertebral body
 * every 30 mm, a sternum (700 HU) and ribs (700 HU, 5 mm high every 30 mm, from the sides to the
 * back). On 300 slices of 512×512 at 0.7 × 0.7 × 1 mm its surface at 300 HU has about half a million
 * triangles, as a real chest CT's bones. `huAt` and `slice` agree.
 */
export interface ChestPhantom extends SlicePhantom {
  huAt(x: number, y: number, z: number): number;
}

export function chestPhantom(centreZ = 0): ChestPhantom {
  const huAt = (x: number, y: number, z: number): number => {
    const dz = z - centreZ;
    // A barrel: the body narrows 15 % towards both ends of a 200 mm chest.
    const taper = 1 - 0.15 * Math.min(1, (dz / 100) ** 2);
    const e = (x / (160 * taper)) ** 2 + (y / (115 * taper)) ** 2;
    if (e >= 1) return -1000;
    if (Math.hypot(x, y - 95, mod(z, 30) - 15) < 11) return 900;
    if (Math.hypot(x, y - 75) < 18) return 1000;
    if (Math.hypot(x, y + 105) < 8) return 700;
    if (e > 0.81 && e < 0.85 && y > -40 && mod(z, 30) < 5) return 700;
    if (Math.hypot(x + 25, y - 10) < 14) return 400;
    if (((x - 15) / 45) ** 2 + ((y + 20) / 40) ** 2 + ((dz + 20) / 45) ** 2 < 1) return 50;
    // Lungs: domes above, open below the chest's centre.
    const lungZ = dz > 0 ? (dz / 90) ** 2 : 0;
    if (((x - 60) / 50) ** 2 + ((y + 5) / 70) ** 2 + lungZ < 1 || ((x + 60) / 50) ** 2 + ((y + 5) / 70) ** 2 + lungZ < 1) return -800;
    return 40;
  };
  return {
    huAt,
    slice(z, { x0, y0, spacing, rows, columns }) {
      const out = new Int16Array(rows * columns);
      for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[r * columns + c] = huAt(x0 + c * spacing, y0 + r * spacing, z);
      return out;
    },
  };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
