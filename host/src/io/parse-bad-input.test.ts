/**
 * Bad input through the parser: files cut at many offsets (in headers, values, sequences,
 * Pixel Data), garbage, and lengths that lie. Every one either parses (a cut exactly
 * between two top-level elements) or throws an AtriumError ATRIUM_ERR_PARSE_* whose
 * message names the tag path and byte offset; never another exception, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { garbageInputs, truncatedDeflatedInputs, truncatedInputs, wrongLengthInputs, type BadInput } from '../../../test/support/bad-inputs.js';
import { AtriumError } from '../errors/atrium-error.js';
import { parseDicom, type DicomFile } from './parse-part10.js';

const PARSE_CODES = ['ATRIUM_ERR_PARSE_TRUNCATED', 'ATRIUM_ERR_PARSE_MALFORMED', 'ATRIUM_ERR_PARSE_NOT_DICOM'];

/** Parse, returning the file or the error (whatever was thrown). */
function attempt(bytes: Uint8Array): { file?: DicomFile; error?: unknown } {
  try {
    return { file: parseDicom(bytes) };
  } catch (error) {
    return { error };
  }
}

/** Check one outcome against what the input says; returns a problem description or undefined. */
function checkOutcome(input: BadInput, outcome: { file?: DicomFile; error?: unknown }): string | undefined {
  const { file, error } = outcome;
  if (file) {
    if (input.expect !== 'boundary') return 'parsed, but the input is not a cut between elements';
    const tags = file.dataset.elements.map((e) => e.tag);
    if (JSON.stringify(tags) !== JSON.stringify(input.tagsBefore)) return `parsed to ${tags.length} elements, expected ${input.tagsBefore?.length}`;
    return undefined;
  }
  if (!(error instanceof AtriumError)) return `threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
  if (!PARSE_CODES.includes(error.code)) return `unexpected code ${error.code}`;
  if (input.code && error.code !== input.code) return `code ${error.code}, expected ${input.code}`;
  const offset = error.details.offset;
  const tagPath = error.details.tagPath as string[] | undefined;
  if (typeof offset !== 'number' || offset < 0 || offset > input.bytes.length) return `details.offset ${String(offset)} is not an offset in the data`;
  if (!error.message.endsWith(`at byte offset ${offset}`)) return `message does not end with the offset: ${error.message}`;
  if (!Array.isArray(tagPath)) return 'details.tagPath is missing';
  if (tagPath.length > 0 && !error.message.includes(` in ${tagPath.join(' > ')} `)) return `message does not name the tag path: ${error.message}`;
  if (input.tag && tagPath[0] !== input.tag) return `names ${tagPath.join(' > ') || 'no tag'}, expected ${input.tag}: ${error.message}`;
  return undefined;
}

function runAll(inputs: readonly BadInput[]): { problems: string[]; parsed: number; errors: Map<string, number> } {
  const problems: string[] = [];
  const errors = new Map<string, number>();
  let parsed = 0;
  for (const input of inputs) {
    const outcome = attempt(input.bytes);
    if (outcome.file) parsed++;
    else if (outcome.error instanceof AtriumError) errors.set(outcome.error.code, (errors.get(outcome.error.code) ?? 0) + 1);
    const problem = checkOutcome(input, outcome);
    if (problem) problems.push(`${input.name}: ${problem}`);
  }
  return { problems, parsed, errors };
}

describe('parseDicom on bad input', () => {
  it('truncated files: every cut parses (on an element boundary) or throws a parse error naming tag and offset', () => {
    const inputs = truncatedInputs();
    expect(inputs.length).toBeGreaterThan(5000);
    const { problems, parsed, errors } = runAll(inputs);
    expect(problems.slice(0, 20)).toEqual([]);
    // Both outcomes occur: boundaries parse, everything else is refused.
    expect(parsed).toBeGreaterThan(50);
    expect(errors.get('ATRIUM_ERR_PARSE_TRUNCATED')).toBeGreaterThan(4000);
    // Each cut that falls inside an element names that element.
    const named = inputs.filter((i) => i.tag !== undefined);
    expect(named.length).toBeGreaterThan(4000);
    for (const where of ['header of', 'value of', 'sequence', 'Pixel Data', 'boundary', 'preamble', 'meta']) {
      expect(inputs.some((i) => i.name.includes(`(${where}`))).toBe(true);
    }
  });

  it('a truncated Deflated file: the deflate stream cannot be inflated', () => {
    const inputs = truncatedDeflatedInputs();
    const { problems, errors } = runAll(inputs);
    expect(problems).toEqual([]);
    expect(errors.size).toBeGreaterThan(0);
    for (const input of inputs) expect(() => parseDicom(input.bytes)).toThrow(/cannot be inflated|runs past|too short/);
  });

  it('garbage: empty, text, PNG, zeros, random bytes are refused as not DICOM or malformed', () => {
    const { problems, parsed } = runAll(garbageInputs());
    expect(problems).toEqual([]);
    expect(parsed).toBe(0);
  });

  it('specific garbage gets the specific answer', () => {
    expect(() => parseDicom(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARSE_NOT_DICOM' }));
    expect(() => parseDicom(new TextEncoder().encode('not a DICOM file at all\n'))).toThrow(/does not start with a DICOM element at byte offset 0/);
  });

  it('lengths that lie: elements, Pixel Data, items and sequences', () => {
    const inputs = wrongLengthInputs();
    const { problems, parsed } = runAll(inputs);
    expect(problems).toEqual([]);
    expect(parsed).toBe(0);
    // The messages say what lied.
    const messages = inputs.map((i) => (attempt(i.bytes).error as Error).message);
    expect(messages[0]).toMatch(/^value length 65520 runs past the end of the data \(\d+ bytes left\) in \(0010,0010\) at byte offset \d+$/);
    expect(messages.some((m) => /item length \d+ runs past the end of its sequence in \(0008,1032\)/.test(m))).toBe(true);
    expect(messages.some((m) => /expected an Item \(FFFE,E000\), found \(0010,0010\) in \(0008,1032\)/.test(m))).toBe(true);
    expect(messages.some((m) => /in \(0008,1032\) > \(0008,0104\)/.test(m))).toBe(true);
  });
});
