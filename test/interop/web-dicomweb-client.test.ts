/**
 * The `dicomweb-client` npm package (the DICOMweb client of OHIF and Slim) against atrium web,
 * run where it is meant to run: inside a page of headless Chromium (it needs XMLHttpRequest),
 * loaded from our own origin. QIDO-RS searches, WADO-RS instances (byte-identical to the stored
 * files), metadata with BulkDataURI, frames (stored and uncompressed), rendered images, bulk
 * data, and STOW-RS of an instance the page holds. Needs Debian's chromium (under CI=true its
 * absence fails).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFixture, type WebFixture } from '../../host/src/web/test-support/web-fixture.js';
import { chromiumBinary, launchChromium } from '../support/headless-chromium.js';
import { readSample } from '../support/samples.js';
import { Tag } from '@atrium/sdk';
import { jsonTag } from '../../host/src/web/dicomweb/dicom-json.js';

const ok = chromiumBinary() !== undefined;
const CLIENT = createRequire(import.meta.url).resolve('dicomweb-client/build/dicomweb-client.js');
const MR = { study: '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457', series: '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457', sop: '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457' };
const XA = { study: '999.999.2.19940822.083000', series: '999.999.2.19940822.083000.1', sop: '999.999.2.19960619.163000.1.103' };
const US_SERIES = '1.3.6.1.4.1.5962.1.3.13.1.20040826185059.5457';

let atrium: WebFixture;
let browser: Browser;
let page: Page;
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe.skipIf(!ok)('dicomweb-client in Chromium against atrium web', () => {
  beforeAll(async () => {
    atrium = await webFixture(['mr/MR_small.dcm', 'xa/gdcm-XA-4frame-jpll.dcm', 'charsets/chrH31.dcm']);
    const { port } = await atrium.server.listen();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.addScriptTag({ path: CLIENT });
    await page.evaluate(() => {
      const w = window as unknown as { client: unknown; DICOMwebClient: { api: { DICOMwebClient: new (o: object) => unknown } } };
      w.client = new w.DICOMwebClient.api.DICOMwebClient({ url: `${location.origin}/dicom-web` });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
  });

  /** Run a call on the page's client (`c`); bytes come back as arrays of numbers. */
  const inPage = <T>(body: string): Promise<T> => page.evaluate(`(async () => { const c = window.client; ${body} })()`) as Promise<T>;

  it('QIDO-RS: searchForStudies / Series / Instances with DICOM matching', async () => {
    const studies = await inPage<Record<string, { Value?: unknown[] }>[]>(`return c.searchForStudies({ queryParams: { PatientName: 'compressed*', ModalitiesInStudy: 'MR' } });`);
    expect(studies.map((s) => s[jsonTag(Tag.StudyInstanceUID)]?.Value?.[0])).toEqual([MR.study]);
    const japanese = await inPage<Record<string, { Value?: unknown[] }>[]>(`return c.searchForStudies({ queryParams: { PatientID: 'H31EXAMPLE' } });`);
    expect(japanese[0]![jsonTag(Tag.PatientName)]?.Value).toEqual([{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }]);
    const series = await inPage<unknown[]>(`return c.searchForSeries({ studyInstanceUID: '${MR.study}' });`);
    expect(series).toHaveLength(1);
    const instances = await inPage<Record<string, { Value?: unknown[] }>[]>(`return c.searchForInstances({ studyInstanceUID: '${XA.study}', seriesInstanceUID: '${XA.series}' });`);
    expect(instances.map((i) => i[jsonTag(Tag.NumberOfFrames)]?.Value?.[0])).toEqual([4]);
  });

  it('WADO-RS: an instance arrives byte-identical to the stored file; metadata with a BulkDataURI the client resolves', async () => {
    const bytes = await inPage<number[]>(`const b = await c.retrieveInstance({ studyInstanceUID: '${MR.study}', seriesInstanceUID: '${MR.series}', sopInstanceUID: '${MR.sop}' }); return Array.from(new Uint8Array(b));`);
    expect(sha256(Uint8Array.from(bytes))).toBe(sha256(readSample('mr/MR_small.dcm')));
    const meta = await inPage<Record<string, { vr: string; BulkDataURI?: string; Value?: unknown[] }>[]>(`return c.retrieveInstanceMetadata({ studyInstanceUID: '${MR.study}', seriesInstanceUID: '${MR.series}', sopInstanceUID: '${MR.sop}' });`);
    expect(meta[0]![jsonTag(Tag.Rows)]?.Value).toEqual([64]);
    const uri = meta[0]![jsonTag(Tag.PixelData)]!.BulkDataURI!;
    const bulk = await inPage<number[]>(`const parts = await c.retrieveBulkData({ BulkDataURI: '${uri}' }); return Array.from(new Uint8Array(parts[0]));`);
    expect(bulk.length).toBe(64 * 64 * 2);
    const study = await inPage<number>(`const parts = await c.retrieveStudy({ studyInstanceUID: '${XA.study}' }); return parts.length;`);
    expect(study).toBe(1);
  });

  it('WADO-RS frames: as stored with transfer-syntax=*, uncompressed by default; rendered JPEG', async () => {
    const args = `studyInstanceUID: '${XA.study}', seriesInstanceUID: '${XA.series}', sopInstanceUID: '${XA.sop}', frameNumbers: [1, 3]`;
    const stored = await inPage<number[][]>(`const f = await c.retrieveInstanceFrames({ ${args}, mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: '*' }] }); return f.map((x) => Array.from(new Uint8Array(x)).slice(0, 2));`);
    expect(stored).toEqual([[0xff, 0xd8], [0xff, 0xd8]]);
    const plain = await inPage<number[]>(`const f = await c.retrieveInstanceFrames({ ${args} }); return f.map((x) => x.byteLength);`);
    expect(plain).toEqual([512 * 512, 512 * 512]); // 8-bit frames of 512 × 512, decoded
    const rendered = await inPage<number[]>(`const r = await c.retrieveInstanceRendered({ studyInstanceUID: '${MR.study}', seriesInstanceUID: '${MR.series}', sopInstanceUID: '${MR.sop}', mediaTypes: [{ mediaType: 'image/jpeg' }] }); return Array.from(new Uint8Array(Array.isArray(r) ? r[0] : r)).slice(0, 3);`);
    expect(rendered).toEqual([0xff, 0xd8, 0xff]);
  });

  it('STOW-RS: storeInstances of a file the page holds; it is then stored, byte for byte', async () => {
    const file = readSample('us/US1_UNCR.dcm');
    const answer = await inPage<string>(`const bytes = new Uint8Array(${JSON.stringify(Array.from(file))}); const r = await c.storeInstances({ datasets: [bytes.buffer] }); return typeof r === 'string' ? r : JSON.stringify(r);`);
    expect(answer).toContain(jsonTag(Tag.ReferencedSOPSequence));
    const [stored] = atrium.services.workstation.index.getInstances({ SeriesInstanceUID: US_SERIES });
    expect(sha256(readFileSync(atrium.services.workstation.files.absolute(stored!.file.path)))).toBe(sha256(file));
    expect(atrium.faults).toEqual([]);
  });
});
