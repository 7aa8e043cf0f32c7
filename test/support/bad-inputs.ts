/**
 * A corpus of inputs that are not (complete, well-formed) DICOM, shared by the tests that
 * feed it to `parseDicom` and to `store.receive`: files cut at many offsets, garbage, and
 * lengths that lie. Each entry says what a reader must make of it.
 */
import { deflateRawSync } from 'node:zlib';
import { DataSet } from '../../host/src/io/data-set.js';
import { formatTag } from '../../host/src/io/parse-error.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { hasLongHeader } from '../../host/src/io/vr.js';
import { writeDataset } from '../../host/src/io/write-dataset.js';
import { encodeDataset, el, FIXTURE_EXPLICIT_LE, item, minimalInstance, part10, sq, type FixtureSequence } from './dicom-fixture.js';
import { readSample } from './samples.js';
import { seededBytes, seededRandom } from './seeded-random.js';
import { Tag } from '@atrium/sdk';

/** One bad input and what must come of it. */
export interface BadInput {
  readonly name: string;
  readonly bytes: Uint8Array;
  /**
   * - `boundary`: the cut falls exactly between two top-level elements: the parse may
   *   succeed (it then holds the elements before the cut) or fail with a parse error;
   * - `error`: the parse must fail with an AtriumError ATRIUM_ERR_PARSE_*.
   */
  readonly expect: 'boundary' | 'error';
  /** When known: the code the error must carry. */
  readonly code?: string;
  /** When known: the top-level element the error must name first in its tag path, as (GGGG,EEEE). */
  readonly tag?: string;
  /** For `boundary`: the tags of the top-level elements before the cut. */
  readonly tagsBefore?: readonly number[];
}

/** Where a top-level element lies in the file. */
interface Span {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
  readonly headerLength: number;
  readonly sequence: boolean;
}

/** File offsets of the top-level elements of a (non-deflated) file: meta and dataset. */
function topLevelSpans(bytes: Uint8Array): { datasetStart: number; metaSpans: Span[]; spans: Span[] } {
  const file = parseDicom(bytes);
  const datasetStart = bytes.length - file.datasetBytes.length;
  const metaStart = file.meta ? datasetStart - writeDataset(file.meta).length : datasetStart;
  const walk = (ds: DataSet, from: number): Span[] => {
    const out: Span[] = [];
    let pos = from;
    for (const e of ds.elements) {
      const length = writeDataset(new DataSet([e], ds.encoding)).length;
      const headerLength = ds.encoding.explicitVR && !e.rawVr && hasLongHeader(e.vr) ? 12 : 8;
      out.push({ tag: e.tag, start: pos, end: pos + length, headerLength, sequence: e.items !== undefined });
      pos += length;
    }
    return out;
  };
  return { datasetStart, metaSpans: file.meta ? walk(file.meta, metaStart) : [], spans: walk(file.dataset, datasetStart) };
}

/** The cut points of a sample: spread evenly, plus the places a cut hurts most. */
function cutPoints(bytes: Uint8Array, datasetStart: number, spans: readonly Span[], count: number): number[] {
  const points = new Set<number>();
  for (let i = 1; i < count; i++) points.add(Math.floor((i * bytes.length) / count));
  const seq = spans.find((s) => s.sequence);
  const pixels = spans.find((s) => s.tag === Tag.PixelData);
  const middle = spans[Math.floor(spans.length / 2)];
  const targeted = [
    datasetStart > 132 ? 100 : undefined, // in the preamble
    datasetStart > 132 ? 132 + 3 : undefined, // in the first meta element header
    datasetStart > 132 ? 132 + 10 : undefined, // in the first meta element value
    datasetStart - 1, // the last byte of the meta
    middle ? middle.start + 3 : undefined, // in an element header
    middle ? middle.start + middle.headerLength + 1 : undefined, // in a value
    middle?.start, // exactly on a boundary
    seq ? seq.start + seq.headerLength + 4 : undefined, // in an item header
    seq ? Math.floor((seq.start + seq.end) / 2) : undefined, // inside a sequence
    seq ? seq.end - 1 : undefined, // the last byte of a sequence
    pixels ? pixels.start + pixels.headerLength + 16 : undefined, // in Pixel Data
    bytes.length - 1, // one byte short
  ];
  for (const p of targeted) if (p !== undefined && p > 0 && p < bytes.length) points.add(p);
  return [...points].sort((a, b) => a - b);
}

function describeCut(c: number, datasetStart: number, metaSpans: readonly Span[], spans: readonly Span[]): { where: string; entry: Omit<BadInput, 'name' | 'bytes'> } {
  const inMeta = c < datasetStart;
  const all = inMeta ? metaSpans : spans;
  const first = all[0];
  if (!first || c < first.start) return { where: inMeta ? 'preamble' : 'dataset start', entry: { expect: 'error' } };
  const boundary = all.find((s) => s.start === c);
  if (c === datasetStart || boundary) {
    // Between two elements: the file holds the elements before the cut (none of the dataset, when in the meta).
    const tagsBefore = inMeta ? [] : spans.filter((s) => s.end <= c).map((s) => s.tag);
    return { where: `boundary before ${boundary ? formatTag(boundary.tag) : 'the dataset'}`, entry: { expect: 'boundary', tagsBefore } };
  }
  const span = all.find((s) => s.start < c && c < s.end);
  if (!span) return { where: 'after the dataset', entry: { expect: 'error' } };
  const tag = formatTag(span.tag);
  const part = inMeta ? 'meta' : span.tag === Tag.PixelData ? 'Pixel Data' : span.sequence ? 'sequence' : 'value of';
  if (c - span.start < span.headerLength) {
    // A bare dataset cut before its first 8 bytes is too short to be recognised at all.
    const code = inMeta || c < 8 ? undefined : 'ATRIUM_ERR_PARSE_TRUNCATED';
    return { where: `header of ${tag}${inMeta ? ' in the meta' : ''}`, entry: { expect: 'error', ...(code ? { code } : {}) } };
  }
  return { where: `${part} ${tag}`, entry: { expect: 'error', code: 'ATRIUM_ERR_PARSE_TRUNCATED', tag } };
}

/** Samples cut at many offsets (every offset for the smaller ones). */
export const TRUNCATION_SAMPLES: readonly { readonly rel: string; readonly cuts: number | 'all' }[] = [
  { rel: 'mr/MR_small.dcm', cuts: 50 }, // Explicit VR LE, native pixels
  { rel: 'rt-seg-sr/test-SR.dcm', cuts: 'all' }, // nested defined-length sequences
  { rel: 'rt-seg-sr/rtstruct.dcm', cuts: 'all' }, // bare Implicit VR LE, undefined-length sequences
  { rel: 'rt-seg-sr/rtplan.dcm', cuts: 50 }, // Implicit VR LE with meta
  { rel: 'nm/NM1_JPLL.dcm', cuts: 50 }, // encapsulated Pixel Data, private tags
  { rel: 'charsets/chrJapMulti.dcm', cuts: 50 },
];

/** Every truncation of {@link TRUNCATION_SAMPLES}. */
export function truncatedInputs(): BadInput[] {
  const out: BadInput[] = [];
  for (const { rel, cuts } of TRUNCATION_SAMPLES) {
    const bytes = readSample(rel);
    const { datasetStart, metaSpans, spans } = topLevelSpans(bytes);
    const points = cuts === 'all' ? Array.from({ length: bytes.length - 1 }, (_, i) => i + 1) : cutPoints(bytes, datasetStart, spans, cuts);
    for (const c of points) {
      const { where, entry } = describeCut(c, datasetStart, metaSpans, spans);
      out.push({ name: `${rel} cut at ${c} (${where})`, bytes: bytes.subarray(0, c), ...entry });
    }
  }
  return out;
}

/** A Deflated Explicit VR LE file made from a real sample, and cuts of it. */
export function truncatedDeflatedInputs(): BadInput[] {
  const sample = parseDicom(readSample('mr/MR_small.dcm'));
  const dataset = writeDataset(sample.dataset);
  const deflated = part10(deflateRawSync(dataset), {
    transferSyntaxUID: '1.2.840.10008.1.2.1.99',
    sopClassUID: sample.dataset.string(Tag.SOPClassUID) ?? '',
    sopInstanceUID: sample.dataset.string(Tag.SOPInstanceUID) ?? '',
  });
  const metaEnd = deflated.length - deflateRawSync(dataset).length;
  const random = seededRandom(1078);
  const cuts = new Set([metaEnd + 1, metaEnd + 10, deflated.length - 1, deflated.length - 5]);
  while (cuts.size < 12) cuts.add(metaEnd + 1 + Math.floor(random() * (deflated.length - metaEnd - 2)));
  return [...cuts].sort((a, b) => a - b).map((c) => ({ name: `deflated MR_small cut at ${c} of ${deflated.length}`, bytes: deflated.subarray(0, c), expect: 'error' as const }));
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** Inputs that are not DICOM at all. */
export function garbageInputs(): BadInput[] {
  const notDicom = 'ATRIUM_ERR_PARSE_NOT_DICOM';
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0, 0x1f, 0xf3, 0xff, 0x61]);
  const out: BadInput[] = [
    { name: 'an empty file', bytes: new Uint8Array(0), expect: 'error', code: notDicom },
    { name: 'a text file', bytes: latin1('Patient list\nSmith^John, 1970-01-01\nDoe^Jane, 1980-02-02\n'), expect: 'error', code: notDicom },
    { name: 'a PNG header', bytes: png, expect: 'error', code: notDicom },
    { name: 'a PNG header padded to 300 bytes', bytes: Uint8Array.from({ length: 300 }, (_, i) => png[i] ?? 0), expect: 'error', code: notDicom },
    { name: '300 zero bytes', bytes: new Uint8Array(300), expect: 'error', code: notDicom },
    { name: 'a 128-byte preamble and "DICM" only', bytes: Uint8Array.from({ length: 132 }, (_, i) => (i < 128 ? 0 : latin1('DICM')[i - 128] ?? 0)), expect: 'error' },
    { name: '"DICM" then text', bytes: latin1('DICMhello, this is not a meta header'), expect: 'error' },
  ];
  for (let seed = 1; seed <= 40; seed++) {
    out.push({ name: `random bytes (seed ${seed})`, bytes: seededBytes(seed, 1 + ((seed * 97) % 2000)), expect: 'error' });
  }
  // A valid preamble and meta followed by random bytes: the dataset parser meets the garbage.
  const head = readSample('mr/MR_small.dcm');
  const datasetStart = head.length - parseDicom(head).datasetBytes.length;
  for (let seed = 101; seed <= 130; seed++) {
    const tail = seededBytes(seed, 50 + ((seed * 131) % 3000));
    const bytes = new Uint8Array(datasetStart + tail.length);
    bytes.set(head.subarray(0, datasetStart));
    bytes.set(tail, datasetStart);
    out.push({ name: `a valid meta then random bytes (seed ${seed})`, bytes, expect: 'error' });
  }
  return out;
}

/** Patch a 16- or 32-bit little-endian length field in a copy of `bytes`. */
function patched(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(offset, value, true);
  else view.setUint32(offset, value >>> 0, true);
  return copy;
}

/** Elements, items and sequences whose length lies. */
export function wrongLengthInputs(): BadInput[] {
  const out: BadInput[] = [];
  const mr = readSample('mr/MR_small.dcm');
  const { spans } = topLevelSpans(mr);
  const patientName = spans.find((s) => s.tag === Tag.PatientName);
  const pixels = spans.find((s) => s.tag === Tag.PixelData);
  if (!patientName || !pixels) throw new Error('MR_small lacks PatientName or PixelData');
  out.push({
    name: 'MR_small with the length of PatientName patched past the end of the file',
    bytes: patched(mr, patientName.start + 6, 0xfff0, 2),
    expect: 'error',
    code: 'ATRIUM_ERR_PARSE_TRUNCATED',
    tag: '(0010,0010)',
  });
  out.push({
    name: 'MR_small with the length of Pixel Data patched 4096 bytes too long',
    bytes: patched(mr, pixels.start + 8, pixels.end - pixels.start - 12 + 4096, 4),
    expect: 'error',
    code: 'ATRIUM_ERR_PARSE_TRUNCATED',
    tag: '(7FE0,0010)',
  });
  out.push({
    name: 'MR_small with the length of Pixel Data patched to 0xFFFFFFF0',
    bytes: patched(mr, pixels.start + 8, 0xfffffff0, 4),
    expect: 'error',
    code: 'ATRIUM_ERR_PARSE_TRUNCATED',
    tag: '(7FE0,0010)',
  });

  // Sequences built byte by byte, in a file the store would otherwise accept.
  const code = (value: string): ReturnType<typeof el> => el(Tag.CodeValue, 'SH', value);
  const meaning = el(Tag.CodeMeaning, 'LO', 'Meaning ');
  const withSequence = (seq: FixtureSequence): Uint8Array => {
    const elements = minimalInstance('2.25.1078', new Map([[Tag.ProcedureCodeSequence, seq]]));
    return part10(encodeDataset(elements, FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.1078.3' });
  };
  const first = [code('A1  '), meaning];
  const second = [code('B2  '), meaning];
  const items = [item(first), item(second)];
  const itemLength = encodeDataset(first, FIXTURE_EXPLICIT_LE).length;
  const seqLength = 2 * (8 + itemLength);
  const cases: [string, FixtureSequence][] = [
    ['an item length running past the end of its sequence', sq(Tag.ProcedureCodeSequence, [item(first, { length: itemLength + 8 }), item(second)], { length: seqLength })],
    ['an item length 2 bytes short (its last element is cut)', sq(Tag.ProcedureCodeSequence, [item(first, { length: itemLength - 2 }), item(second)], { length: seqLength })],
    ['a sequence length 6 bytes short of its items', sq(Tag.ProcedureCodeSequence, items, { length: seqLength - 6 })],
    ['a sequence length longer than its items (the next element is read as an item)', sq(Tag.ProcedureCodeSequence, items, { length: seqLength + 12 })],
    ['an item of undefined length never delimited', sq(Tag.ProcedureCodeSequence, [item(first, { length: 0xffffffff })], { length: 8 + itemLength })],
  ];
  for (const [what, seq] of cases) {
    out.push({ name: `ProcedureCodeSequence with ${what}`, bytes: withSequence(seq), expect: 'error', tag: '(0008,1032)' });
  }
  return out;
}
