import type { ReadableWindow } from './byte-window.js';

/**
 * A {@link ReadableWindow} over bytes held as consecutive slices (a data set as its PDVs
 * arrived, behind a generated File Meta Information), never joined: a range inside one
 * slice is a view of it, only a range that crosses slices is copied (an element header or
 * a short value cut by a PDV boundary; the start of the object that a header parse reads).
 */
export class SliceWindow implements ReadableWindow {
  readonly size: number;
  /** Offset of each slice in the whole. */
  private readonly starts: number[];
  /** The slice of the last lookup (walks move forward). */
  private last = 0;

  constructor(private readonly slices: readonly Uint8Array[]) {
    let at = 0;
    this.starts = slices.map((s) => {
      const start = at;
      at += s.length;
      return start;
    });
    this.size = at;
  }

  bytes(at: number, n: number): Uint8Array {
    const from = Math.max(0, Math.min(at, this.size));
    const to = Math.max(from, Math.min(at + n, this.size));
    if (to === from) return new Uint8Array(0);
    const i = this.sliceAt(from);
    const slice = this.slices[i]!;
    const offset = from - this.starts[i]!;
    if (to - from <= slice.length - offset) return slice.subarray(offset, offset + to - from);
    return this.copy(from, to, i);
  }

  read(at: number, n: number): Uint8Array {
    const from = Math.max(0, Math.min(at, this.size));
    const to = Math.max(from, Math.min(at + n, this.size));
    return to === from ? new Uint8Array(0) : this.copy(from, to, this.sliceAt(from));
  }

  /** A new array of `[from, to)`, starting in slice `i`. */
  private copy(from: number, to: number, i: number): Uint8Array {
    const out = new Uint8Array(to - from);
    for (let at = from; at < to; i++) {
      const slice = this.slices[i]!;
      const offset = at - this.starts[i]!;
      const n = Math.min(slice.length - offset, to - at);
      out.set(slice.subarray(offset, offset + n), at - from);
      at += n;
    }
    return out;
  }

  /** The index of the slice holding byte `at` (< size). */
  private sliceAt(at: number): number {
    const starts = this.starts;
    let i = this.last;
    if (at < starts[i]!) i = 0;
    // Forward scan from the last slice (walks move forward), a binary search for a jump.
    if (i + 8 < starts.length && at >= starts[i + 8]!) {
      let lo = i + 8;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    }
    while (i + 1 < starts.length && starts[i + 1]! <= at) i++;
    // Skip empty slices: the slice found must hold byte `at`.
    while (this.slices[i]!.length === 0 || at >= starts[i]! + this.slices[i]!.length) i++;
    this.last = i;
    return i;
  }
}
