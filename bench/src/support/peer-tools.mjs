// Peer programs on the PATH (DCMTK, Orthanc, ...).
import { spawnSync } from 'node:child_process';

/**
 * The path of `tool` on the PATH.
 * @param {string} tool
 * @returns {string | undefined} undefined when it is not installed
 */
export function which(tool) {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/**
 * The first line of `tool --version`.
 * @param {string} tool
 * @returns {string | undefined}
 */
export function version(tool) {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim();
}
