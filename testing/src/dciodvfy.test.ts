import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10 } from '../../test/support/dicom-fixture.js';
import { havePeers } from '../../test/support/peers.js';
import { dciodvfy, dciodvfyFile, parseDciodvfyOutput } from './dciodvfy.js';

/** The one dciodvfy runner of the project: the kit's, also used by the host's and the end-to-end tests. */
describe('dciodvfy', () => {
  it('reads Error and Warning lines apart from the rest of the report', () => {
    const output = ['SCImage', 'Error - Missing attribute Type 1 Required Element=<Modality> Module=<GeneralSeries>', 'Warning - Unrecognized defined term <X>', 'Errors are listed above', ''].join('\n');
    expect(parseDciodvfyOutput(output)).toEqual({
      errors: ['Error - Missing attribute Type 1 Required Element=<Modality> Module=<GeneralSeries>', 'Errors are listed above'],
      warnings: ['Warning - Unrecognized defined term <X>'],
      output,
    });
  });

  it.skipIf(!havePeers('dciodvfy'))('reports a Secondary Capture without its SC Equipment as not valid: the missing Type 1 attribute an error, the DICOMDIR notes warnings', () => {
    const bytes = part10(encodeDataset(minimalInstance(), FIXTURE_EXPLICIT_LE), {
      transferSyntaxUID: '1.2.840.10008.1.2.1',
      sopClassUID: '1.2.840.10008.5.1.4.1.1.7',
      sopInstanceUID: '2.25.314159265358979323846.3',
    });
    const report = dciodvfy(bytes)!;
    expect(report.output).toMatch(/^SCImage$/m);
    expect(report.errors).toContain('Error - Missing attribute Type 1 Required Element=<ConversionType> Module=<SCEquipment>');
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.warnings.every((l) => l.includes('needed to build DICOMDIR'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'atrium-dciodvfy-test-'));
    try {
      writeFileSync(join(dir, 'sc.dcm'), bytes);
      expect(dciodvfyFile(join(dir, 'sc.dcm'))).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
