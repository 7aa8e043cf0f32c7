import { lookupKeyword, lookupTag, SopClass, type DicomItem, type DicomValue } from '@atrium/sdk';
import type { DerivedTestObject } from '@atrium/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceInstanceImpl } from '../../host/src/apps/source-instance-impl.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { calciumSeries, type CalciumBox } from '../../plugins/calcium-scoring/src/test-support/calcium-series.js';
import { runCalcium } from '../../plugins/calcium-scoring/src/test-support/run-calcium.js';
import { atrium, tempDir } from './cli-helpers.js';

// The printed conformance statement of the calcium scoring app (`atrium conformance --app
// calcium-scoring`), checked row by row against real derived objects, so the two cannot drift:
// Removed → absent; Generated → present (a row whose note says when — "only", "absent" — in at
// least one object); Copied → the source's value (an N:1 object: the value all sources share),
// or absent (empty when Type 2) when the source has none; and nothing is written that the statement does not list.

/** One row of a module table of the printed statement. */
interface StatementRow { readonly module: string; readonly name: string; readonly tag: string; readonly type: string; readonly save: string; readonly note: string }

/** The module tables of each output of the printed (markdown) statement: output → rows. */
function statementRows(md: string): Map<string, StatementRow[]> {
  const out = new Map<string, StatementRow[]>();
  let output: string | undefined;
  let module = '';
  for (const line of md.split('\n')) {
    const heading = /^(#{3,4}) (.*)$/.exec(line);
    if (heading) {
      const o = /^Output "([^"]+)"/.exec(heading[2]!);
      if (heading[1] === '###') output = o ? o[1] : undefined;
      if (o) out.set(o[1]!, []);
      module = heading[2]!;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (output === undefined || !/^\([0-9A-F]{4},[0-9A-F]{4}\)$/.test(cells[1] ?? '')) continue;
    out.get(output)!.push({ module, name: cells[0]!, tag: cells[1]!, type: cells[2]!, save: cells[4]!, note: cells[5] ?? '' });
  }
  return out;
}

const keywordOf = (tag: string): string | undefined => lookupTag(Number.parseInt(tag.replace(/[(),]/g, ''), 16))?.keyword;
const tagOf = (keyword: string): string => {
  const t = lookupKeyword(keyword)?.tag;
  return t === undefined ? keyword : `(${(t >>> 16).toString(16).toUpperCase().padStart(4, '0')},${(t & 0xffff).toString(16).toUpperCase().padStart(4, '0')})`;
};

const LAD: CalciumBox = { slices: [3, 4], row: 40, column: 10, height: 4, width: 4, hu: 250 };
const SEEDS = JSON.stringify([{ artery: 'LAD', instanceNumber: 4, row: 41, column: 11 }]);
/** Attributes a real CT carries that the tables copy, remove or replace: character set, padding, window, overlay, institution, comments. */
const EXTRAS: Readonly<Record<string, DicomValue>> = {
  SpecificCharacterSet: 'ISO_IR 100', PixelPaddingValue: -2000, WindowCenter: 40, WindowWidth: 400, InstitutionName: 'Heart Centre',
  StudyDescription: 'CT calcium score', PatientComments: 'none', ImageComments: 'source comment', ConvolutionKernel: 'FC12',
  OverlayRows: 64, OverlayColumns: 64, OverlayType: 'G', OverlayOrigin: [1, 1], OverlayBitsAllocated: 1, OverlayBitPosition: 0, OverlayData: new Uint8Array(512),
};

describe('the printed conformance statement of calcium scoring is what the objects hold', () => {
  const input = calciumSeries({ boxes: [LAD], override: () => EXTRAS });
  const sources = new Map(input.files.map((bytes) => {
    const s = new SourceInstanceImpl(parseDicom(bytes));
    return [s.sopInstanceUID, s] as const;
  }));
  const earlierSr = { studyInstanceUID: [...sources.values()][0]!.string('StudyInstanceUID')!, seriesInstanceUID: '2.25.9', sopClassUID: SopClass.ComprehensiveSRStorage, sopInstanceUID: '2.25.9.1' };
  let rows: Map<string, StatementRow[]>;
  const objects = new Map<string, DerivedTestObject[]>();

  beforeAll(async () => {
    const printed = await atrium('--store', tempDir('atrium-conformance-'), 'conformance', '--app', 'calcium-scoring', '--format', 'md');
    expect(printed.code, printed.err).toBe(0);
    rows = statementRows(printed.out);
    // A scored, verified run that supersedes an earlier SR, and a run without seeds (not scored).
    const scored = await runCalcium(input, { seeds: SEEDS, reader: 'Doe^Jane' }, { superseded: [earlierSr] });
    const unscored = await runCalcium(input, {});
    for (const r of [scored, unscored]) for (const o of r.objects) objects.set(o.output, [...(objects.get(o.output) ?? []), o]);
  }, 120_000);

  /** The source instances of a derived object: its Source Image Sequence, else (the SR) every slice. */
  const sourcesOf = (o: DerivedTestObject) => {
    const items = (o.attribute('SourceImageSequence') as DicomItem[] | undefined) ?? [];
    return items.length > 0 ? items.map((i) => sources.get(i.ReferencedSOPInstanceUID as string)!) : [...sources.values()];
  };

  it('prints a table for each of the four outputs', () => {
    expect([...rows.keys()]).toEqual(['reduced-ct', 'report', 'screen-saves', 'sr']);
    expect([...objects.keys()].sort()).toEqual(['reduced-ct', 'report', 'screen-saves', 'sr']);
    // The sources carry what the tables copy or remove, so the rows are put to the test.
    const first = [...sources.values()][0]!;
    expect(Object.keys(EXTRAS).filter((k) => first.attribute(k) === undefined)).toEqual([]);
    expect(objects.get('reduced-ct')![0]!.attribute('OverlayData')).toBeUndefined();
    expect(objects.get('report')!.map((o) => o.number('PixelPaddingValue'))).toEqual([-2000, undefined, -2000, undefined]);
    expect(objects.get('sr')!.map((o) => [o.string('VerificationFlag'), o.attribute('PredecessorDocumentsSequence') !== undefined])).toEqual([['VERIFIED', true], ['UNVERIFIED', false]]);
  });

  it.each(['reduced-ct', 'report', 'screen-saves', 'sr'])('output %s: every row agrees with the objects, every attribute written is listed', (output) => {
    const list = rows.get(output)!;
    const derived = objects.get(output)!;
    const problems: string[] = [];
    for (const row of list) {
      const keyword = keywordOf(row.tag);
      if (keyword === undefined) continue; // a repeating group's other instances, a private tag: none is written (checked below)
      const has = derived.map((o) => o.attribute(keyword) !== undefined);
      const where = `${row.module}: ${row.name} ${row.tag} "${row.save}"`;
      if (row.save === 'Removed') {
        if (has.some(Boolean)) problems.push(`${where} but present`);
      } else if (row.save.startsWith('Generated')) {
        const conditional = /\bonly\b|\babsent\b/.test(row.note);
        if (conditional ? !has.some(Boolean) : !has.every(Boolean)) problems.push(`${where} but absent${conditional ? ' from every object' : ''}`);
      } else if (row.save === 'Copied') {
        for (const o of derived) {
          const values = sourcesOf(o).map((s) => JSON.stringify(s.attribute(keyword) ?? null));
          const expected = values.every((v) => v === values[0]) ? JSON.parse(values[0]!) : null;
          // Without a source value: absent, or empty when Type 2 (the statement's terms say so).
          const actual = expected === null && row.type.startsWith('2') && JSON.stringify(o.attribute(keyword)) === JSON.stringify([]) ? null : o.attribute(keyword) ?? null;
          if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${where} but ${JSON.stringify(actual)?.slice(0, 60)} where the source has ${JSON.stringify(expected)?.slice(0, 60)}`);
        }
      } else {
        problems.push(`${where}: unknown save action`);
      }
    }
    const listed = new Set(list.map((r) => r.tag));
    for (const o of derived) for (const k of Object.keys(o.attributes())) if (!listed.has(tagOf(k))) problems.push(`${k} written but not in the statement`);
    expect([...new Set(problems)]).toEqual([]);
  });
});
