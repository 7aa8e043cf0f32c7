import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticCtSeries } from '../../../host/dist/testing/synthetic-ct-series.js';

/**
 * Generate a synthetic CT series (`syntheticCtSeries`, `slices` slices of `size`×`size`) and
 * write it to the existing folder `dir` as ct-0001.dcm, ct-0002.dcm, …
 * @param {string} dir
 * @param {{ slices: number, size: number, seed?: number }} shape `seed`: another series (other UIDs) for another seed
 * @returns {{ files: Uint8Array[], paths: string[], totalBytes: number }} the bytes, the paths written and their total size
 */
export function writeSyntheticSeries(dir, { slices, size, seed }) {
  const files = syntheticCtSeries({ slices, rows: size, columns: size, ...(seed === undefined ? {} : { seed }) });
  const paths = files.map((bytes, i) => {
    const p = join(dir, `ct-${String(i + 1).padStart(4, '0')}.dcm`);
    writeFileSync(p, bytes);
    return p;
  });
  const totalBytes = files.reduce((n, f) => n + f.length, 0);
  return { files, paths, totalBytes };
}
