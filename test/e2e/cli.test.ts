import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { writePart10 } from '../../host/src/io/write-part10.js';
import { stringElement } from '../../host/src/io/element-factory.js';
import { atrium, filesUnder, tempDir } from './cli-helpers.js';

/** A copy of a sample with some attributes replaced, as a new file. */
function variant(sample: string, changes: Record<number, string>, vr: Record<number, string>): string {
  const file = parseDicom(readFileSync(sample));
  const ds = file.dataset.with(new Map(Object.entries(changes).map(([t, v]) => [Number(t), stringElement(Number(t), vr[Number(t)] ?? 'LO', v, file.dataset.characterSet)])));
  const out = join(tempDir(), 'variant.dcm');
  writeFileSync(out, writePart10({ ...file, dataset: ds }));
  return out;
}

describe('atrium CLI on the bundled samples', () => {
  const store = tempDir();
  beforeAll(async () => {
    const r = await atrium('--store', store, '--json', 'import', 'samples/mr', 'samples/nm', 'samples/sc', 'samples/dicomdir/DICOMDIR', 'samples/charsets');
    const summary = JSON.parse(r.out);
    expect(summary.rejected).toBe(0);
    expect(summary.stored + summary.replaced).toBe(summary.items.length);
  });

  it('lists studies with wildcard name matching and date ranges', async () => {
    const doe = JSON.parse((await atrium('--store', store, '--json', 'ls', 'studies', '--name', 'Doe^*')).out);
    expect(new Set(doe.map((s: { PatientName: string }) => s.PatientName))).toEqual(new Set(['Doe^Archibald', 'Doe^Peter']));
    const may2003 = JSON.parse((await atrium('--store', store, '--json', 'ls', 'studies', '--date', '20030501-20030531')).out);
    expect(may2003.map((s: { StudyDescription: string }) => s.StudyDescription).sort()).toEqual(['Brain', 'Brain-MRA', 'Carotids']);
    const before2000 = JSON.parse((await atrium('--store', store, '--json', 'ls', 'studies', '--date=-19991231')).out);
    expect(before2000.map((s: { StudyDate: string }) => s.StudyDate)).toEqual(['19950903']);
  });

  it('lists series by modality and counts instances', async () => {
    const nm = JSON.parse((await atrium('--store', store, '--json', 'ls', 'series', '--modality', 'NM')).out);
    expect(nm.length).toBe(3);
    const total = nm.reduce((n: number, s: { NumberOfSeriesRelatedInstances: number }) => n + s.NumberOfSeriesRelatedInstances, 0);
    expect(total).toBe(4);
  });

  it('decodes names in their character sets', async () => {
    const jp = JSON.parse((await atrium('--store', store, '--json', 'ls', 'patients', '--patient-id', 'H31EXAMPLE')).out);
    expect(jp[0].PatientName).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
  });

  it('shows an instance as a listing with its private tags', async () => {
    const sop = '1.3.6.1.4.1.12842.1.1.2.2.20130402.144804.562.332760758'; // nm/UNIFORMIDAD_1 (Mediso private group 0009)
    const r = await atrium('--store', store, 'show', sop);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(0010,0010) PN [QUANTIFICATION_133BA]');
    expect(r.out).toContain('(0009,0010) LO [MEDISO_CONSOLE]');
    expect(r.out).toMatch(/\(0009,1000\) UL 0 +# +4, PrivateTag/);
  });

  it('exports a study byte for byte and removes it', async () => {
    const studyUid = '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1'; // PCIR CT head, 4 slices
    const out = tempDir();
    expect((await atrium('--store', store, 'export', studyUid, '--out', out)).code).toBe(0);
    const exported = filesUnder(out);
    expect(exported.length).toBe(4);
    const originals = filesUnder('samples/dicomdir/77654033/CT2').map((f) => readFileSync(f));
    for (const f of exported) expect(originals.some((o) => o.equals(readFileSync(f)))).toBe(true);
    const rm = await atrium('--store', store, '--json', 'rm', studyUid);
    expect(JSON.parse(rm.out).instances).toBe(4);
    expect(JSON.parse((await atrium('--store', store, '--json', 'ls', 'studies', '--study', studyUid)).out)).toEqual([]);
    expect(filesUnder(join(store, 'files')).some((f) => f.includes(studyUid))).toBe(false);
  });

  it('applies a demographic update and reports it', async () => {
    const f = variant('samples/mr/MR_small.dcm', { [Tag.PatientName]: 'Renamed^Patient' }, { [Tag.PatientName]: 'PN' });
    const r = JSON.parse((await atrium('--store', store, '--json', 'import', f)).out);
    expect(r.replaced).toBe(1);
    expect(r.items[0].changes).toContainEqual({ level: 'PATIENT', field: 'PatientName', old: 'CompressedSamples^MR1', new: 'Renamed^Patient' });
    const p = JSON.parse((await atrium('--store', store, '--json', 'ls', 'patients', '--patient-id', '4MR1')).out);
    expect(p[0].PatientName).toBe('Renamed^Patient');
  });

  it('quarantines a series UID that belongs to another study, and keeps its bytes', async () => {
    const f = variant('samples/mr/MR_small.dcm', { [Tag.StudyInstanceUID]: '1.2.3.4.5', [Tag.SOPInstanceUID]: '1.2.3.4.5.6' }, { [Tag.StudyInstanceUID]: 'UI', [Tag.SOPInstanceUID]: 'UI' });
    const r = await atrium('--store', store, '--json', 'import', f);
    expect(r.code).toBe(1);
    const item = JSON.parse(r.out).items[0];
    expect(item.status).toBe('duplicate');
    expect(item.code).toBe('ATRIUM_ERR_INDEX_DUPLICATE_SERIES');
    expect(readFileSync(join(store, item.quarantinePath)).equals(readFileSync(f))).toBe(true);
    const q = JSON.parse((await atrium('--store', store, '--json', 'quarantine')).out);
    expect(q.map((e: { reasonCode: string }) => e.reasonCode)).toContain('ATRIUM_ERR_INDEX_DUPLICATE_SERIES');
  });

  it('rejects an instance with an empty Type 1 UID, naming the attribute', async () => {
    const r = await atrium('--store', store, '--json', 'import', 'test/fixtures/ct-j2k/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573');
    const item = JSON.parse(r.out).items[0];
    expect(item.status).toBe('rejected');
    expect(item.reason).toContain('SOPInstanceUID (0008,0018) is empty');
    expect(existsSync(join(store, item.quarantinePath.replace(/\.dcm$/, '.json')))).toBe(true);
  });

  it('explains usage errors', async () => {
    expect((await atrium('--store', store, 'ls')).code).toBe(2);
    expect((await atrium('--store', store, 'frobnicate')).code).toBe(2);
    const unknown = await atrium('--store', store, 'show', '1.2.3.999');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('ATRIUM_ERR_CLI_UNKNOWN_UID');
  });
});
