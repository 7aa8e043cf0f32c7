import { describe, expect, it } from 'vitest';
import { Copied, Generated, Removed, SopClass } from '@atrium/sdk';
import { conformanceStatement, type ConformanceApp } from './conformance-tables.js';
import { deriveObject } from './derive-object.js';
import { ruleLabel } from './action-rule.js';
import { resolveActions } from './resolve-actions.js';
import { ctSources, grey8, request } from './test-support/derive-fixtures.js';

/** The app as the host documents it: its manifest entry (title, input, outputs' IOD …) joined with its code. */
const app: ConformanceApp['app'] = {
  id: 'summary',
  title: 'Series Summary',
  description: 'One Secondary Capture page summarising a <CT> series & its slices.',
  input: { modality: ['CT'], sopClassUid: [SopClass.CTImageStorage], where: { ImageType: 'ORIGINAL*' }, minInstances: 3 },
  load: {
    Rows: { usage: 'Mandatory', expect: 512, note: 'matrix size' },
    PatientID: { usage: 'Used' },
    ImagePositionPatient: { usage: 'Mandatory', note: 'slice order' },
  },
  outputs: {
    page: {
      iod: 'secondary-capture-image',
      description: 'Summary page',
      cardinality: 'N:1',
      mapping: { StudyDescription: Removed, ImageComments: Generated('Content'), ReasonForStudy: Copied },
    },
  },
};

describe('conformanceStatement', () => {
  const md = conformanceStatement([{ pluginId: 'test.derive', version: '1.2.3', app }], 'md');

  it('prints the input selector and the load table', () => {
    expect(md).toContain('One Secondary Capture page summarising a <CT> series & its slices.');
    expect(md).toContain('## Series Summary (test.derive.summary 1.2.3)');
    expect(md).toContain('- Modality: CT');
    expect(md).toContain('- SOP Class: CT Image Storage (1.2.840.10008.5.1.4.1.1.2)');
    expect(md).toContain('- Image Type (0008,0008) matches ORIGINAL*');
    expect(md).toContain('- At least 3 instance(s)');
    expect(md).toContain('| Attribute Name | Tag | Usage | Expected value | Note |');
    expect(md).toContain("| Patient ID | (0010,0020) | Used |  |  |");
    expect(md).toContain('| Image Position (Patient) | (0020,0032) | Mandatory |  | slice order |');
    expect(md).toContain('| Rows | (0028,0010) | Mandatory | 512 | matrix size |');
  });

  it('prints one table per module with Type, load usage and save action', () => {
    expect(md).toContain('### Output "page": Summary page');
    expect(md).toContain('- SOP Class: Secondary Capture Image Storage (1.2.840.10008.5.1.4.1.1.7)');
    expect(md).toContain('#### Patient module (Mandatory)\n\n| Attribute Name | Tag | Type | Load usage | Save action |');
    for (const row of [
      "| Patient's Name | (0010,0010) | 2 | Ignored | Copied |",
      '| Patient ID | (0010,0020) | 2 | Used | Copied |',
      '| Study Description | (0008,1030) | 3 | Ignored | Removed |',
      '| SOP Instance UID | (0008,0018) | 1 | Ignored | Generated (SOPInstanceUID) |',
      '| Series Number | (0020,0011) | 2 | Ignored | Generated (SeriesNumber) |',
      '| Conversion Type | (0008,0064) | 1 | Ignored | Generated (ConversionType) |',
      '| Image Comments | (0020,4000) | 3 | Ignored | Generated (by the app) |',
      '| Image Position (Patient) | (0020,0032) | 1 | Mandatory | Copied |',
      '| Pixel Data | (7FE0,0010) | 1C | Ignored | Generated (Pixels) |',
      '| Reason for Study | (0032,1030) | 3 | Ignored | Copied |',
      '| ConversionType | WSD (workstation) |',
    ]) expect(md, row).toContain(row);
    expect(md).toContain('#### Image Plane module (User option)\n\nWritten only when the sources or the app provide its attributes, and then complete.');
  });

  it('prints an output\'s notes in a Note column and its remarks under its heading', () => {
    const noted = {
      ...app,
      outputs: { page: { ...app.outputs.page!, notes: { StudyDescription: 'removed as the vendor table says' }, remarks: ['Private attributes are not copied.'] } },
    } as ConformanceApp['app'];
    const text = conformanceStatement([{ pluginId: 'test.derive', version: '1.2.3', app: noted }], 'md');
    expect(text).toContain('Private attributes are not copied.');
    expect(text).toContain('| Attribute Name | Tag | Type | Load usage | Save action | Note |');
    expect(text).toContain('| Study Description | (0008,1030) | 3 | Ignored | Removed | removed as the vendor table says |');
    expect(text).toContain("| Patient's Name | (0010,0010) | 2 | Ignored | Copied |  |");
    expect(md).not.toContain('| Note |\n|---|---|---|---|---|---|');
  });

  it('HTML has the same rows, escaped', () => {
    const html = conformanceStatement([{ pluginId: 'test.derive', version: '1.2.3', app }], 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<p>One Secondary Capture page summarising a &lt;CT&gt; series &amp; its slices.</p>');
    expect(html).toContain("<tr><td>Patient's Name</td><td>(0010,0010)</td><td>2</td><td>Ignored</td><td>Copied</td></tr>");
    expect(html).toContain('<tr><td>Study Description</td><td>(0008,1030)</td><td>3</td><td>Ignored</td><td>Removed</td></tr>');
  });

  it('cannot drift from the engine: every attribute of a derived object was produced by the rule the statement prints', () => {
    const output = app.outputs.page!;
    const o = deriveObject(request(output, ctSources(), {
      outputName: 'page', load: app.load,
      request: { pixels: { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, data: grey8(8, 8) }, content: { ImageComments: 'ok' } },
    }));
    const resolved = resolveActions(output);
    const rules = new Map([...resolved.modules.flatMap((m) => m.attributes), ...resolved.extras].map((a) => [a.keyword, ruleLabel(a.rule)]));
    for (const [keyword, provenance] of Object.entries(o.provenance)) {
      const printed = rules.get(keyword);
      expect(printed, keyword).toBeDefined();
      // Provenance starts with the printed rule; Copied may be regenerated from content when Used at load.
      expect(provenance.startsWith(printed!) || (printed === 'Copied' && provenance.startsWith('Content (')), `${keyword}: ${provenance} vs ${printed}`).toBe(true);
    }
  });
});
