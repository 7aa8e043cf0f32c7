/**
 * App runs as performed procedure steps against a scripted MPPS SCP (Atrium's codec, the
 * peer's answers chosen by the test): nothing without `appRunMpps`; the N-CREATE before the
 * run, the N-SET with the derived instances after it; a refused N-CREATE thrown (the run
 * goes on without a step); a refused N-SET queued as an MPPS N-SET job.
 */
import { SopClass } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../../db/host-database.js';
import { openDatabase } from '../../db/open-database.js';
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig } from '../config/index.js';
import { CommandField, NO_DATA_SET, type DimseCommand } from '../dimse/dimse-command.js';
import { scriptedScp, type ScriptedScp } from '../test-support/scripted-scp.js';
import { STORED_MR } from '../test-support/stored-mr.js';
import { appRunMpps } from './app-run-mpps.js';
import type { MppsSetPayload } from './mpps-jobs.js';
import { scuSettings } from './net-jobs.js';

let database: HostDatabase;
let scp: ScriptedScp | undefined;
beforeEach(() => {
  database = openDatabase(':memory:');
});
afterEach(async () => {
  await scp?.close();
  scp = undefined;
  database.close();
});

/** An SCP that answers N-CREATE with `create` and N-SET with `set`. */
async function mppsScp(create: number, set: number): Promise<ScriptedScp> {
  return scriptedScp((request: DimseCommand) => [{
    command: {
      CommandField: (request.CommandField | 0x8000) & 0xffff, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: request.MessageID ?? 0,
      AffectedSOPClassUID: SopClass.ModalityPerformedProcedureStep, AffectedSOPInstanceUID: request.AffectedSOPInstanceUID ?? request.RequestedSOPInstanceUID ?? '',
      Status: request.CommandField === CommandField.NCreateRq ? create : set,
    },
  }]);
}

function reporter(appRunMppsAe: string, enqueued: MppsSetPayload[] = []) {
  const config: NetworkConfig = { ...DEFAULT_NETWORK_CONFIG, appRunMpps: appRunMppsAe, dimseTimeoutMs: 5000 };
  return appRunMpps({
    index: { getInstances: (filter) => ('SOPInstanceUID' in filter && filter.SOPInstanceUID !== STORED_MR.instance.SOPInstanceUID ? [] : [STORED_MR]) },
    steps: database.mpps, config: () => config, scu: scuSettings,
    remote: () => ({ title: 'RIS', host: '127.0.0.1', port: scp!.port, roles: ['store'] }),
    enqueueSet: (p) => enqueued.push(p),
  });
}
const RUN = { jobId: 7, app: 'example.series-summary.series-summary', seriesInstanceUID: STORED_MR.series.SeriesInstanceUID };

describe('appRunMpps', () => {
  it('reports nothing without the setting', async () => {
    scp = await mppsScp(0, 0);
    expect(await reporter('').start(RUN)).toBeUndefined();
    expect(scp.received).toEqual([]);
  });

  it('N-CREATE IN PROGRESS before the run, N-SET COMPLETED with what it wrote after it; the step kept as sent', async () => {
    scp = await mppsScp(0, 0);
    const end = await reporter('RIS').start(RUN);
    expect(scp.received.map((c) => c.CommandField)).toEqual([CommandField.NCreateRq]);
    const step = scp.received[0]!.AffectedSOPInstanceUID!;
    expect(database.mpps.get(step, 'sent')).toMatchObject({ status: 'IN PROGRESS', ae: 'RIS' });
    expect(JSON.parse(database.mpps.get(step, 'sent')!.attributes)).toMatchObject({ PerformedProcedureStepID: 'APP7', PerformedProcedureStepDescription: RUN.app, PerformedProcedureStepStatus: 'IN PROGRESS' });
    await end!({ status: 'COMPLETED', written: [{ sopInstanceUID: STORED_MR.instance.SOPInstanceUID }] });
    expect(scp.received.map((c) => [c.CommandField, c.RequestedSOPInstanceUID ?? c.AffectedSOPInstanceUID])).toEqual([[CommandField.NCreateRq, step], [CommandField.NSetRq, step]]);
    const kept = database.mpps.get(step, 'sent')!;
    expect(kept.status).toBe('COMPLETED');
    expect(JSON.parse(kept.attributes)).toMatchObject({ PerformedSeriesSequence: [{ SeriesInstanceUID: STORED_MR.series.SeriesInstanceUID, ReferencedImageSequence: [{ ReferencedSOPInstanceUID: STORED_MR.instance.SOPInstanceUID }] }] });
  });

  it('a refused N-CREATE is thrown: no step; a refused N-SET is queued as an N-SET job and thrown', async () => {
    scp = await mppsScp(0x0120, 0);
    await expect(reporter('RIS').start(RUN)).rejects.toThrow(/MPPS N-CREATE of 2\.25\.\d+ for app run 7 at RIS failed: status 0120/);
    expect(database.mpps.list()).toEqual([]);
    await scp.close();
    scp = await mppsScp(0, 0x0213);
    const enqueued: MppsSetPayload[] = [];
    const end = await reporter('RIS', enqueued).start(RUN);
    await expect(end!({ status: 'DISCONTINUED', reason: 'boom' })).rejects.toThrow(/MPPS N-SET DISCONTINUED of 2\.25\.\d+ at RIS failed: status 0213/);
    expect(enqueued).toEqual([{ ae: 'RIS', SOPInstanceUID: scp.received[0]!.AffectedSOPInstanceUID, status: 'DISCONTINUED', series: [] }]);
  });
});
