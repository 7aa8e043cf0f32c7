/**
 * Orthanc 1.10 with its DICOMweb plugin (Debian `orthanc-dicomweb` 1.7) configured with
 * Atrium's `/dicom-web` as a DICOMweb server (`DicomWeb.Servers`):
 * - Orthanc lists our studies through QIDO-RS (all of them, and with a wildcard query);
 * - Orthanc retrieves a study through WADO-RS: every instance arrives byte-identical to the
 *   file we store (native and JPEG 2000 / JPEG baseline alike);
 * - Orthanc sends a study to us through STOW-RS: we store Orthanc's files byte for byte.
 * Needs Orthanc and the plugin (under CI=true their absence fails).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFixture, type WebFixture } from '../../host/src/web/test-support/web-fixture.js';
import { dicomwebConfig, orthancDicomwebPlugin } from '../support/orthanc-dicomweb.js';
import { startOrthanc, type OrthancPeer } from '../support/orthanc.js';
import { readSample } from '../support/samples.js';
import { Tag } from '@atrium/sdk';
import { jsonTag } from '../../host/src/web/dicomweb/dicom-json.js';

const plugin = orthancDicomwebPlugin();
const SAMPLES = ['mr/MR_small.dcm', 'mr/MR2_J2KI.dcm', 'sc/SC_rgb_jpeg_dcmtk.dcm', 'dicomdir/77654033/CT2/17106', 'dicomdir/77654033/CT2/17136'];
const CT_STUDY = '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1';

let atrium: WebFixture;
let orthanc: OrthancPeer;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!plugin)('Orthanc\'s DICOMweb client against atrium web', () => {
  beforeAll(async () => {
    atrium = await webFixture(SAMPLES);
    const { port } = await atrium.server.listen();
    orthanc = await startOrthanc({ config: dicomwebConfig(plugin!, { atrium: `http://127.0.0.1:${port}/dicom-web/` }) });
  });
  afterAll(async () => {
    await orthanc?.stop();
    await atrium?.close();
  });

  it('lists our studies over QIDO-RS, all of them and by a wildcard query', async () => {
    const ours = atrium.services.workstation.index.getInstances({}).map((i) => i.study.StudyInstanceUID);
    const listed = await orthanc.rest<Record<string, { Value?: string[] }>[]>('POST', '/dicom-web/servers/atrium/get', { Uri: '/studies' });
    expect(listed.map((s) => s[jsonTag(Tag.StudyInstanceUID)]?.Value?.[0]).sort()).toEqual([...new Set(ours)].sort());
    const doe = await orthanc.rest<Record<string, { Value?: unknown[] }>[]>('POST', '/dicom-web/servers/atrium/get', { Uri: '/studies', Arguments: { PatientName: 'Doe*', ModalitiesInStudy: 'CT' } });
    expect(doe.map((s) => s[jsonTag(Tag.StudyInstanceUID)]?.Value?.[0])).toEqual([CT_STUDY]);
    expect(doe[0]![jsonTag(Tag.PatientName)]?.Value).toEqual([{ Alphabetic: 'Doe^Archibald' }]);
    const series = await orthanc.rest<unknown[]>('POST', '/dicom-web/servers/atrium/get', { Uri: `/studies/${CT_STUDY}/series` });
    expect(series).toHaveLength(1);
  });

  it('retrieves a study and an instance over WADO-RS, byte-identical to what we store', async () => {
    await orthanc.rest('POST', '/dicom-web/servers/atrium/retrieve', { Resources: [{ Study: CT_STUDY }, { Study: '1.3.6.1.4.1.5962.1.2.5.20040826185059.5457' }] });
    const ids = await orthanc.rest<string[]>('GET', '/instances');
    expect(ids).toHaveLength(3);
    const stored = new Map(atrium.services.workstation.index.getInstances({}).map((i) => [i.instance.SOPInstanceUID, readFileSync(atrium.services.workstation.files.absolute(i.file.path))]));
    for (const id of ids) {
      const tags = await orthanc.rest<{ SOPInstanceUID: string }>('GET', `/instances/${id}/simplified-tags`);
      const file = await orthanc.rest<Uint8Array>('GET', `/instances/${id}/file`);
      expect(Buffer.compare(Buffer.from(file), stored.get(tags.SOPInstanceUID)!), tags.SOPInstanceUID).toBe(0);
    }
  });

  it('takes a study Orthanc sends over STOW-RS, storing Orthanc\'s files byte for byte', async () => {
    const uploaded = (await orthanc.upload(readSample('us/US1_UNCR.dcm'))) as { ID: string; ParentStudy: string };
    await orthanc.rest('POST', '/dicom-web/servers/atrium/stow', { Resources: [uploaded.ParentStudy] });
    const sop = (await orthanc.rest<{ SOPInstanceUID: string }>('GET', `/instances/${uploaded.ID}/simplified-tags`)).SOPInstanceUID;
    let [mine] = atrium.services.workstation.index.getInstances({ SOPInstanceUID: sop });
    for (let i = 0; i < 50 && !mine; i++, await sleep(100)) [mine] = atrium.services.workstation.index.getInstances({ SOPInstanceUID: sop });
    const theirs = await orthanc.rest<Uint8Array>('GET', `/instances/${uploaded.ID}/file`);
    expect(Buffer.compare(readFileSync(atrium.services.workstation.files.absolute(mine!.file.path)), Buffer.from(theirs))).toBe(0);
    expect(mine!.file.receivedFrom).toBe('STOW-RS from 127.0.0.1');
    expect(atrium.faults).toEqual([]);
  });
});
