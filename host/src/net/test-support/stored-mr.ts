import { SopClass } from '@atrium/sdk';
import type { StoredInstance } from '../../db/dicom-index.js';

/** A stored MR instance as the index gives it (the MPPS tests build their steps on it). */
export const STORED_MR: StoredInstance = {
  patient: { PatientName: 'Yamada^Taro', PatientID: 'P-1', PatientBirthDate: '19700101', PatientSex: 'M' },
  study: { StudyInstanceUID: '1.2.826.0.1.3680043.8.498.10', AccessionNumber: 'A-7', StudyID: '42', StudyDescription: 'Head' },
  series: { SeriesInstanceUID: '1.2.826.0.1.3680043.8.498.11', Modality: 'MR', SeriesDescription: 'T1', ProtocolName: 'T1 axial' },
  instance: { SOPInstanceUID: '1.2.826.0.1.3680043.8.498.12', SOPClassUID: SopClass.MRImageStorage },
  file: { path: 'x', size: 1, sha256: '0', storedAt: '2026-01-02T00:00:00.000Z' },
};
