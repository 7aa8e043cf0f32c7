/** Collects output bytes in chunks and joins them once. */
export class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  private total = 0;

  constructor(private readonly littleEndian: boolean) {}

  get length(): number {
    return this.total;
  }
  bytes(b: Uint8Array): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.total += b.length;
  }
  uint16(v: number): void {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, this.littleEndian);
    this.bytes(b);
  }
  uint32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, this.littleEndian);
    this.bytes(b);
  }
  tag(tag: number): void {
    this.uint16(Math.floor(tag / 0x10000));
    this.uint16(tag & 0xffff);
  }
  ascii(s: string): void {
    const b = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    this.bytes(b);
  }
  /** Append everything another sink collected. */
  append(other: ByteSink): void {
    for (const c of other.chunks) this.bytes(c);
  }
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.total);
    let off = 0;
    for (const c of this.chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }
}
