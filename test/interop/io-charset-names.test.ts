/**
 * Character sets through the parser: for every file in samples/charsets, the Patient's Name
 * Atrium reads (`ds.string(Tag.PatientName)`) is the one pydicom shows (`str(ds.PatientName)`).
 * Needs python3 with pydicom (under CI=true its absence fails).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { havePeers, runPydicom } from '../support/peers.js';
import { readSample, REPO_ROOT } from '../support/samples.js';

const ok = havePeers('pydicom');
const files = readdirSync(join(REPO_ROOT, 'samples', 'charsets')).filter((f) => f.endsWith('.dcm')).sort();

const READ_NAMES = String.raw`
import sys, json, pydicom
out = {}
for p in sys.argv[1:]:
    ds = pydicom.dcmread(p)
    raw = ds.get_item(0x00100010).value.hex()  # before the element is converted
    out[p] = {'name': str(ds.PatientName), 'raw': raw}
print(json.dumps(out))
`;

describe.skipIf(!ok)('Patient\'s Name in every charset sample, against pydicom', () => {
  it('finds the charset samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  let pydicom: Record<string, { name: string; raw: string }> = {};
  beforeAll(() => {
    pydicom = JSON.parse(runPydicom(READ_NAMES, files.map((f) => join(REPO_ROOT, 'samples', 'charsets', f)))) as typeof pydicom;
  });

  for (const f of files) {
    it(`${f}: ds.string(PatientName) is pydicom's str(ds.PatientName)`, () => {
      const ds = parseDicom(readSample(`charsets/${f}`)).dataset;
      const ours = ds.string(Tag.PatientName);
      const theirs = pydicom[join(REPO_ROOT, 'samples', 'charsets', f)];
      if (!theirs || ours === undefined) throw new Error(`no Patient's Name for ${f}`);
      expect(ours).not.toMatch(/\uFFFD/);
      // The value bytes are the same bytes pydicom read.
      expect(Buffer.from(ds.get(Tag.PatientName)?.value ?? []).toString('hex')).toBe(theirs.raw);
      if (/3d(20)*$/.test(theirs.raw)) {
        // The value ends in an empty component group ("...=王^小東= "): Atrium keeps it as
        // written, pydicom drops it; the two spell the same name (PS3.5 §6.2.1.1).
        expect(ours.replace(/=+$/, '')).toBe(theirs.name);
        expect(ours).toBe(`${theirs.name}=`);
      } else {
        expect(ours).toBe(theirs.name);
      }
    });
  }
});
