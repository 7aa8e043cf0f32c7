import { VerificationSOPClass } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import { CommandField, type DimseCommand } from '../dimse/dimse-command.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { EchoStatus, hexStatus, NO_STATUS } from '../../errors/dimse-statuses.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { openScu, type RemotePeer, type ScuSettings } from './open-scu.js';

/** The Verification presentation context to propose. */
export const VERIFICATION_CONTEXT = { abstractSyntax: VerificationSOPClass, transferSyntaxes: [UNCOMPRESSED_SYNTAXES[1]!, UNCOMPRESSED_SYNTAXES[0]!] } as const;

/**
 * Sends C-ECHO on an open connection (PS3.4 Annex A).
 * @throws AtriumError `ATRIUM_ERR_NET_ECHO_FAILED` for a status other than 0000.
 */
export async function echoOn(connection: DimseConnection): Promise<void> {
  const context = connection.association.contextFor(VerificationSOPClass);
  if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${connection.association.calledAeTitle} did not accept the Verification SOP Class`);
  const response = await connection.requestOnce(context.id, { CommandField: CommandField.CEchoRq, AffectedSOPClassUID: VerificationSOPClass } as Omit<DimseCommand, 'CommandDataSetType'>);
  const status = response.command.Status ?? NO_STATUS;
  if (status !== EchoStatus.Success.code) throw new AtriumError('ATRIUM_ERR_NET_ECHO_FAILED', `C-ECHO to ${connection.association.calledAeTitle} answered status ${hexStatus(status)}`, { status });
}

/**
 * Verifies `peer` (C-ECHO on its own association) and returns the round trip in ms,
 * association set-up and release included.
 * @throws AtriumError as {@link openScu} and {@link echoOn}.
 */
export async function echo(settings: ScuSettings, peer: RemotePeer): Promise<{ ms: number }> {
  const start = performance.now();
  const session = await openScu(settings, peer, [VERIFICATION_CONTEXT]);
  try {
    await echoOn(session.connection);
  } finally {
    await session.close();
  }
  return { ms: performance.now() - start };
}
