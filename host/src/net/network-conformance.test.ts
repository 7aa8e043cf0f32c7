import { describe, expect, it } from 'vitest';
import { QueryRetrieveSopClass, SopClass, sopClassName } from '@atrium/sdk';
import { DEFAULT_NETWORK_CONFIG } from './config/index.js';
import { networkConformanceStatement } from './network-conformance.js';
import { STORAGE_SYNTAXES, storageSopClasses } from './syntaxes.js';

describe('network conformance statement', () => {
  const text = networkConformanceStatement({ ...DEFAULT_NETWORK_CONFIG, aeTitle: 'WS_ONE', findLimit: 250 });

  it('lists every storage SOP class and transfer syntax the SCP negotiates, from the same tables', () => {
    for (const uid of storageSopClasses()) expect(text).toContain(`| ${sopClassName(uid)} | ${uid} |`);
    for (const uid of STORAGE_SYNTAXES) expect(text).toContain(` | ${uid} |`);
    for (const uid of Object.values(QueryRetrieveSopClass)) expect(text).toContain(uid);
  });

  it('covers every storage SOP class the five seeds require', () => {
    // CT, Enhanced CT, MR, Enhanced MR, NM, SC, the multi-frame SCs, XA, X-Ray Radiation Dose SR, DX, intra-oral, CR, US (single and multi-frame), VL Endoscopic, VL Photographic.
    const seeds = [
      SopClass.CTImageStorage, SopClass.EnhancedCTImageStorage, SopClass.MRImageStorage, SopClass.EnhancedMRImageStorage,
      SopClass.NuclearMedicineImageStorage, SopClass.SecondaryCaptureImageStorage,
      SopClass.MultiFrameGrayscaleByteSecondaryCaptureImageStorage, SopClass.MultiFrameTrueColorSecondaryCaptureImageStorage,
      SopClass.XRayAngiographicImageStorage, SopClass.XRayRadiationDoseSRStorage, SopClass.DigitalXRayImageStorageForPresentation,
      SopClass.DigitalIntraOralXRayImageStorageForPresentation, SopClass.ComputedRadiographyImageStorage,
      SopClass.UltrasoundImageStorage, SopClass.UltrasoundMultiFrameImageStorage, SopClass.VLEndoscopicImageStorage, SopClass.VLPhotographicImageStorage,
    ];
    expect(seeds.filter((uid) => !storageSopClasses().includes(uid))).toEqual([]);
  });

  it('states the configured parameters, the rejection reasons and the statuses', () => {
    expect(text).toContain('| AE title | WS_ONE | aeTitle |');
    expect(text).toContain('| C-FIND SCP matches | 250 | findLimit |');
    expect(text).toContain('rejected-transient / service-provider (presentation) / local-limit-exceeded');
    expect(text).toContain('- C-FIND, C-MOVE, C-GET: registered callers only, each from its registered host (acceptUnknownQueryRetrieve=false)');
    expect(text).toContain('| C-FIND / C-MOVE / C-GET from callers not registered at their host | refused | acceptUnknownQueryRetrieve |');
    expect(text).toMatch(/a Maximum Length of 1 to 1023 .*\| rejected-permanent \/ service-provider \(ACSE\) \/ no-reason-given \|/);
    for (const code of ['A700', 'A900', 'C000', 'FF00', 'FF01', 'FE00', 'A801', 'A702', 'B000']) expect(text).toContain(`| ${code} |`);
    expect(text).toMatch(/\| STUDY \| ModalitiesInStudy \| \(0008,0061\) \|/);
    expect(text).toMatch(/\| PATIENT \| PatientName \| \(0010,0010\) \| single value, wildcard \(case-insensitive\), universal \|/);
  });

  it('has the Storage Commitment SCU, MPPS SCP/SCU and Print SCU sections with their SOP classes, roles and statuses', () => {
    expect(text).toContain('| Storage Commitment Push Model SOP Class | 1.2.840.10008.1.20.1 | SCU |');
    expect(text).toContain('| Modality Performed Procedure Step SOP Class | 1.2.840.10008.3.1.2.3.3 | SCP and SCU |');
    expect(text).toContain('| N-EVENT-REPORT | Invalid argument value | 0115 |');
    expect(text).toMatch(/With deleteCommitted \(now false; default false\) the local copy of each instance a report says is committed/);
    expect(text).toMatch(/App runs .*with appRunMpps naming an AE \(now none\), each `atrium run` \/ `atrium batch` job sends N-CREATE IN PROGRESS/);
    for (const code of ['0111', '0112', '0120', '0121', '0106']) expect(text).toContain(`| ${code} |`);
    expect(text).toMatch(/\| N-SET \| Processing failure: Performed Procedure Step Object may no longer be updated \| 0110 \| .*A710/);
    expect(text).toContain('| Basic Grayscale Print Management Meta SOP Class | 1.2.840.10008.5.1.1.9 | SCU |');
    expect(text).toContain('| Basic Color Print Management Meta SOP Class | 1.2.840.10008.5.1.1.18 | SCU |');
    expect(text).toContain('| … Basic Color Image Box SOP Class | 1.2.840.10008.5.1.1.4.1 | SCU |');
    expect(text).toMatch(/Basic Annotation Box SOP Class \| 1\.2\.840\.10008\.5\.1\.1\.15 \| SCU/);
    expect(text).toContain('| … Basic Grayscale Image Box SOP Class | 1.2.840.10008.5.1.1.4 | SCU |');
    expect(text).toMatch(/retried up to printRetries = 5 times/);
  });
});
