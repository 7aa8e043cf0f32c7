/** Values at least this long are kept by reference rather than copied into the buffer. */
const LARGE = 4096;

/**
 * Collects output bytes: small writes (tags, lengths, VRs, short values) go straight into one
 * growable buffer through a DataView — no allocation per 2- or 4-byte write — while large values
 * (≥ 4 KiB, e.g. Pixel Data) are kept by reference; {@link toBytes} copies everything once.
 */
export class ByteSink {
  /** Finished segments in order: filled parts of earlier buffers and large values. */
  private readonly chunks: Uint8Array[] = [];
  private chunkBytes = 0;
  private buffer: Uint8Array;
  private view: DataView;
  private position = 0;

  /** `capacity`: initial buffer size in bytes (grown as needed). */
  constructor(private readonly littleEndian: boolean, capacity = 256) {
    this.buffer = new Uint8Array(Math.max(16, capacity));
    this.view = new DataView(this.buffer.buffer);
  }

  get length(): number {
    return this.chunkBytes + this.position;
  }
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (n === 0) return;
    if (n >= LARGE) {
      this.seal();
      this.chunks.push(b);
      this.chunkBytes += n;
      return;
    }
    this.reserve(n);
    if (n <= 16) {
      // a loop beats the TypedArray#set call for short values
      const buf = this.buffer;
      const at = this.position;
      for (let i = 0; i < n; i++) buf[at + i] = b[i]!;
    } else {
      this.buffer.set(b, this.position);
    }
    this.position += n;
  }
  uint16(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.position, v, this.littleEndian);
    this.position += 2;
  }
  uint32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.position, v >>> 0, this.littleEndian);
    this.position += 4;
  }
  tag(tag: number): void {
    this.reserve(4);
    this.view.setUint16(this.position, Math.floor(tag / 0x10000), this.littleEndian);
    this.view.setUint16(this.position + 2, tag & 0xffff, this.littleEndian);
    this.position += 4;
  }
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buffer;
    const at = this.position;
    for (let i = 0; i < n; i++) buf[at + i] = s.charCodeAt(i);
    this.position += n;
  }
  /** Append everything another sink collected. */
  append(other: ByteSink): void {
    for (const c of other.chunks) this.bytes(c);
    this.bytes(other.buffer.subarray(0, other.position));
  }
  /** The bytes written so far, in a new array of exactly {@link length} bytes (the sink can go on). */
  toBytes(): Uint8Array {
    if (this.chunks.length === 0) return this.buffer.slice(0, this.position);
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(this.buffer.subarray(0, this.position), at);
    return out;
  }

  /** Close the current buffer as a segment (kept by reference) and continue in a new one. */
  private seal(): void {
    if (this.position === 0) return;
    this.chunks.push(this.buffer.subarray(0, this.position));
    this.chunkBytes += this.position;
    this.buffer = new Uint8Array(this.buffer.length);
    this.view = new DataView(this.buffer.buffer);
    this.position = 0;
  }

  private reserve(n: number): void {
    const needed = this.position + n;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.position));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }
}
