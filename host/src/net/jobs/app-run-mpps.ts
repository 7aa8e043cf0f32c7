import { SopClass } from '@atrium/sdk';
import type { Index, StoredInstance } from '../../db/dicom-index.js';
import type { MppsTable } from '../../db/mpps-table.js';
import type { NetworkConfig, RemoteAe } from '../config/index.js';
import { mppsCreateAttributes, mppsFinalAttributes, performedSeries } from '../scu/mpps-attributes.js';
import type { ScuSettings } from '../scu/open-scu.js';
import { uuidUid } from '../uuid-uid.js';
import { sendMpps, type MppsSetPayload } from './mpps-jobs.js';

/** An app run as its performed procedure step sees it. */
export interface AppRunStep {
  readonly jobId: number;
  /** Qualified app id. */
  readonly app: string;
  readonly seriesInstanceUID?: string;
  readonly studyInstanceUID?: string;
}

/** How an app run ended: COMPLETED with what it wrote, or DISCONTINUED. */
export type AppRunStepEnd =
  | { readonly status: 'COMPLETED'; readonly written: readonly { readonly sopInstanceUID: string }[] }
  | { readonly status: 'DISCONTINUED'; readonly reason: string };

/** What {@link appRunMpps} uses. */
export interface AppRunMppsDeps {
  readonly index: Pick<Index, 'getInstances'>;
  readonly steps: Pick<MppsTable, 'create' | 'update'>;
  readonly config: () => NetworkConfig;
  readonly scu: (c: NetworkConfig) => ScuSettings;
  readonly remote: (name: string) => RemoteAe;
  /** Enqueues an MPPS N-SET job (`net.mpps.set`, retried as sends) when the N-SET at the end of a run fails. */
  readonly enqueueSet?: (payload: MppsSetPayload) => void;
}

/**
 * App runs as Modality Performed Procedure Steps (Shimadzu DAR-9500f conformance statement,
 * MPPS SCU, for a workstation's post-processing): with `appRunMpps` naming an AE, `start`
 * sends the N-CREATE IN PROGRESS of a step on the input's study (the attributes of
 * `atrium mpps create`, Performed Procedure Step Description = the app id) and returns the
 * end, which sends the N-SET — COMPLETED with the derived series and their instances as the
 * Performed Series Sequence, or DISCONTINUED with none. Without the setting, or for an input
 * not stored, `start` reports nothing. A failed N-CREATE is thrown (the caller logs it and
 * runs the app without a step); a failed N-SET is enqueued as an MPPS N-SET job and thrown.
 */
export function appRunMpps(deps: AppRunMppsDeps): { start(run: AppRunStep): Promise<((end: AppRunStepEnd) => Promise<void>) | undefined> } {
  return {
    async start(run) {
      const config = deps.config();
      if (config.appRunMpps === '') return undefined;
      const filter = run.seriesInstanceUID !== undefined ? { SeriesInstanceUID: run.seriesInstanceUID } : run.studyInstanceUID !== undefined ? { StudyInstanceUID: run.studyInstanceUID } : undefined;
      const first = filter && deps.index.getInstances(filter)[0];
      if (!first) return undefined;
      const ae = deps.remote(config.appRunMpps);
      const SOPInstanceUID = uuidUid();
      const attributes = { ...mppsCreateAttributes(first, { aeTitle: config.aeTitle, stepId: `APP${run.jobId}`.slice(0, 16), start: new Date() }), PerformedProcedureStepDescription: run.app.slice(0, 64) };
      await sendMpps(deps, ae, { op: 'N-CREATE', sopClass: SopClass.ModalityPerformedProcedureStep, instance: SOPInstanceUID, attributes }, `MPPS N-CREATE of ${SOPInstanceUID} for app run ${run.jobId}`);
      const at = new Date().toISOString();
      deps.steps.create({ SOPInstanceUID, direction: 'sent', ae: ae.title, status: 'IN PROGRESS', attributes: JSON.stringify(attributes), createdAt: at, updatedAt: at });
      return async (end) => {
        const written: StoredInstance[] = end.status === 'COMPLETED' ? end.written.flatMap((w) => deps.index.getInstances({ SOPInstanceUID: w.sopInstanceUID })) : [];
        const modifications = mppsFinalAttributes(end.status, new Date(), performedSeries(written, config.aeTitle));
        try {
          await sendMpps(deps, ae, { op: 'N-SET', sopClass: SopClass.ModalityPerformedProcedureStep, instance: SOPInstanceUID, modifications }, `MPPS N-SET ${end.status} of ${SOPInstanceUID}`);
        } catch (e) {
          deps.enqueueSet?.({ ae: ae.title, SOPInstanceUID, status: end.status, series: [...new Set(written.map((w) => w.series.SeriesInstanceUID))] });
          throw e;
        }
        deps.steps.update(SOPInstanceUID, 'sent', end.status, JSON.stringify({ ...attributes, ...modifications }), new Date().toISOString());
      };
    },
  };
}
