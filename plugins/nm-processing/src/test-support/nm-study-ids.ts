import type { DicomValue } from '@atrium/sdk';

/** The identity shared by the objects of a phantom study. */
export interface NmStudyIds {
  readonly studyInstanceUID: string;
  readonly frameOfReferenceUID: string;
  readonly patientName: string;
  readonly patientID: string;
}

/** UIDs under 2.25 derived from a seed and a label (test objects only). */
export function phantomUid(seed: number, label: string): string {
  let h = BigInt(seed) + 1469598103934665603n;
  for (const ch of label) h = ((h ^ BigInt(ch.codePointAt(0)!)) * 1099511628211n) % (1n << 100n);
  return `2.25.${h.toString()}`;
}

/** Study identity of a phantom study from a seed. */
export function nmStudyIds(seed = 1): NmStudyIds {
  return { studyInstanceUID: phantomUid(seed, 'study'), frameOfReferenceUID: phantomUid(seed, 'frame-of-reference'), patientName: 'PHANTOM^NM', patientID: `NM-PHANTOM-${seed}` };
}

/** Patient, study, equipment, frame of reference and NM isotope attributes common to the phantom study's NM objects. */
export function nmStudyAttributes(ids: NmStudyIds): Record<string, DicomValue> {
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    PatientName: ids.patientName,
    PatientID: ids.patientID,
    PatientBirthDate: '19600101',
    PatientSex: 'O',
    StudyInstanceUID: ids.studyInstanceUID,
    StudyDate: '20240601',
    StudyTime: '093000',
    ReferringPhysicianName: '',
    StudyID: '1',
    AccessionNumber: 'NMPHANTOM',
    StudyDescription: 'NM phantom study',
    Modality: 'NM',
    Manufacturer: 'ATRIUM PHANTOM',
    FrameOfReferenceUID: ids.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    PatientOrientation: '',
    ContentDate: '20240601',
    ContentTime: '093000',
    AcquisitionDate: '20240601',
    AcquisitionTime: '093000',
    RadiopharmaceuticalInformationSequence: [{
      RadiopharmaceuticalStartTime: '090000',
      RadionuclideTotalDose: 740,
      RadionuclideCodeSequence: [{ CodeValue: 'C-163A8', CodingSchemeDesignator: 'SRT', CodeMeaning: '^99m^Technetium' }],
    }],
    PatientOrientationCodeSequence: [{ CodeValue: 'F-10450', CodingSchemeDesignator: 'SRT', CodeMeaning: 'recumbent', PatientOrientationModifierCodeSequence: [{ CodeValue: 'F-10340', CodingSchemeDesignator: 'SRT', CodeMeaning: 'supine' }] }],
    PatientGantryRelationshipCodeSequence: [{ CodeValue: 'F-10470', CodingSchemeDesignator: 'SRT', CodeMeaning: 'headfirst' }],
  };
}
