import { decodeCommand, encodeCommand, hasDataSet, type DimseCommand } from '../dimse/dimse-command.js';
import { decodePDataParts, decodePdu } from '../ul/decode-pdu.js';
import { encodeAssociateAc, encodePData, encodeRelease } from '../ul/encode-pdu.js';
import { DICOM_APPLICATION_CONTEXT, PcResult, PduType, type AssociateRq } from '../ul/pdu.js';
import { PduFramer } from '../ul/pdu-framer.js';
import { rawServer } from './raw-peer.js';

/** One DIMSE message a scripted SCP sends: a command (raw bytes allowed, to send what a real peer sends) and a data set. */
export interface ScriptedMessage {
  readonly command: DimseCommand | Buffer;
  readonly dataset?: Buffer;
}

/** What a scripted SCP received. */
export interface ScriptedScp {
  readonly port: number;
  /** Every command received, in order (C-CANCEL-RQs included). */
  readonly received: DimseCommand[];
  /** PDU types received, in order. */
  readonly pduTypes: number[];
  close(): Promise<void>;
}

/**
 * A test SCP that accepts every proposed context (with its first transfer syntax) and
 * answers each request with what `script` returns — every message of one answer in a
 * single TCP write, as a peer that does not wait between responses. The codec is
 * Atrium's, the sequencing is the script's: it plays a peer's exact bytes to our SCU.
 */
export async function scriptedScp(script: (request: DimseCommand, contextId: number) => readonly ScriptedMessage[] | Promise<readonly ScriptedMessage[]>): Promise<ScriptedScp> {
  const received: DimseCommand[] = [];
  const pduTypes: number[] = [];
  const peer = await rawServer((c) => {
    const framer = new PduFramer(0);
    let command: Buffer[] = [];
    let pending: DimseCommand | undefined;
    let data: Buffer[] = [];
    const answer = async (request: DimseCommand, contextId: number): Promise<void> => {
      const messages = await script(request, contextId);
      const pdus = messages.flatMap((m) => [
        encodePData([{ contextId, command: true, last: true, data: Buffer.isBuffer(m.command) ? m.command : encodeCommand(m.command) }]),
        ...(m.dataset ? [encodePData([{ contextId, command: false, last: true, data: m.dataset }])] : []),
      ]);
      if (pdus.length > 0 && !c.socket.destroyed) c.socket.write(Buffer.concat(pdus));
    };
    c.socket.on('data', (chunk: Buffer) => {
      for (const raw of framer.push(chunk)) {
        pduTypes.push(raw.type);
        if (raw.type === PduType.AssociateRq) {
          const rq = decodePdu(raw.type, raw.body) as AssociateRq;
          c.socket.write(encodeAssociateAc({
            type: PduType.AssociateAc, protocolVersion: 1, calledAeTitle: rq.calledAeTitle, callingAeTitle: rq.callingAeTitle, applicationContext: DICOM_APPLICATION_CONTEXT,
            contexts: rq.contexts.map((p) => ({ id: p.id, result: PcResult.Acceptance, transferSyntax: p.transferSyntaxes[0]! })),
            userInformation: { maxPduLength: 16384, implementationClassUid: '1.2.3.4', roleSelections: [] },
          }));
        } else if (raw.type === PduType.ReleaseRq) c.socket.end(encodeRelease(PduType.ReleaseRp));
        else if (raw.type === PduType.PData) {
          for (const pdv of decodePDataParts(raw.parts)) {
            (pdv.command ? command : data).push(...pdv.parts);
            if (!pdv.last) continue;
            if (pdv.command) {
              const cmd = decodeCommand(Buffer.concat(command));
              command = [];
              received.push(cmd);
              if (hasDataSet(cmd)) pending = cmd;
              else void answer(cmd, pdv.contextId);
            } else if (pending) {
              data = [];
              const cmd = pending;
              pending = undefined;
              void answer(cmd, pdv.contextId);
            }
          }
        }
      }
    });
  });
  return { port: peer.port, received, pduTypes, close: peer.close };
}
