import { roiOfMask, type Roi } from './roi.js';

/** Regions proposed on a summed image, and how. */
export interface ProposedRois {
  readonly left: Roi;
  readonly right: Roi;
  readonly background: Roi;
  readonly note: string;
}

/**
 * Kidney and background regions proposed on the summed early frames of a renogram: the image
 * smoothed (3 × 3 mean, twice), thresholded at `fraction` of its maximum, the two largest
 * 4-connected regions (holes filled) taken as the kidneys — the one towards the patient's left as the
 * left kidney (`leftTowardsHigherColumns` from the detector's orientation) — and the background a
 * perirenal ring, 2 pixels wide and 2 pixels out, around both (kidney pixels excluded). Undefined
 * when fewer than two regions of at least 8 pixels are found.
 */
export function proposeRois(image: ArrayLike<number>, columns: number, rows: number, leftTowardsHigherColumns: boolean, fraction = 0.35): ProposedRois | undefined {
  const smooth = boxMean(boxMean(Float64Array.from(image), columns, rows), columns, rows);
  let max = 0;
  for (const v of smooth) max = Math.max(max, v);
  const above = Uint8Array.from(smooth, (v) => (v > fraction * max ? 1 : 0));
  const labels = components(above, columns, rows);
  const regions = [...labels.sizes.entries()].filter(([, n]) => n >= 8).sort((a, b) => b[1] - a[1]).slice(0, 2);
  if (regions.length < 2) return undefined;
  const masks = regions.map(([label]) => Uint8Array.from(labels.of, (l) => (l === label ? 1 : 0)));
  const meanColumn = (m: Uint8Array) => {
    let s = 0;
    let n = 0;
    m.forEach((v, i) => {
      if (v) {
        s += i % columns;
        n++;
      }
    });
    return s / n;
  };
  const [a, b] = masks as [Uint8Array, Uint8Array];
  const aIsLeft = (meanColumn(a) > meanColumn(b)) === leftTowardsHigherColumns;
  const [left, right] = aIsLeft ? [a, b] : [b, a];
  const both = left.map((v, i) => v | right[i]!);
  const outer = dilate(both, columns, rows, 4);
  const inner = dilate(both, columns, rows, 2);
  const ring = outer.map((v, i) => (v && !inner[i] ? 1 : 0));
  return {
    left: roiOfMask(left),
    right: roiOfMask(right),
    background: roiOfMask(ring),
    note: `proposed automatically: kidneys above ${Math.round(fraction * 100)} % of the maximum of the summed early frames, background a perirenal ring 2 pixels wide and 2 pixels out`,
  };
}

function boxMean(v: Float64Array, w: number, h: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
    let s = 0;
    let n = 0;
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
        s += v[rr * w + cc]!;
        n++;
      }
    }
    out[r * w + c] = s / n;
  }
  return out;
}

/** 4-connected components of a mask: a label per pixel (0 = background) and the size of each label. */
function components(mask: Uint8Array, w: number, h: number): { of: Int32Array; sizes: Map<number, number> } {
  const of = new Int32Array(mask.length);
  const sizes = new Map<number, number>();
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || of[start]) continue;
    next++;
    let size = 0;
    const stack = [start];
    of[start] = next;
    while (stack.length > 0) {
      const i = stack.pop()!;
      size++;
      const r = Math.floor(i / w);
      const c = i % w;
      for (const [rr, cc] of [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]] as const) {
        const j = rr * w + cc;
        if (rr >= 0 && rr < h && cc >= 0 && cc < w && mask[j] && !of[j]) {
          of[j] = next;
          stack.push(j);
        }
      }
    }
    sizes.set(next, size);
  }
  return { of, sizes };
}

/** The mask grown by `n` pixels (Chebyshev distance). */
function dilate(mask: Uint8Array, w: number, h: number, n: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) {
    if (!mask[r * w + c]) continue;
    for (let rr = Math.max(0, r - n); rr <= Math.min(h - 1, r + n); rr++) for (let cc = Math.max(0, c - n); cc <= Math.min(w - 1, c + n); cc++) out[rr * w + cc] = 1;
  }
  return out;
}
