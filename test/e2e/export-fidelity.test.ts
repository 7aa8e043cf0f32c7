import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { atrium, filesUnder, tempDir } from './cli-helpers.js';

const samples = filesUnder('samples').filter((f) => !f.endsWith('.md') && !f.endsWith('DICOMDIR') && !f.includes('/ct/'));

describe('an imported, unchanged instance is exported byte-identical', () => {
  const root = tempDir();
  const ws = openWorkstation(root);
  afterAll(() => ws.close());

  it.each(samples)('%s', async (sample) => {
    const original = readFileSync(sample);
    const outcome = ws.store.receive(original, `test:${sample}`);
    expect(outcome.status === 'stored' || outcome.status === 'replaced', JSON.stringify(outcome)).toBe(true);
    if (outcome.status !== 'stored' && outcome.status !== 'replaced') return;
    const out = tempDir();
    const r = await atrium('--store', root, 'export', outcome.SOPInstanceUID, '--out', out);
    expect(r.code, r.err).toBe(0);
    const exported = readFileSync(join(out, outcome.StudyInstanceUID, outcome.SeriesInstanceUID, `${outcome.SOPInstanceUID}.dcm`));
    const source = parseDicom(original);
    if (source.meta) {
      expect(exported.equals(original)).toBe(true);
    } else {
      // Arrived without File Meta Information: a meta is generated, the dataset bytes are unchanged.
      const back = parseDicom(exported);
      expect(back.meta).toBeDefined();
      expect(Buffer.from(back.datasetBytes).equals(original)).toBe(true);
    }
  });
});
