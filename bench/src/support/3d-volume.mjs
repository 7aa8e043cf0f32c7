// The synthetic CT of the 3-D benchmark, built in memory as an SDK volume (no DICOM).

/**
 * A chest-like CT of `size`×`size`×`slices` Int16 voxels (0.7 × 0.7 × 1 mm, HU): air, a soft-tissue
 * body (elliptic, 40 HU) with lungs (−800 HU), a spine (1000 HU) and an aorta (300 HU) along z, ribs
 * (700 HU rings, 8 mm high every 24 mm) and a few bone balls — enough surface for a few hundred
 * thousand triangles at 300 HU on 300 slices, as a real chest CT.
 * @param {number} size
 * @param {number} slices
 */
export function benchVolume(size, slices) {
  const ps = 0.7;
  const voxels = new Int16Array(size * size * slices);
  const half = ((size - 1) * ps) / 2;
  const body = new Int16Array(size * size);
  const ribs = new Int16Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = c * ps - half, y = r * ps - half;
      const e = (x / 160) ** 2 + (y / 115) ** 2;
      let hu = e < 1 ? 40 : -1000;
      if (((x - 60) / 50) ** 2 + ((y + 5) / 70) ** 2 < 1 || ((x + 60) / 50) ** 2 + ((y + 5) / 70) ** 2 < 1) hu = -800;
      if (Math.hypot(x + 25, y - 10) < 14) hu = 300;
      if (Math.hypot(x, y - 75) < 18) hu = 1000;
      body[r * size + c] = hu;
      ribs[r * size + c] = e > 0.78 && e < 0.9 ? 700 : hu;
    }
  }
  for (let k = 0; k < slices; k++) {
    const z = k;
    voxels.set(z % 24 < 8 ? ribs : body, k * size * size);
  }
  // Bone balls (vertebra-like bumps) along the spine.
  for (let b = 12; b < slices; b += 30) {
    for (let k = Math.max(0, b - 12); k < Math.min(slices, b + 12); k++) {
      for (let r = 0; r < size; r++) {
        const y = r * ps - half;
        for (let c = 0; c < size; c++) {
          const x = c * ps - half;
          if (Math.hypot(x, y - 95, k - b) < 11) voxels[(k * size + r) * size + c] = 900;
        }
      }
    }
  }
  return { dimensions: [size, size, slices], spacing: [ps, ps, 1], origin: [-half, -half, 0], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], frameOfReferenceUID: '2.25.1', voxels, unit: 'HU', sliceSources: undefined };
}
