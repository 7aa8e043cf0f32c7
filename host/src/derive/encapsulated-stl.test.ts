/**
 * The Encapsulated STL IOD (PS3.3 A.85.1) from the engine: modules newer than the 2008 tables come
 * from the curated current tables (Manufacturing 3D Model, Encapsulated Document Length), the
 * document is the app's content, its length generated; dciodvfy and DCMTK accept the object.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generated, SopClass, Tag, type OutputDefinition } from '@atrium/sdk';
import { havePeers, peer } from '../../../test/support/peers.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { deriveObject } from './derive-object.js';
import { dciodvfy } from '../../../test/support/dciodvfy.js';
import { ctSources, request } from './test-support/derive-fixtures.js';

/** A binary STL of one triangle with an 80-byte header: 134 bytes. */
function oneTriangleStl(): Uint8Array {
  const bytes = new Uint8Array(84 + 50);
  const view = new DataView(bytes.buffer);
  view.setUint32(80, 1, true);
  [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0].forEach((v, i) => view.setFloat32(84 + 4 * i, v, true));
  return bytes;
}

const STL: OutputDefinition = {
  iod: 'encapsulated-stl',
  cardinality: 'N:1',
  description: 'Surface',
  mapping: {
    Modality: Generated('Content'),
    Manufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
    ManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
    DeviceSerialNumber: Generated('StationName'),
    SoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
    DocumentTitle: Generated('Content'),
    MIMETypeOfEncapsulatedDocument: Generated('Content'),
    EncapsulatedDocument: Generated('Content'),
    MeasurementUnitsCodeSequence: Generated('Content'),
    ConceptNameCodeSequence: Generated('Empty'),
    SourceInstanceSequence: Generated('SourceImageSequence'),
    AcquisitionDateTime: Generated('Empty'),
  },
};

describe('Encapsulated STL from the engine', () => {
  const tmp = useTempDir('atrium-stl-');
  const derive = () =>
    deriveObject(request(STL, ctSources(), {
      request: {
        content: {
          Modality: 'M3D',
          DocumentTitle: 'Bone surface',
          MIMETypeOfEncapsulatedDocument: 'model/stl',
          EncapsulatedDocument: oneTriangleStl(),
          MeasurementUnitsCodeSequence: [{ CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'mm' }],
        },
        burnedInAnnotation: false,
      },
    }));

  it('carries the document, its length, the units and the Frame of Reference of the source', () => {
    const o = derive();
    expect(o.sopClassUID).toBe(SopClass.EncapsulatedSTLStorage);
    expect(o.dataset.text(Tag.Modality)).toBe('M3D');
    expect(o.dataset.get(Tag.EncapsulatedDocument)?.value).toEqual(oneTriangleStl());
    expect(o.dataset.number(Tag.EncapsulatedDocumentLength)).toBe(134);
    expect(o.provenance.EncapsulatedDocumentLength).toBe('Generated:EncapsulatedDocumentLength');
    expect(o.dataset.text(Tag.FrameOfReferenceUID)).toBe(ctSources()[0]!.dataset.text(Tag.FrameOfReferenceUID));
    expect(o.dataset.get(Tag.MeasurementUnitsCodeSequence)?.items?.[0]?.dataset.text(Tag.CodeValue)).toBe('mm');
  });

  it.skipIf(!havePeers('dciodvfy', 'dcmdump'))('passes dciodvfy, and DCMTK reads the document back', () => {
    const o = derive();
    const report = dciodvfy(o.bytes);
    expect(report.errors, report.output).toEqual([]);
    expect(report.output).toContain('EncapsulatedSTL');
    const path = join(tmp(), 'model.dcm');
    writeFileSync(path, o.bytes);
    const dump = spawnSync(peer('dcmdump')!, ['+P', '0042,0015', '+P', '0042,0012', path], { encoding: 'utf8' }).stdout;
    expect(dump).toContain('UL 134');
    expect(dump).toContain('[model/stl]');
  });
});
