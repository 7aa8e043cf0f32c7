import { dciodvfy as kitDciodvfy, dciodvfyFile as kitDciodvfyFile, type DciodvfyReport } from '../../testing/src/dciodvfy.js';

export type { DciodvfyReport };

/**
 * The project's tests run dciodvfy through the test kit's one runner (@atrium/testing: one way to
 * find the tool, one reading of its Error and Warning lines). These two are for tests that have
 * already asked `havePeers('dciodvfy')`: a report is then always there.
 */
function required(report: DciodvfyReport | undefined): DciodvfyReport {
  if (report === undefined) throw new Error('dciodvfy (dicom3tools) is not installed: ask havePeers("dciodvfy") first');
  return report;
}

/** dciodvfy's report on an object held in memory. */
export const dciodvfy = (bytes: Uint8Array): DciodvfyReport => required(kitDciodvfy(bytes));

/** dciodvfy's report on a file on disk. */
export const dciodvfyFile = (path: string): DciodvfyReport => required(kitDciodvfyFile(path));
