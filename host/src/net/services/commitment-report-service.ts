import { SopClass } from '@atrium/sdk';
import type { CommitmentTable } from '../../db/commitment-table.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { StorageCommitmentStatus } from '../../errors/dimse-statuses.js';
import { decodeAttributes } from '../dimse/attribute-list.js';
import { CommandField } from '../dimse/dimse-command.js';
import type { RequestHandler } from '../dimse/dimse-connection.js';
import type { ScpService } from '../scp/dicom-server.js';
import { CommitmentEvent, readCommitmentReport, type CommitmentReport } from '../scu/commitment-scu.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';

/** What the report handler records into, and tells. */
export interface CommitmentReportOptions {
  readonly commitments: Pick<CommitmentTable, 'report'>;
  /** Called after a report is recorded (logs, a waiting SCU). */
  readonly onReport?: (report: CommitmentReport, from: string) => void;
  /** Clock (tests). */
  readonly now?: () => Date;
}

/**
 * Handles the N-EVENT-REPORT of the Storage Commitment Push Model (PS3.4 §J.3.3) — on the
 * association that sent the N-ACTION or on one the SCP opens later: records each
 * instance's result under its Transaction UID and answers Success; a Transaction UID we
 * never sent is answered "Invalid argument value" (0115), an unknown event "No such event
 * type" (0113), an unreadable report "Processing failure" (0110), each with an Error Comment.
 */
export function commitmentReportHandler(options: CommitmentReportOptions): RequestHandler {
  return async (request, responder) => {
    const { command } = request;
    if (command.EventTypeID !== CommitmentEvent.AllSuccessful && command.EventTypeID !== CommitmentEvent.SomeFailed) {
      await responder.respond({ Status: StorageCommitmentStatus.NoSuchEventType.code, ErrorComment: `Event Type ID ${command.EventTypeID ?? '(none)'} is not 1 or 2` });
      return;
    }
    let report: CommitmentReport;
    try {
      report = readCommitmentReport(request.dataset ? decodeAttributes(request.dataset, request.context.transferSyntax) : {});
    } catch (e) {
      if (!isAtriumError(e)) throw e;
      await responder.respond({ Status: StorageCommitmentStatus.ProcessingFailure.code, ErrorComment: e.message.slice(0, 64) });
      return;
    }
    const at = (options.now?.() ?? new Date()).toISOString();
    if (!options.commitments.report(report.transactionUid, report.results, at)) {
      await responder.respond({ Status: StorageCommitmentStatus.InvalidArgumentValue.code, ErrorComment: `Unknown Transaction UID ${report.transactionUid}`.slice(0, 64) });
      return;
    }
    await responder.respond({ Status: StorageCommitmentStatus.Success.code });
    options.onReport?.(report, responder.connection.association.callingAeTitle);
  };
}

/**
 * The Storage Commitment Push Model in the SCU role, for `atrium serve` (Shimadzu DAR-9500f
 * conformance statement, Storage Commitment): the SCP that committed what we sent calls
 * back with its N-EVENT-REPORT, proposing SCP role (PS3.7 §D.3.3.4) or not — both accepted.
 */
export function commitmentReportService(options: CommitmentReportOptions): ScpService {
  return {
    syntaxes: new Map([[SopClass.StorageCommitmentPushModel, new Set(UNCOMPRESSED_SYNTAXES)]]),
    handlers: { [CommandField.NEventReportRq]: commitmentReportHandler(options) },
  };
}
