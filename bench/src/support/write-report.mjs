import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Write `report` as JSON to bench/results/<fileName> (folder made if missing) and print
 * "\nwritten <path>".
 * @param {string} fileName e.g. 'import-bench.json'
 * @param {unknown} report
 */
export function writeReport(fileName, report) {
  const out = join(repo, 'bench/results', fileName);
  mkdirSync(join(repo, 'bench/results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten ${out}`);
}
