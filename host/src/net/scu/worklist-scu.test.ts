import { SopClass, Tag, TransferSyntax } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../io/parse-dataset.js';
import { transferSyntaxInfo } from '../../io/transfer-syntax.js';
import { networkConformanceStatement } from '../network-conformance.js';
import { DEFAULT_NETWORK_CONFIG } from '../config/index.js';
import { STEP_KEYS, TOP_KEYS, worklistIdentifier } from './worklist-scu.js';

describe('the Modality Worklist C-FIND identifier', () => {
  it('holds the DAR-9500f keys, the matching values in the Scheduled Procedure Step item, ISO_IR 192 for a name that is not ASCII', () => {
    for (const ts of [TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian]) {
      const bytes = worklistIdentifier({ Modality: 'NM', ScheduledProcedureStepStartDate: '20240101-20240131', ScheduledStationAETitle: 'NM1', PatientName: 'Müller*' }, ts);
      const ds = parseDataset(bytes, transferSyntaxInfo(ts)).dataset;
      expect(ds.string(Tag.SpecificCharacterSet)).toBe('ISO_IR 192');
      expect(ds.string(Tag.PatientName)).toBe('Müller*');
      expect([ds.has(Tag.AccessionNumber), ds.string(Tag.AccessionNumber)]).toEqual([true, undefined]);
      const [step] = ds.items(Tag.ScheduledProcedureStepSequence);
      expect(step!.dataset.string(Tag.Modality)).toBe('NM');
      expect(step!.dataset.string(Tag.ScheduledProcedureStepStartDate)).toBe('20240101-20240131');
      expect(step!.dataset.string(Tag.ScheduledStationAETitle)).toBe('NM1');
      expect(step!.dataset.elements.length).toBe(STEP_KEYS.length);
      expect(ds.elements.length).toBe(TOP_KEYS.length + 2);
    }
    const ascii = parseDataset(worklistIdentifier({ PatientID: 'P1' }, TransferSyntax.ExplicitVRLittleEndian), transferSyntaxInfo(TransferSyntax.ExplicitVRLittleEndian)).dataset;
    expect(ascii.has(Tag.SpecificCharacterSet)).toBe(false);
  });

  it('is described in the network conformance statement', () => {
    const text = networkConformanceStatement(DEFAULT_NETWORK_CONFIG);
    expect(text).toContain('## Modality Worklist SCU (`atrium worklist`)');
    expect(text).toContain(`| Modality Worklist Information Model - FIND | ${SopClass.ModalityWorklistInformationModelFind} |`);
  });
});
