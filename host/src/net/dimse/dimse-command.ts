import { AtriumError } from '../../errors/atrium-error.js';
import { CommandTag, CommandVr, type CommandKeyword } from './command-tags.generated.js';

/** Command Field values (PS3.7 §E.1, Table E.1-1 and §9.3). */
export const CommandField = {
  CStoreRq: 0x0001,
  CStoreRsp: 0x8001,
  CGetRq: 0x0010,
  CGetRsp: 0x8010,
  CFindRq: 0x0020,
  CFindRsp: 0x8020,
  CMoveRq: 0x0021,
  CMoveRsp: 0x8021,
  CEchoRq: 0x0030,
  CEchoRsp: 0x8030,
  CCancelRq: 0x0fff,
  // DIMSE-N (PS3.7 §10.3, Table E.2-1)
  NEventReportRq: 0x0100,
  NEventReportRsp: 0x8100,
  NGetRq: 0x0110,
  NGetRsp: 0x8110,
  NSetRq: 0x0120,
  NSetRsp: 0x8120,
  NActionRq: 0x0130,
  NActionRsp: 0x8130,
  NCreateRq: 0x0140,
  NCreateRsp: 0x8140,
  NDeleteRq: 0x0150,
  NDeleteRsp: 0x8150,
} as const;

/** Whether a Command Field is one of the DIMSE-N requests or responses (PS3.7 §10). */
export const isNormalized = (commandField: number): boolean => {
  const rq = commandField & 0x7fff;
  return rq >= CommandField.NEventReportRq && rq <= CommandField.NDeleteRq && (rq & 0x000f) === 0;
};

/** Command Data Set Type (0000,0800) meaning "no data set" (PS3.7 §E.1). */
export const NO_DATA_SET = 0x0101;

/** Priority (0000,0700) values. */
export const Priority = { Medium: 0x0000, High: 0x0001, Low: 0x0002 } as const;

/**
 * A DIMSE command set (PS3.7 Annex E): the group 0000 elements by their keyword, of the
 * C-services (§9) and the N-services (§10); others are ignored when decoding.
 */
export interface DimseCommand {
  CommandField: number;
  /** {@link NO_DATA_SET} when no data set follows; any other value when one does. */
  CommandDataSetType: number;
  MessageID?: number;
  MessageIDBeingRespondedTo?: number;
  AffectedSOPClassUID?: string;
  RequestedSOPClassUID?: string;
  AffectedSOPInstanceUID?: string;
  RequestedSOPInstanceUID?: string;
  MoveDestination?: string;
  Priority?: number;
  Status?: number;
  /** Tags as numbers (AT, e.g. 0x00100010). */
  OffendingElement?: number[];
  ErrorComment?: string;
  ErrorID?: number;
  NumberOfRemainingSuboperations?: number;
  NumberOfCompletedSuboperations?: number;
  NumberOfFailedSuboperations?: number;
  NumberOfWarningSuboperations?: number;
  MoveOriginatorApplicationEntityTitle?: string;
  MoveOriginatorMessageID?: number;
  /** N-EVENT-REPORT (PS3.7 §10.1.1): which event, as the SOP class defines it. */
  EventTypeID?: number;
  /** N-GET (PS3.7 §10.1.2): the attributes asked for (tags as numbers; none: all). */
  AttributeIdentifierList?: number[];
  /** N-ACTION (PS3.7 §10.1.4): which action, as the SOP class defines it. */
  ActionTypeID?: number;
  /**
   * Elements outside the command group found in a received command set, by tag (their value
   * bytes, Implicit VR Little Endian). PS3.7 §6.3.1 allows none, but DCMTK-based SCPs put a
   * response's status detail there — Orthanc a C-GET / C-MOVE failure's Failed SOP Instance
   * UID List (0008,0058). Never encoded.
   */
  statusDetail?: ReadonlyMap<number, Uint8Array>;
}

type Vr = (typeof CommandVr)[CommandKeyword];
/** The command elements this codec reads and writes: every one of PS3.7 Table E.1-1 but the group length. */
const ELEMENTS: readonly (readonly [keyof DimseCommand, number, Vr])[] = (Object.keys(CommandTag) as CommandKeyword[])
  .filter((k): k is Exclude<CommandKeyword, 'CommandGroupLength'> => k !== 'CommandGroupLength')
  .map((k) => [k, CommandTag[k], CommandVr[k]] as const);
const BY_TAG = new Map(ELEMENTS.map(([k, t, vr]) => [t, [k, vr] as const]));

function valueBytes(vr: Vr, value: unknown): Buffer {
  switch (vr) {
    case 'US': {
      const b = Buffer.alloc(2);
      b.writeUInt16LE(Number(value) & 0xffff);
      return b;
    }
    case 'AT': {
      const tags = value as number[];
      const b = Buffer.alloc(4 * tags.length);
      tags.forEach((t, i) => {
        b.writeUInt16LE(Math.floor(t / 0x10000), 4 * i);
        b.writeUInt16LE(t & 0xffff, 4 * i + 2);
      });
      return b;
    }
    default: {
      let s = String(value);
      if (vr === 'LO') s = s.slice(0, 64);
      if (s.length % 2 === 1) s += vr === 'UI' ? '\0' : ' ';
      return Buffer.from(s, 'latin1');
    }
  }
}

/** Encodes a command set in Implicit VR Little Endian with its Command Group Length (PS3.7 §6.3.1). */
export function encodeCommand(cmd: DimseCommand): Buffer {
  const parts: Buffer[] = [];
  for (const [keyword, tag, vr] of ELEMENTS) {
    const v = cmd[keyword];
    if (v === undefined) continue;
    const value = valueBytes(vr, v);
    const head = Buffer.alloc(8);
    head.writeUInt16LE(0, 0);
    head.writeUInt16LE(tag & 0xffff, 2);
    head.writeUInt32LE(value.length, 4);
    parts.push(head, value);
  }
  const body = Buffer.concat(parts);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt32LE(4, 4);
  groupLength.writeUInt32LE(body.length, 8);
  return Buffer.concat([groupLength, body]);
}

function bad(offset: number, what: string): AtriumError {
  return new AtriumError('ATRIUM_ERR_NET_MALFORMED_DIMSE', `Malformed DIMSE command set at byte ${offset}: ${what}`, { offset });
}

/**
 * Decodes an Implicit VR Little Endian command set. Elements of other groups are kept in
 * `statusDetail`, unknown command elements skipped: a response that carries more than
 * PS3.7 lists is still read (its status and counts), never a reason to abort.
 * @throws AtriumError `ATRIUM_ERR_NET_MALFORMED_DIMSE` naming the byte offset and element
 *   (an element that does not fit, a known one of the wrong length, no Command Field).
 */
export function decodeCommand(bytes: Uint8Array): DimseCommand {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, unknown> = {};
  const detail = new Map<number, Uint8Array>();
  let at = 0;
  while (at < b.length) {
    if (at + 8 > b.length) throw bad(at, `element header needs 8 bytes, ${b.length - at} left`);
    const group = b.readUInt16LE(at);
    const element = b.readUInt16LE(at + 2);
    const length = b.readUInt32LE(at + 4);
    const tag = `(${group.toString(16).padStart(4, '0')},${element.toString(16).padStart(4, '0')})`;
    if (at + 8 + length > b.length) throw bad(at, `element ${tag} claims ${length} bytes, ${b.length - at - 8} left`);
    const v = b.subarray(at + 8, at + 8 + length);
    if (group !== 0) {
      detail.set(group * 0x10000 + element, v);
      at += 8 + length;
      continue;
    }
    const known = BY_TAG.get(element);
    if (known) {
      const [keyword, vr] = known;
      if (vr === 'US') {
        if (length !== 2) throw bad(at, `${keyword} (US) has length ${length}, not 2`);
        out[keyword] = v.readUInt16LE(0);
      } else if (vr === 'AT') {
        const tags: number[] = [];
        for (let i = 0; i + 4 <= v.length; i += 4) tags.push(v.readUInt16LE(i) * 0x10000 + v.readUInt16LE(i + 2));
        out[keyword] = tags;
      } else out[keyword] = v.toString('latin1').replace(/[\0 ]+$/, '').replace(/^ +/, '');
    }
    at += 8 + length;
  }
  if (out.CommandField === undefined) throw bad(0, 'no Command Field (0000,0100)');
  if (out.CommandDataSetType === undefined) throw bad(0, 'no Command Data Set Type (0000,0800)');
  if (detail.size > 0) out.statusDetail = detail;
  return out as unknown as DimseCommand;
}

/** True when a data set follows the command. */
export const hasDataSet = (cmd: Pick<DimseCommand, 'CommandDataSetType'>): boolean => cmd.CommandDataSetType !== NO_DATA_SET;
