import { Tag } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/support/samples.js';
import { isAtriumError } from '../errors/atrium-error.js';
import type { DataSet } from '../io/data-set.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { deidentify } from './deidentify.js';
import { UidMapper } from './uid-mapper.js';

const SECRET = 'dar-9500f-test-secret';
const ROOT = '1.2.392.200036.9110';

/** Every value of `tag` at every depth of a data set. */
function valuesOf(ds: DataSet, tag: number): string[] {
  return ds.elements.flatMap((e) => [...(e.tag === tag ? ds.strings(tag) : []), ...(e.items ?? []).flatMap((item) => valuesOf(item.dataset, tag))]);
}

describe('the dar-9500f de-identification preset (Shimadzu DAR-9500f conformance statement §5.2.2)', () => {
  it('replaces SOP Instance UIDs under <root>.66 and the study, series and frame of reference UIDs under <root>', () => {
    const input = parseDicom(readSample('mr/MR_small.dcm'));
    const out = parseDicom(writePart10(deidentify(input, { secret: SECRET, uidRoot: ROOT, preset: 'dar-9500f' }).file));
    const ds = out.dataset;
    expect(ds.string(Tag.SOPInstanceUID)).toMatch(/^1\.2\.392\.200036\.9110\.66\.[1-9]\d{19,}$/);
    expect(out.meta?.string(Tag.MediaStorageSOPInstanceUID)).toBe(ds.string(Tag.SOPInstanceUID));
    for (const tag of [Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.FrameOfReferenceUID]) {
      const uid = ds.string(tag)!;
      expect(uid.startsWith(`${ROOT}.`), uid).toBe(true);
      expect(uid.startsWith(`${ROOT}.66.`), uid).toBe(false);
      expect(uid).not.toBe(input.dataset.string(tag));
    }
    // The attributes follow the Basic Profile, as without a preset.
    expect(ds.string(Tag.PatientIdentityRemoved)).toBe('YES');
    expect(ds.string(Tag.PatientName) ?? '').not.toBe(input.dataset.string(Tag.PatientName));
  });

  it('maps a referenced SOP Instance UID as the instance\'s own, so references still resolve; other UIDs under the root', () => {
    const input = parseDicom(readSample('rt-seg-sr/test-SR.dcm'));
    const references = valuesOf(input.dataset, Tag.ReferencedSOPInstanceUID);
    expect(references.length).toBeGreaterThan(0);
    const ds = deidentify(input, { secret: SECRET, uidRoot: ROOT, preset: 'dar-9500f' }).file.dataset;
    const mapper = new UidMapper(SECRET, ROOT, `${ROOT}.66`);
    expect(valuesOf(ds, Tag.ReferencedSOPInstanceUID)).toEqual(references.map((uid) => mapper.map(uid, Tag.SOPInstanceUID)));
    for (const uid of valuesOf(ds, Tag.ReferencedSOPInstanceUID)) expect(uid.startsWith(`${ROOT}.66.`), uid).toBe(true);
    for (const uid of valuesOf(ds, Tag.SeriesInstanceUID)) expect(/^1\.2\.392\.200036\.9110\.(?!66\.)/.test(uid), uid).toBe(true);
  });

  it('is refused without an organisation root (under 2.25 a .66 arc would not be UUID-derived)', () => {
    const input = parseDicom(readSample('mr/MR_small.dcm'));
    for (const uidRoot of [undefined, '2.25', '2.25.']) {
      const error = (() => {
        try {
          deidentify(input, { secret: SECRET, preset: 'dar-9500f', ...(uidRoot ? { uidRoot } : {}) });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isAtriumError(error, 'ATRIUM_ERR_DEID_UID_ROOT'), String(uidRoot)).toBe(true);
    }
  });
});
