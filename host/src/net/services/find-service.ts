import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { QueryRetrieveSopClass } from '@atrium/sdk';
import type { Index } from '../../db/dicom-index.js';
import { query } from '../../db/query-engine.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { CommandField } from '../dimse/dimse-command.js';
import { FindStatus } from '../../errors/dimse-statuses.js';
import type { FindLimitAnswer } from '../config/network-config.js';
import type { ScpService } from '../scp/dicom-server.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { readIdentifier, writeIdentifier } from './query-identifier.js';

/** Options of {@link findService}. */
export interface FindServiceOptions {
  readonly index: Pick<Index, 'query'>;
  /** Our AE title, returned as Retrieve AE Title. */
  readonly aeTitle: string;
  /** Most matches returned (Canon GCA-9300R conformance statement §4.2.4: 500); 0 = no limit. */
  readonly limit: number;
  /** Past the limit: A700 (`refuse`, default) or Success after the first `limit` (`success`, GCA-9300R §4.2.4.4.1.3.1). */
  readonly limitAnswer?: FindLimitAnswer;
  /**
   * Agree to relational queries when a caller asks for them (SOP Class Extended Negotiation,
   * PS3.4 §C.5.1.1; the Shimadzu DAR-9500f queries relationally when it may). Default: false.
   */
  readonly relationalQueries?: boolean;
}

/** The Patient Root / Study Root model of a Q/R SOP class, or undefined. */
export function modelOf(sopClass: string): 'PATIENT' | 'STUDY' | undefined {
  if (sopClass === QueryRetrieveSopClass.PatientRootFind || sopClass === QueryRetrieveSopClass.PatientRootMove || sopClass === QueryRetrieveSopClass.PatientRootGet) return 'PATIENT';
  if (sopClass === QueryRetrieveSopClass.StudyRootFind || sopClass === QueryRetrieveSopClass.StudyRootMove || sopClass === QueryRetrieveSopClass.StudyRootGet) return 'STUDY';
  return undefined;
}

/**
 * Query/Retrieve C-FIND SCP (PS3.4 §C.4.1), Patient Root and Study Root at every level,
 * matched by the index's query engine (Canon GCA-9300R conformance statement Table 4-26 keys). One Pending response
 * per match — FF00, or FF01 when a requested key is not supported (its value comes back
 * empty) — then 0000. At most `limit` matches: when there are more, the first `limit`
 * are sent and the query ends with A700 "Refused: out of resources" naming the limit, or
 * (`limitAnswer: 'success'`, the Canon GCA-9300R's behaviour) with Success.
 * A C-CANCEL ends the responses with FE00. A bad Identifier (no/unknown level, bad
 * range or UID list) is answered A900 with the reason in Error Comment.
 */
export function findService(options: FindServiceOptions): ScpService {
  const syntaxes = new Set(UNCOMPRESSED_SYNTAXES);
  return {
    syntaxes: new Map([[QueryRetrieveSopClass.PatientRootFind, syntaxes], [QueryRetrieveSopClass.StudyRootFind, syntaxes]]),
    queryRetrieve: true,
    // Byte 1 of the C-FIND application information: relational queries (0 = not supported).
    extendedNegotiation: (_sopClass, proposed) => (proposed[0] === 1 ? Uint8Array.of(options.relationalQueries === true ? 1 : 0) : undefined),
    handlers: {
      [CommandField.CFindRq]: async (request, responder) => {
        const ts = request.context.transferSyntax;
        const limit = options.limit > 0 ? options.limit : Number.MAX_SAFE_INTEGER;
        let matches;
        let identifier;
        try {
          identifier = readIdentifier(request.dataset ?? new Uint8Array(0), ts);
          matches = query(options.index, identifier.level, identifier.keys, { ...(options.limit > 0 ? { limit: options.limit + 1 } : {}), model: modelOf(request.context.abstractSyntax) ?? 'STUDY' });
        } catch (e) {
          if (!isAtriumError(e)) throw e;
          await responder.respond({ Status: FindStatus.IdentifierDoesNotMatchSopClass.code, ErrorComment: e.message.slice(0, 64) });
          return;
        }
        const pending = (identifier.unsupported.length > 0 ? FindStatus.PendingWarning : FindStatus.Pending).code;
        let sent = 0;
        for (const match of matches.slice(0, limit)) {
          if (responder.cancelled.aborted) break;
          await responder.respond({ Status: pending }, writeIdentifier(match, identifier.requested, identifier.level, ts, options.aeTitle, identifier.characterSet));
          if (++sent % 16 === 0) await yieldToEvents();
        }
        await yieldToEvents();
        if (responder.cancelled.aborted) await responder.respond({ Status: FindStatus.Cancel.code });
        else if (matches.length > limit && options.limitAnswer !== 'success') await responder.respond({ Status: FindStatus.OutOfResources.code, ErrorComment: `More than ${options.limit} matches: refine the query` });
        else await responder.respond({ Status: FindStatus.Success.code });
      },
    },
  };
}
