/**
 * The streamed listing (dump-file.ts, on the walker of walk-dataset.ts) against the
 * listing of the parsed data set: the same lines for every sample, and the same refusal
 * (code, message, offset) as the parser for every input of the bad-input corpus — the
 * walker and the parser read by one set of rules.
 */
import { describe, expect, it } from 'vitest';
import { garbageInputs, truncatedInputs, wrongLengthInputs } from '../../../test/support/bad-inputs.js';
import { emptyItemsObject } from '../../../test/support/bulk-objects.js';
import { allSampleFiles, readSample, samplePath } from '../../../test/support/samples.js';
import { MemoryWindow, withFileWindow } from './byte-window.js';
import { dumpDataset } from './dump-dataset.js';
import { dumpFile } from './dump-file.js';
import { parseDicom } from './parse-part10.js';

function outcome(fn: () => string): { text?: string; error?: { code: unknown; message: string } } {
  try {
    return { text: fn() };
  } catch (e) {
    return { error: { code: (e as { code?: unknown }).code, message: (e as Error).message } };
  }
}

describe('dumpFile', () => {
  it('lists every sample as dumpDataset lists the parsed data set, from a file and from memory', () => {
    let compared = 0;
    for (const rel of allSampleFiles()) {
      const bytes = readSample(rel);
      let parsed;
      try {
        parsed = parseDicom(bytes);
      } catch {
        continue; // not DICOM (an image beside the samples)
      }
      // Joined: a line of either listing may hold a value's own line breaks.
      const expected = dumpDataset(parsed.dataset, { maxValueChars: 40 });
      const fromMemory = dumpFile(new MemoryWindow(bytes), { maxValueChars: 40 });
      expect([...fromMemory.dataset].join('\n'), rel).toEqual(expected);
      expect(fromMemory.meta.join('\n'), rel).toEqual(parsed.meta ? dumpDataset(parsed.meta, { maxValueChars: 40 }) : '');
      const fromFile = withFileWindow(samplePath(rel), (w) => [...dumpFile(w, { maxValueChars: 40 }).dataset].join('\n'));
      expect(fromFile, rel).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('refuses what the parser refuses, with the same code, message and offset', () => {
    const inputs = [...truncatedInputs(), ...garbageInputs(), ...wrongLengthInputs()];
    const problems: string[] = [];
    for (const input of inputs) {
      const parsed = outcome(() => dumpDataset(parseDicom(input.bytes).dataset));
      const walked = outcome(() => [...dumpFile(new MemoryWindow(input.bytes)).dataset].join('\n'));
      if (JSON.stringify(parsed) !== JSON.stringify(walked)) problems.push(`${input.name}: parser ${JSON.stringify(parsed.error ?? 'ok')}, walker ${JSON.stringify(walked.error ?? 'ok')}`);
    }
    expect(problems).toEqual([]);
    expect(inputs.length).toBeGreaterThan(500);
  });

  it('lists 300,000 items past every parse limit (show lists whatever is stored), counting them first', () => {
    const listing = dumpFile(new MemoryWindow(emptyItemsObject(300_000)));
    let items = 0;
    let sequenceLine = '';
    for (const line of listing.dataset) {
      if (line === '  (FFFE,E000) na (Item with explicit length #=0)') items++;
      else if (line.startsWith('(0009,1010)')) sequenceLine = line;
    }
    expect(items).toBe(300_000);
    expect(sequenceLine).toBe('(0009,1010) SQ (Sequence with explicit length #=300000)  # PrivateTag');
  });
});
