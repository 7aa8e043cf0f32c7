/** Test-only wrappers around DCMTK / GDCM command lines. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './peer-tools.js';

let fixes = 0;

/**
 * GDCM's `gdcmconv --raw`. GDCM refuses to write files whose SOP Class/Instance UID are
 * empty (as in test/fixtures/ct-j2k); for those a copy gets the values of the meta header first.
 */
export function gdcmRaw(input: string, output: string, scratch: string): void {
  try {
    run('gdcmconv', ['--raw', input, output]);
  } catch {
    const fixed = join(scratch, `gdcm-fixed-${fixes++}.dcm`);
    copyFileSync(input, fixed);
    const meta = run('dcmdump', ['-q', '-Un', '+P', '0002,0002', '+P', '0002,0003', fixed]);
    const sopClass = uidOf(meta, '0002,0002');
    const sopInstance = uidOf(meta, '0002,0003');
    if (!sopClass || !sopInstance) throw new Error(`Cannot read the meta UIDs of ${input}`);
    run('dcmodify', ['-nb', '-m', `(0008,0016)=${sopClass}`, '-m', `(0008,0018)=${sopInstance}`, fixed]);
    run('gdcmconv', ['--raw', fixed, output]);
  }
}

function uidOf(dump: string, tag: string): string | undefined {
  const line = dump.split('\n').find((l) => l.startsWith(`(${tag})`));
  return line ? /\[([0-9.]+)\]/.exec(line)?.[1] : undefined;
}
