import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { rawServer, type RawConnection } from '../test-support/raw-peer.js';
import { decodePdu } from './decode-pdu.js';
import { encodeAssociateAc } from './encode-pdu.js';
import { AbortReason, AbortSource, DICOM_APPLICATION_CONTEXT, PcResult, PduType, type AssociateRq } from './pdu.js';
import { requestAssociation } from './request-association.js';

/** The requestor against an acceptor that announces a Maximum Length no P-DATA-TF fits in. */
const IMPLICIT_LE = '1.2.840.10008.1.2';

async function againstAcceptor(maxPduLength: number): Promise<{ error: unknown; seen: RawConnection }> {
  let seen: RawConnection | undefined;
  const acceptor = await rawServer((c) => {
    seen = c;
    void c.waitForPdus(1, 3000).then(([rq]) => {
      const request = decodePdu(rq!.type, rq!.body) as AssociateRq;
      c.socket.write(encodeAssociateAc({
        type: PduType.AssociateAc, protocolVersion: 1, calledAeTitle: request.calledAeTitle, callingAeTitle: request.callingAeTitle, applicationContext: DICOM_APPLICATION_CONTEXT,
        contexts: request.contexts.map((p) => ({ id: p.id, result: PcResult.Acceptance, transferSyntax: IMPLICIT_LE })),
        userInformation: { maxPduLength, implementationClassUid: '1.2.3.4', roleSelections: [] },
      }));
    });
  });
  try {
    const error = await requestAssociation({
      host: '127.0.0.1', port: acceptor.port, callingAeTitle: 'ATRIUM', calledAeTitle: 'TINY', contexts: [{ abstractSyntax: '1.2.840.10008.1.1', transferSyntaxes: [IMPLICIT_LE] }],
      maxPduLength: 16384, connectTimeoutMs: 2000, associationTimeoutMs: 2000, idleMs: 2000,
    }).then((r) => {
      r.association.abort();
      return undefined;
    }, (e: unknown) => e);
    await seen!.waitForPdus(2, 2000);
    return { error, seen: seen! };
  } finally {
    await acceptor.close();
  }
}

describe('requestAssociation: the acceptor announces a Maximum Length of 1 to 6', () => {
  it('aborts with invalid-PDU-parameter-value (PS3.8 Table 9-26) and throws ATRIUM_ERR_NET_MAX_LENGTH; sends no P-DATA-TF', async () => {
    for (const maxPduLength of [1, 6, 100]) {
      const { error, seen } = await againstAcceptor(maxPduLength);
      expect(isAtriumError(error, 'ATRIUM_ERR_NET_MAX_LENGTH'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(new RegExp(
        `^TINY@127\\.0\\.0\\.1:\\d+ accepted the association, but its Maximum Length ${maxPduLength} is under 1024 bytes \\(0 for no limit\\): ` +
          `P-DATA-TF PDUs of that size carry ${Math.max(0, maxPduLength - 6)} bytes of data each; the association was aborted$`,
      ));
      const types = seen.pdus().map((p) => p.type);
      expect(types).toEqual([PduType.AssociateRq, PduType.Abort]);
      expect([...seen.pdus()[1]!.body.subarray(2, 4)]).toEqual([AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue]);
    }
  });
});
