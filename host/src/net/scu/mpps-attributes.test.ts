import { TransferSyntax } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { havePeers, runPydicom } from '../../../../test/support/peers.js';
import { decodeAttributes, encodeAttributes } from '../dimse/attribute-list.js';
import { STORED_MR } from '../test-support/stored-mr.js';
import { mppsCreateAttributes, mppsFinalAttributes, performedSeries } from './mpps-attributes.js';

const IMPLICIT = TransferSyntax.ImplicitVRLittleEndian;

/**
 * pydicom builds the N-CREATE and N-SET data sets of the Shimadzu DAR-9500f conformance
 * statement (Tables 13 and 16) for the same study, written independently of our builder; it
 * reads ours (Implicit VR Little Endian, the statement's Tables 11 and 14) and compares
 * element by element, and writes its own for us to read back.
 */
const PYDICOM_MPPS = `
import json, sys
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.filebase import DicomBytesIO
from pydicom.filereader import read_dataset
from pydicom.filewriter import write_dataset
def ds(**kw):
    d = Dataset()
    for k, v in kw.items():
        setattr(d, k, Sequence(v) if isinstance(v, list) else v)
    return d
create = ds(
    ReferencedPatientSequence=[], PatientName='Yamada^Taro', PatientID='P-1', PatientBirthDate='19700101', PatientSex='M',
    ScheduledStepAttributesSequence=[ds(AccessionNumber='A-7', ReferencedStudySequence=[], StudyInstanceUID='1.2.826.0.1.3680043.8.498.10',
        RequestedProcedureDescription='Head', ScheduledProcedureStepDescription='', ScheduledProtocolCodeSequence=[], ScheduledProcedureStepID='', RequestedProcedureID='')],
    PerformedStationAETitle='ATRIUM', PerformedStationName='', PerformedLocation='', PerformedProcedureStepStartDate='20260102', PerformedProcedureStepStartTime='030405',
    PerformedProcedureStepEndDate='', PerformedProcedureStepEndTime='', PerformedProcedureStepStatus='IN PROGRESS', PerformedProcedureStepID='PPS-1',
    PerformedProcedureStepDescription='', PerformedProcedureTypeDescription='', ProcedureCodeSequence=[], Modality='MR', StudyID='42',
    PerformedProtocolCodeSequence=[], PerformedSeriesSequence=[])
final = ds(
    PerformedProcedureStepEndDate='20260102', PerformedProcedureStepEndTime='041500', PerformedProcedureStepStatus='COMPLETED',
    PerformedProcedureStepDiscontinuationReasonCodeSequence=[],
    PerformedSeriesSequence=[ds(RetrieveAETitle='ATRIUM', SeriesDescription='T1', PerformingPhysicianName='', OperatorsName='',
        ReferencedImageSequence=[ds(ReferencedSOPClassUID='1.2.840.10008.5.1.4.1.1.4', ReferencedSOPInstanceUID='1.2.826.0.1.3680043.8.498.12')],
        ProtocolName='T1 axial', SeriesInstanceUID='1.2.826.0.1.3680043.8.498.11', ReferencedNonImageCompositeSOPInstanceSequence=[])])
out = {}
for name, expected, ours in (('create', create, sys.argv[1]), ('final', final, sys.argv[2])):
    got = read_dataset(DicomBytesIO(bytes.fromhex(ours)), True, True)
    out[name + 'Differs'] = sorted(set(e.keyword for e in expected) ^ set(e.keyword for e in got)) + [e.keyword for e in expected if e.keyword in got and got[e.tag].value != e.value]
    fp = DicomBytesIO(); fp.is_little_endian = True; fp.is_implicit_VR = True
    write_dataset(fp, expected)
    out[name] = fp.getvalue().hex()
print(json.dumps(out))
`;

describe('MPPS N-CREATE / N-SET data sets (Shimadzu DAR-9500f conformance statement, Tables 13 and 16)', () => {
  const create = mppsCreateAttributes(STORED_MR, { aeTitle: 'ATRIUM', stepId: 'PPS-1', start: new Date(2026, 0, 2, 3, 4, 5) });
  const final = mppsFinalAttributes('COMPLETED', new Date(2026, 0, 2, 4, 15, 0), performedSeries([STORED_MR], 'ATRIUM'));

  it.runIf(havePeers('pydicom'))('are the data sets pydicom builds from the statement: read by pydicom equal, and pydicom\'s read by us equal', () => {
    const ours = [create, final].map((l) => Buffer.from(encodeAttributes(l, IMPLICIT)).toString('hex'));
    const r = JSON.parse(runPydicom(PYDICOM_MPPS, ours)) as Record<string, string | string[]>;
    expect(r.createDiffers).toEqual([]);
    expect(r.finalDiffers).toEqual([]);
    expect(decodeAttributes(Buffer.from(r.create as string, 'hex'), IMPLICIT)).toEqual(create);
    expect(decodeAttributes(Buffer.from(r.final as string, 'hex'), IMPLICIT)).toEqual(final);
  });

  it('the performed series group instances by series, each with its Referenced Image Sequence', () => {
    const second = { ...STORED_MR, instance: { ...STORED_MR.instance, SOPInstanceUID: '1.2.826.0.1.3680043.8.498.13' } };
    const other = { ...STORED_MR, series: { ...STORED_MR.series, SeriesInstanceUID: '1.2.826.0.1.3680043.8.498.14' } };
    const series = performedSeries([STORED_MR, second, other], 'ATRIUM');
    expect(series.map((s) => [s.SeriesInstanceUID, (s.ReferencedImageSequence as unknown[]).length])).toEqual([['1.2.826.0.1.3680043.8.498.11', 2], ['1.2.826.0.1.3680043.8.498.14', 1]]);
  });
});
