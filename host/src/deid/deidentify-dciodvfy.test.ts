/** De-identified outputs have no dciodvfy Error line that the input did not have already. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag, lookupKeyword, type DeidOption } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { bytesElement, numberElement, stringElement } from '../io/element-factory.js';
import { havePeers } from '../../../test/support/peers.js';
import { REPO_ROOT, readSample } from '../../../test/support/samples.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { dciodvfy } from '../../../test/support/dciodvfy.js';
import { deidentify } from './deidentify.js';
import { deidentifyAsync } from './deidentify-async.js';

/** dciodvfy's Error lines, UIDs masked (they are replaced). */
const errorsOf = (bytes: Uint8Array): string[] => dciodvfy(bytes).errors.map((l) => l.replace(/[0-9]+(\.[0-9]+){2,}/g, '<uid>'));

/** The Error lines of the de-identified object that the input did not have. */
function newErrors(bytes: Uint8Array, options: readonly DeidOption[] = [], preset?: 'gca-9300r'): string[] {
  const before = new Set(errorsOf(bytes));
  return errorsOf(writePart10(deidentify(parseDicom(bytes), { secret: 's', options, ...(preset ? { preset } : {}) }).file)).filter((l) => !before.has(l));
}

/** The overlay group 60xx of a 64×64 image: the Overlay Plane Module, every attribute present. */
function overlayGroup(group: number, enc: Parameters<typeof numberElement>[3]): DataElement[] {
  const tag = (keyword: string): number => ((lookupKeyword(keyword)!.tag & 0xffff) | (group << 16)) >>> 0;
  return [
    numberElement(tag('OverlayRows'), 'US', [64], enc), numberElement(tag('OverlayColumns'), 'US', [64], enc),
    stringElement(tag('OverlayDescription'), 'LO', 'drawn by DR SMITH'), stringElement(tag('OverlayType'), 'CS', 'G'),
    numberElement(tag('OverlayOrigin'), 'SS', [1, 1], enc), numberElement(tag('OverlayBitsAllocated'), 'US', [1], enc),
    numberElement(tag('OverlayBitPosition'), 'US', [0], enc), stringElement(tag('OverlayLabel'), 'LO', 'SMITH'),
    bytesElement(tag('OverlayData'), 'OW', new Uint8Array(512).fill(0x0f)),
  ];
}

describe('no new IOD errors where the Type is only known from newer tables or depths', () => {
  const ready = havePeers('dciodvfy');
  it.skipIf(!ready)('Patient ID inside Source Patient Group Identification Sequence (Type 1 there) gets a dummy', () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'test/fixtures/deid/mr-pacsman-slice0.dcm')));
    expect(parseDicom(bytes).dataset.items(Tag.SourcePatientGroupIdentificationSequence)[0]?.dataset.string(Tag.PatientID)).toBe('PACSMAN1');
    expect(newErrors(bytes)).toEqual([]);
    const out = deidentify(parseDicom(bytes), { secret: 's' }).file.dataset;
    expect(out.items(Tag.SourcePatientGroupIdentificationSequence)[0]?.dataset.string(Tag.PatientID)).toBe('ANONYMIZED');
    expect(out.string(Tag.PatientID)).toBeUndefined(); // Type 2 at the top level: emptied
  });

  it.skipIf(!ready)('the GCA-9300R preset nulls (N) with a dummy where the IOD requires a value: nested Patient ID, Device Serial Number of Enhanced General Equipment', () => {
    expect(newErrors(new Uint8Array(readFileSync(join(REPO_ROOT, 'test/fixtures/deid/mr-pacsman-slice0.dcm'))), [], 'gca-9300r')).toEqual([]);
    expect(newErrors(readSample('rt-seg-sr/liver.dcm'), [], 'gca-9300r')).toEqual([]);
  });

  it.skipIf(!ready)('SR Observation DateTime (Type 1C) in nested content items gets a dummy under the Basic Profile', () => {
    const bytes = readSample('rt-seg-sr/test-SR.dcm');
    expect(newErrors(bytes)).toEqual([]);
  });

  it.skipIf(!ready)('an overlay group goes whole when its Overlay Data goes (Basic Profile, Clean Graphics)', () => {
    const mr = parseDicom(readSample('mr/MR_small.dcm'));
    const withOverlays = writePart10({ ...mr, dataset: mr.dataset.with(new Map([...overlayGroup(0x6000, mr.dataset.encoding), ...overlayGroup(0x6002, mr.dataset.encoding)].map((e) => [e.tag, e]))) });
    expect(errorsOf(withOverlays).filter((l) => /Overlay/i.test(l))).toEqual([]);
    for (const options of [[], ['cleanGraphics']] as DeidOption[][]) {
      expect(newErrors(withOverlays, options), options.join()).toEqual([]);
      const out = deidentify(parseDicom(withOverlays), { secret: 's', options }).file.dataset;
      expect(out.elements.filter((e) => (e.tag >>> 16 & 0xff00) === 0x6000), options.join()).toEqual([]);
    }
  });
});

describe('de-identified objects pass dciodvfy with no new errors', () => {
  const ready = havePeers('dciodvfy');
  // SC and charset files are Secondary Captures: asserted Burned In Annotation NO so they are not refused
  const notBurnedIn = ['sc/SC_rgb_2frame.dcm', 'charsets/chrX1.dcm', 'charsets/chrJapMulti.dcm'];
  const rtSeg = ['rt-seg-sr/rtstruct.dcm', 'rt-seg-sr/rtplan.dcm', 'rt-seg-sr/rtdose.dcm', 'rt-seg-sr/liver.dcm'];
  for (const sample of ['mr/MR_small.dcm', 'rt-seg-sr/test-SR.dcm', 'nm/UNIFORMIDAD_1.dcm', ...rtSeg, ...notBurnedIn]) {
    it.skipIf(!ready)(sample, () => {
      let bytes = readSample(sample);
      if (notBurnedIn.includes(sample)) {
        const f = parseDicom(bytes);
        bytes = writePart10({ ...f, dataset: f.dataset.with(new Map([[Tag.BurnedInAnnotation, stringElement(Tag.BurnedInAnnotation, 'CS', 'NO')]])) });
      }
      // UIDs are replaced, so messages quoting a UID are compared with the UID masked
      const masked = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/[0-9]+(\.[0-9]+){2,}/g, '<uid>'));
      const before = new Set(masked(dciodvfy(bytes).errors));
      const after = dciodvfy(writePart10(deidentify(parseDicom(bytes), { secret: 's', options: ['retainLongitudinalModifiedDates'] }).file));
      expect(masked(after.errors).filter((l) => !before.has(l)), after.output).toEqual([]);
    });
  }

  // Clean Pixel Data: native RGB and YBR_FULL_422 US, lossy JPEG SC decoded to Explicit VR Little Endian
  for (const sample of ['us/US1_UNCR.dcm', 'us/US-YBR_FULL_422-EVRLE.dcm', 'sc/SC_rgb_jpeg_dcmtk.dcm']) {
    it.skipIf(!ready)(`${sample} with a pixel mask`, async () => {
      const bytes = readSample(sample);
      const masked = (lines: readonly string[]): string[] => lines.map((l) => l.replace(/[0-9]+(\.[0-9]+){2,}/g, '<uid>'));
      const before = new Set(masked(dciodvfy(bytes).errors));
      const after = dciodvfy(writePart10((await deidentifyAsync(parseDicom(bytes), { secret: 's', pixelMaskRegions: [{ x: 0, y: 0, width: 60, height: 20 }] })).file));
      expect(masked(after.errors).filter((l) => !before.has(l)), after.output).toEqual([]);
    });
  }
});
