import { VerificationSOPClass } from '@atrium/sdk';
import { CommandField } from '../dimse/dimse-command.js';
import { EchoStatus } from '../../errors/dimse-statuses.js';
import type { ScpService } from '../scp/dicom-server.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';

/** Verification SCP (PS3.4 Annex A): C-ECHO answered with Success. */
export function echoService(): ScpService {
  return {
    syntaxes: new Map([[VerificationSOPClass, new Set(UNCOMPRESSED_SYNTAXES)]]),
    handlers: {
      [CommandField.CEchoRq]: async (_request, responder) => {
        await responder.respond({ Status: EchoStatus.Success.code });
      },
    },
  };
}
