/**
 * DICOM JSON (PS3.18 Annex F) of every sample file, ours against pydicom's `to_json_dict`
 * (with every binary value inline): the same attributes, VRs and values — PN component groups,
 * numbers of IS/DS and binary VRs, AT, nested sequences, base64 of binary values, character
 * sets decoded. Where pydicom departs from PS3.18 §F.2.5 the comparison follows the standard:
 * an empty value of a multi-valued attribute is `null` (pydicom: ""), an empty sequence has no
 * `Value` (pydicom: []); group lengths are left out, and encapsulated Pixel Data is bulk data
 * (a BulkDataURI in the metadata we serve), not inline; a private attribute of an Implicit VR
 * file is UN for us (its VR is nowhere in the file) where pydicom's private dictionary names
 * one. Needs pydicom (under CI=true its absence fails).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { toDicomJson, type DicomJsonObject } from '../../host/src/web/dicomweb/dicom-json.js';
import { peer } from '../support/peers.js';
import { allSampleFiles, readSample, samplePath } from '../support/samples.js';
import { Tag } from '@atrium/sdk';
import { jsonTag } from '../../host/src/web/dicomweb/dicom-json.js';

const python = peer('pydicom');
const SCRIPT = `import sys, json, warnings, pydicom
warnings.simplefilter('ignore')
out = {}
for path in sys.argv[1:]:
    out[path] = pydicom.dcmread(path, force=True).to_json_dict(bulk_data_threshold=10**12)
print(json.dumps(out))`;

/** pydicom's JSON brought to PS3.18 §F.2.5 where it departs from it, and our private UN attributes left out of both (see above). */
function normalised(json: Record<string, unknown>, encapsulated: boolean, ours: DicomJsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [tag, attr] of Object.entries(json as Record<string, { vr: string; Value?: unknown[] }>)) {
    if (tag.endsWith('0000') || (encapsulated && tag === jsonTag(Tag.PixelData))) continue;
    if (parseInt(tag.slice(0, 4), 16) % 2 === 1 && ours[tag]?.vr === 'UN' && attr.vr !== 'UN') {
      delete ours[tag];
      continue;
    }
    if (attr.vr === 'SQ') {
      const items = (ours[tag]?.Value ?? []) as DicomJsonObject[];
      out[tag] = attr.Value?.length ? { vr: 'SQ', Value: attr.Value.map((item, i) => normalised(item as Record<string, unknown>, false, items[i] ?? {})) } : { vr: 'SQ' };
    } else if (Array.isArray(attr.Value) && attr.Value.length > 0) {
      const values = attr.Value.map((v) => (v === '' ? null : v));
      out[tag] = values.length === 1 && values[0] === null ? { vr: attr.vr } : { ...attr, Value: values };
    } else out[tag] = attr;
  }
  return out;
}

const FILES = allSampleFiles().filter((f) => !/DICOMDIR$/.test(f));

describe.skipIf(!python)('DICOM JSON of the sample files: ours and pydicom\'s', () => {
  it(`agree on all ${FILES.length} sample files`, () => {
    const theirs = JSON.parse(execFileSync(python!, ['-c', SCRIPT, ...FILES.map(samplePath)], { encoding: 'utf8', maxBuffer: 1 << 30 })) as Record<string, Record<string, unknown>>;
    for (const file of FILES) {
      const parsed = parseDicom(readSample(file));
      const ours: DicomJsonObject = toDicomJson(parsed.dataset, { bulkThreshold: Number.MAX_SAFE_INTEGER });
      if (parsed.transferSyntax.encapsulated) delete ours[jsonTag(Tag.PixelData)];
      const expected = normalised(theirs[samplePath(file)]!, parsed.transferSyntax.encapsulated, ours);
      expect(ours, file).toEqual(expected);
    }
  });
});
