import { SopClass } from '@atrium/sdk';
import type { MppsTable } from '../../db/mpps-table.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { MppsStatus } from '../../errors/dimse-statuses.js';
import { decodeAttributes, type AttributeList } from '../dimse/attribute-list.js';
import { CommandField } from '../dimse/dimse-command.js';
import type { IncomingRequest, Responder } from '../dimse/dimse-connection.js';
import type { ScpService } from '../scp/dicom-server.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { createProblem, setOutcome, type MppsProblem } from './mpps-rules.js';

/** Options of {@link mppsService}. */
export interface MppsServiceOptions {
  readonly steps: Pick<MppsTable, 'create' | 'get' | 'update'>;
  /** One line per step created or set (`atrium serve`'s log). */
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

const answer = (responder: Responder, p: MppsProblem): Promise<void> =>
  responder.respond({ Status: p.status.code, ErrorComment: p.comment.slice(0, 64), ...(p.errorId === undefined ? {} : { ErrorID: p.errorId }) });

/** The request's attribute list, or the problem (0110) when it cannot be read. */
function attributesOf(request: IncomingRequest): AttributeList | MppsProblem {
  try {
    return request.dataset ? decodeAttributes(request.dataset, request.context.transferSyntax) : {};
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return { status: MppsStatus.ProcessingFailure, comment: e.message };
  }
}

const isProblem = (v: object): v is MppsProblem => 'status' in v && typeof (v as MppsProblem).comment === 'string';

/**
 * The Modality Performed Procedure Step SOP Class as SCP (PS3.4 Annex F), for `atrium serve`:
 * N-CREATE of a step IN PROGRESS (its attributes checked, Shimadzu DAR-9500f conformance
 * statement Table 13 as the SCU sends them), N-SET of its progress until COMPLETED or
 * DISCONTINUED (Table 16), then no more (PS3.4 §F.7.3); every step kept in the database.
 */
export function mppsService(options: MppsServiceOptions): ScpService {
  const now = (): string => (options.now?.() ?? new Date()).toISOString();
  return {
    syntaxes: new Map([[SopClass.ModalityPerformedProcedureStep, new Set(UNCOMPRESSED_SYNTAXES)]]),
    handlers: {
      [CommandField.NCreateRq]: async (request, responder) => {
        const uid = request.command.AffectedSOPInstanceUID;
        // PS3.4 §F.7.2.1.1: the SCU gives the SOP Instance UID of the step (DAR-9500f does).
        if (!uid) return answer(responder, { status: MppsStatus.InvalidArgumentValue, comment: 'N-CREATE without Affected SOP Instance UID' });
        const list = attributesOf(request);
        if (isProblem(list)) return answer(responder, list);
        const problem = createProblem(list);
        if (problem) return answer(responder, problem);
        const calling = responder.connection.association.callingAeTitle;
        const at = now();
        if (!options.steps.create({ SOPInstanceUID: uid, direction: 'received', ae: calling, status: 'IN PROGRESS', attributes: JSON.stringify(list), createdAt: at, updatedAt: at })) {
          return answer(responder, { status: MppsStatus.DuplicateSopInstance, comment: `Step ${uid} exists` });
        }
        options.log?.(`MPPS ${uid} created IN PROGRESS by ${calling}`);
        await responder.respond({ Status: MppsStatus.Success.code, AffectedSOPInstanceUID: uid });
      },
      [CommandField.NSetRq]: async (request, responder) => {
        const uid = request.command.RequestedSOPInstanceUID ?? '';
        const step = options.steps.get(uid, 'received');
        if (!step) return answer(responder, { status: MppsStatus.NoSuchSopInstance, comment: `No step ${uid}` });
        const list = attributesOf(request);
        if (isProblem(list)) return answer(responder, list);
        const outcome = setOutcome(step.status, JSON.parse(step.attributes) as AttributeList, list);
        if (isProblem(outcome)) return answer(responder, outcome);
        options.steps.update(uid, 'received', outcome.state, JSON.stringify(outcome.attributes), now());
        options.log?.(`MPPS ${uid} set ${outcome.state} by ${responder.connection.association.callingAeTitle}`);
        await responder.respond({ Status: MppsStatus.Success.code });
      },
    },
  };
}
