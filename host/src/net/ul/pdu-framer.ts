import { AbortReason, PduType } from './pdu.js';
import { malformed, pduName } from './decode-pdu.js';

/** One PDU cut from the byte stream: its type and the bytes after its 6-byte header. */
export interface RawPdu {
  readonly type: number;
  /** The body as received: slices of the socket's chunks, not copied. */
  readonly parts: readonly Buffer[];
  /** The body in one buffer (joined on first use). */
  readonly body: Buffer;
}

function rawPdu(type: number, parts: Buffer[]): RawPdu {
  let joined: Buffer | undefined;
  return {
    type,
    parts,
    get body(): Buffer {
      joined ??= parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      return joined;
    },
  };
}

/** Largest PDU accepted when the local maximum is 0 ("no limit", PS3.8 §D.1). */
const HARD_LIMIT = 512 * 1024 * 1024;
/** Largest non-data PDU (an A-ASSOCIATE-RQ with hundreds of contexts is ~40 KiB). */
const CONTROL_LIMIT = 1024 * 1024;

/**
 * Cuts a TCP byte stream into PDUs (PS3.8 §9.3.1) without quadratic copying: chunks are
 * kept as received and joined once per PDU. A header that cannot start a PDU — unknown
 * type, a length over the local maximum — is refused at once, before its body arrives, so
 * garbage on the port never makes the server buffer gigabytes or wait for bytes that will
 * never come.
 */
export class PduFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: { type: number; length: number } | undefined;

  /** @param maxPDataLength the local Maximum Length (0 = no limit). */
  constructor(private readonly maxPDataLength: number) {}

  /** Bytes received but not yet part of a whole PDU. */
  get pending(): number {
    return this.buffered;
  }

  /**
   * Adds received bytes; returns the PDUs they complete.
   * @throws AtriumError `ATRIUM_ERR_NET_MALFORMED_PDU` (unknown type, length over the limit).
   */
  push(chunk: Buffer): RawPdu[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: RawPdu[] = [];
    for (;;) {
      if (!this.expected) {
        if (this.buffered < 6) break;
        const head = this.take(6);
        const type = head[0]!;
        const length = head.readUInt32BE(2);
        if (type < PduType.AssociateRq || type > PduType.Abort) throw malformed(type, 0, `not a PDU type (first byte 0x${type.toString(16).padStart(2, '0')})`, AbortReason.UnrecognizedPdu);
        const limit = type === PduType.PData ? (this.maxPDataLength === 0 ? HARD_LIMIT : this.maxPDataLength) : CONTROL_LIMIT;
        if (length > limit) throw malformed(type, 2, `${pduName(type)} of ${length} bytes exceeds the limit of ${limit} bytes`);
        this.expected = { type, length };
      }
      if (this.buffered < this.expected.length) break;
      out.push(rawPdu(this.expected.type, this.takeParts(this.expected.length)));
      this.expected = undefined;
    }
    return out;
  }

  /** Removes and returns the first `n` buffered bytes as slices of the chunks (no copy). */
  private takeParts(n: number): Buffer[] {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.chunks[0]!;
      if (c.length <= left) {
        out.push(c);
        this.chunks.shift();
        left -= c.length;
      } else {
        out.push(c.subarray(0, left));
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n;
    return out;
  }

  /** Removes and returns the first `n` buffered bytes (joins only the chunks it spans). */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) {
      const head = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return head;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const want = Math.min(n - filled, c.length);
      c.copy(out, filled, 0, want);
      filled += want;
      if (want === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(want);
    }
    this.buffered -= n;
    return out;
  }
}
